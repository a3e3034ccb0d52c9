/**
 * The demo clinic's controlled-substance ledger, written through the server's ledger services (the code
 * paths of the API, so every entry is hash-chained, checked by the ledger rules and audited):
 *
 * - a registered location labelled as demo data, with a fake DEA registration number (XX0000000) that the
 *   location's name says is not a registration, and the clinic's demo ledger settings (witnessed waste, a daily
 *   count, expiry warnings), each with the demo reason;
 * - a zero initial inventory on the day the location starts handling ketamine (§9 Initial inventory,
 *   21 CFR 1304.11), then the receipts of two lots, and one vial of a short-dated lot that expired yesterday;
 * - a draw from a vial for every bag the day's chairs prepare (first expiring first), and for each finished
 *   infusion the remainder wasted with the demo physician as witness, so its books balance and the signed
 *   chart's signature stands (drawn = administered + wasted);
 * - an end-of-day count that finds one opened vial short by a small amount: the discrepancy opens at once
 *   and carries a first investigation note.
 *
 * The supplier, lots, NDC and addresses are made up and marked as demo. Running it again adds nothing already
 * there (the setup runs once, draws happen with new charts only, and one count per day).
 */
import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@ketapath/core';
import {
  findCurrentSettingChange,
  listCsContainers,
  listLedgerEntries,
  listRegisteredLocations,
  type RegisteredLocationRow,
} from '@ketapath/db';
import {
  addDiscrepancyNote,
  changeClinicalSetting,
  clinicToday,
  createLocation,
  getSessionLedger,
  recordCount,
  recordDraw,
  recordInventory,
  recordReceipt,
  recordWaste,
  type Actor,
  type AppContext,
  type RequestMeta,
} from '@ketapath/server';
import { demoLogins } from './demo-data.js';

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;

/** The demo's registered location: the fake DEA number is all zeros and the name says it is not real. */
export const DEMO_LOCATION = {
  name: 'Demo treatment room (DEMO: fake DEA number, not a registration)',
  deaRegistration: 'XX0000000',
  address: '1 Demo Street, Springfield (demo address)',
  activity: 'Practitioner (demo)',
} as const;

export const DEMO_SUPPLIER = {
  name: 'Demo Pharma Wholesale (demo supplier)',
  address: '100 Demo Parkway, Columbus, OH (demo address)',
  deaNumber: 'XS0000000',
} as const;

/** A made-up NDC in the 4-4-2 form, marked demo by the drug name. */
export const DEMO_NDC = '0000-0000-00';
export const DEMO_DRUG = {
  drugName: 'Ketamine hydrochloride injection (demo product)',
  form: 'injectable solution, single-dose vial',
  concentrationMgPerMl: 50,
  volumeMlPerContainer: 10,
} as const;

/**
 * Ledger settings of the demo clinic (values for a demonstration, stored with the demo reason). Witnessed
 * waste is clinic and state policy (REFERENCE §9 [P]); the count interval and the expiry warning have no
 * value in REFERENCE.md: a real clinic sets its own.
 */
export const DEMO_LEDGER_SETTINGS: Readonly<Record<string, number | boolean>> = {
  'ledger.waste-witness-required': true,
  'ledger.count-interval-hours': 24,
  'ledger.expiry-warning-days': 90,
};

/** What the demo's count finds missing from one opened vial (an estimate short by 0.4 mL = 20 mg). */
const COUNT_SHORTFALL_ML = 0.4;

export interface DemoLedgerSummary {
  locationName: string;
  receipts: number;
  draws: number;
  wastes: number;
  countDiscrepancyMg: number | null;
}

interface DemoLedgerActors {
  nurse: Actor;
  physician: Actor;
  admin: Actor;
}

const isoDay = (ms: number, ctx: AppContext) => clinicToday({ ...ctx, clock: { now: () => new Date(ms) } });

/** The demo ledger of one run: set up once, then a draw per prepared bag, a waste per finished infusion. */
export class DemoLedger {
  readonly summary: DemoLedgerSummary;

  private constructor(
    private readonly ctx: AppContext,
    private readonly setClock: (at: number) => void,
    private readonly actors: DemoLedgerActors,
    private readonly meta: RequestMeta,
    private readonly location: RegisteredLocationRow,
    private readonly witness: { email: string; password: string },
  ) {
    this.summary = { locationName: location.name, receipts: 0, draws: 0, wastes: 0, countDiscrepancyMg: null };
  }

  /**
   * The location, the demo ledger settings and, the first time, the initial inventory and the receipts.
   * `now` is the demo's present; `setClock` moves the clock the services read.
   */
  static async prepare(
    ctx: AppContext,
    setClock: (at: number) => void,
    actors: Record<StaffRole, Actor>,
    meta: RequestMeta,
    now: number,
  ): Promise<DemoLedger> {
    const db = ctx.database.db;
    setClock(now - 46 * DAY_MS);
    for (const [parameterId, value] of Object.entries(DEMO_LEDGER_SETTINGS)) {
      if (await findCurrentSettingChange(db, actors.physician.clinicId, parameterId)) continue;
      await changeClinicalSetting(ctx, actors.physician, meta, parameterId, {
        value,
        reason: 'Demo clinic settings (synthetic demo data, not clinical guidance)',
        expectedVersion: 0,
      });
    }
    const find = async () =>
      (await listRegisteredLocations(db, actors.admin.clinicId)).find((l) => l.name === DEMO_LOCATION.name);
    if (!(await find())) await createLocation(ctx, actors.admin, meta, { ...DEMO_LOCATION });
    const location = await find();
    if (!location) throw new Error('demo: the demo location was not created');
    // The demo physician witnesses the demo's wastes, signing in on the nurse's screen with the demo password.
    const password = demoLogins().find((l) => l.role === 'physician')?.password;
    if (password === undefined) throw new Error('demo: no demo physician login');
    const ledger = new DemoLedger(ctx, setClock, actors, meta, location, { email: actors.physician.email, password });
    if ((await listLedgerEntries(db, location.clinicId, location.id)).length === 0) await ledger.setUp(now);
    return ledger;
  }

  /** Zero initial inventory, then the receipts (in the order they happened). */
  private async setUp(now: number): Promise<void> {
    const start = now - 46 * DAY_MS;
    this.setClock(start);
    await recordInventory(this.ctx, this.actors.physician, this.meta, {
      locationId: this.location.id,
      clientEntryId: randomUUID(),
      type: 'initial',
      takenAt: 'opening',
      takenOn: isoDay(start, this.ctx),
      lines: [],
    });
    await this.receive(now - 45 * DAY_MS + 60 * MIN_MS, 'DEMO-K2511', 1, now - DAY_MS, 'DEMO-INV-0911');
    await this.receive(now - 45 * DAY_MS + 62 * MIN_MS, 'DEMO-K2602', 5, now + 75 * DAY_MS, 'DEMO-INV-0911');
    await this.receive(now - 10 * DAY_MS, 'DEMO-K2711', 10, now + 400 * DAY_MS, 'DEMO-INV-1021');
  }

  private async receive(atMs: number, lot: string, containerCount: number, expiresMs: number, invoiceRef: string) {
    this.setClock(atMs);
    await recordReceipt(this.ctx, this.actors.nurse, this.meta, {
      locationId: this.location.id,
      clientEntryId: randomUUID(),
      ndc: DEMO_NDC,
      ...DEMO_DRUG,
      containerCount,
      lot,
      expiresOn: isoDay(expiresMs, this.ctx),
      supplier: { ...DEMO_SUPPLIER },
      invoiceRef,
      receivedOn: isoDay(atMs, this.ctx),
    });
    this.summary.receipts++;
  }

  /**
   * A vial that holds `ugNeeded` and may be drawn today: opened ones first (no second vial is opened while
   * one can serve), then the first to expire. Restocks with a new demo lot when none can.
   */
  private async vialFor(ugNeeded: number, atMs: number): Promise<string> {
    const today = isoDay(atMs, this.ctx);
    const pick = async () =>
      (await listCsContainers(this.ctx.database.db, this.location.clinicId, this.location.id))
        .filter((c) => c.expiresOn >= today && c.remainingUg >= ugNeeded)
        .filter((c) => c.status === 'sealed' || c.status === 'opened' || c.status === 'in-use')
        .sort(
          (a, b) =>
            Number(a.status === 'sealed') - Number(b.status === 'sealed') ||
            a.expiresOn.localeCompare(b.expiresOn) ||
            a.label.localeCompare(b.label, 'en', { numeric: true }),
        )[0];
    let vial = await pick();
    if (!vial) {
      const lot = `DEMO-R${today.replaceAll('-', '')}`;
      await this.receive(atMs - 5 * MIN_MS, lot, 10, atMs + 400 * DAY_MS, `DEMO-INV-${today}`);
      vial = await pick();
    }
    if (!vial) throw new Error('demo: no vial to draw from');
    return vial.id;
  }

  /** The bag of a session prepared at `atMs`: `drugMg` drawn from a vial. */
  async drawForBag(sessionId: string, atMs: number, drugMg: number): Promise<void> {
    const containerId = await this.vialFor(drugMg * 1000, atMs);
    this.setClock(atMs);
    await recordDraw(this.ctx, this.actors.nurse, this.meta, sessionId, {
      clientEntryId: randomUUID(),
      containerId,
      drawnMg: drugMg,
      drawnMl: drugMg / DEMO_DRUG.concentrationMgPerMl,
    });
    this.summary.draws++;
  }

  /** After the infusion stopped: what the chart did not give is wasted, witnessed, closing the session's books. */
  async wasteRemainder(sessionId: string, atMs: number, bag: { drugMg: number; volumeMl: number }): Promise<void> {
    this.setClock(atMs);
    const { balance } = await getSessionLedger(this.ctx, this.actors.nurse, this.meta, sessionId);
    if (balance.openUg <= 0) return;
    const ugPerMl = (bag.drugMg * 1000) / bag.volumeMl;
    await recordWaste(this.ctx, this.actors.nurse, this.meta, sessionId, {
      clientEntryId: randomUUID(),
      wastedMg: balance.openUg / 1000,
      wastedMl: Math.round((balance.openUg / ugPerMl) * 1000) / 1000,
      method: 'drug-disposal-container',
      witness: this.witness,
    });
    this.summary.wastes++;
  }

  /**
   * The end-of-day count (once a day): every container on the shelf, opened ones estimated; one opened vial
   * is found short, and the discrepancy gets its first investigation note.
   */
  async countAtEndOfDay(now: number): Promise<void> {
    const db = this.ctx.database.db;
    const today = isoDay(now, this.ctx);
    const counted = (await listLedgerEntries(db, this.location.clinicId, this.location.id)).some(
      (e) => e.kind === 'count' && isoDay(e.occurredAt.getTime(), this.ctx) === today,
    );
    if (counted) return;
    const containers = (await listCsContainers(db, this.location.clinicId, this.location.id)).filter(
      (c) => c.status !== 'destroyed' && c.remainingUg > 0,
    );
    const opened = containers.filter((c) => c.status !== 'sealed' && c.remainingUl >= COUNT_SHORTFALL_ML * 1000);
    const short = opened[0]?.id;
    this.setClock(now - 5 * MIN_MS);
    const count = await recordCount(this.ctx, this.actors.nurse, this.meta, {
      locationId: this.location.id,
      clientEntryId: randomUUID(),
      lines: containers.map((c) =>
        c.status === 'sealed'
          ? { containerId: c.id, countedContainers: 1 as const, estimated: false }
          : {
              containerId: c.id,
              countedMl: (c.remainingUl - (c.id === short ? COUNT_SHORTFALL_ML * 1000 : 0)) / 1000,
              estimated: true,
            },
      ),
    });
    const discrepancy = count.body.discrepancies[0];
    if (!discrepancy) return;
    this.summary.countDiscrepancyMg = discrepancy.differenceUg / 1000;
    this.setClock(now - 2 * MIN_MS);
    await addDiscrepancyNote(this.ctx, this.actors.physician, this.meta, discrepancy.discrepancyId, {
      clientEntryId: randomUUID(),
      text: 'Under investigation (demo): rechecking today’s draws and waste records against the charts; the nurse on shift will recount tomorrow morning.',
    });
  }
}
