/**
 * The controlled-substance side of a session, through the real routes: stock received at the clinic's Main
 * location, a draw for the session's bag, and the remainder wasted with a second nurse as witness, so the
 * nurse's signature (which needs drawn = administered + wasted) goes through. The supplier, lot and NDC are
 * made-up test values; the 50 mg/mL, 10 mL vial is an ordinary ketamine presentation, not a clinical default.
 */
import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, type TestApp, type TestClient } from './test-app.js';

export const TEST_SUPPLIER = {
  name: 'Test Pharma Supply',
  address: '1 Dock Road, Springfield',
  deaNumber: 'AB1234563',
};
export const TEST_NDC = '0409-2051-05';

export interface ReceiveOptions {
  clinic?: 'a' | 'b';
  lot?: string;
  containerCount?: number;
  concentrationMgPerMl?: number;
  volumeMlPerContainer?: number;
  expiresOn?: string;
  receivedOn?: string;
  locationId?: string;
}

/** The clinic's first registered location ("Main"). */
export async function mainLocationId(client: TestClient): Promise<string> {
  const response = await client.get('/api/ledger/locations');
  if (response.status !== 200) throw new Error(`locations: ${response.text}`);
  const first = (response.body as { locations: { id: string }[] }).locations[0];
  if (!first) throw new Error('the clinic has no registered location');
  return first.id;
}

export interface ReceivedContainer {
  containerId: string;
  label: string;
  lot: string;
  concentrationUgPerMl: number;
  remainingUg: number;
}

/** Receives one lot (default: 1 vial of 10 mL at 50 mg/mL, expiring 2027-12-31) as `client` (a nurse or physician). */
export async function receiveStock(
  client: TestClient,
  options: ReceiveOptions = {},
): Promise<ReceivedContainer[]> {
  const locationId = options.locationId ?? (await mainLocationId(client));
  const response = await client.post('/api/ledger/receipts', {
    locationId,
    clientEntryId: randomUUID(),
    ndc: TEST_NDC,
    drugName: 'Ketamine hydrochloride injection',
    form: 'injectable solution (vial)',
    concentrationMgPerMl: options.concentrationMgPerMl ?? 50,
    volumeMlPerContainer: options.volumeMlPerContainer ?? 10,
    containerCount: options.containerCount ?? 1,
    lot: options.lot ?? `LOT-${randomUUID().slice(0, 8)}`,
    expiresOn: options.expiresOn ?? '2027-12-31',
    supplier: TEST_SUPPLIER,
    invoiceRef: `INV-${randomUUID().slice(0, 6)}`,
    receivedOn: options.receivedOn ?? '2026-11-20',
  });
  if (response.status !== 201) throw new Error(`receipt: ${response.status} ${response.text}`);
  return (response.body as { containers: ReceivedContainer[] }).containers;
}

/** Sets a clinic's rule parameter (as its admin) unless it already has that value. */
export async function setClinicSetting(
  t: TestApp,
  parameterId: string,
  value: number | boolean | string,
  clinic: 'a' | 'b' = 'a',
): Promise<void> {
  const admin = await t.as('admin', clinic);
  const list = await admin.get('/api/settings/clinical');
  const current = (
    list.body as { settings: { id: string; value: unknown; version: number }[] }
  ).settings.find((s) => s.id === parameterId);
  if (!current) throw new Error(`no setting ${parameterId}`);
  if (current.value === value) return;
  const changed = await admin.request('PUT', `/api/settings/clinical/${parameterId}`, {
    json: { value, reason: 'Clinic policy for the test', expectedVersion: current.version },
  });
  if (changed.status !== 200) throw new Error(`setting ${parameterId}: ${changed.text}`);
}

/** The clinic's waste policy: a witness for every waste (ledger.waste-witness-required, §9 [P]). */
export function requireWasteWitness(t: TestApp, clinic: 'a' | 'b' = 'a'): Promise<void> {
  return setClinicSetting(t, 'ledger.waste-witness-required', true, clinic);
}

export interface SessionBalanceBody {
  drawnUg: number;
  administeredUg: number | null;
  wastedUg: number;
  openUg: number;
  balanced: boolean;
  closed: boolean;
}

export async function sessionBalance(client: TestClient, sessionId: string): Promise<SessionBalanceBody> {
  const response = await client.get(`/api/sessions/${sessionId}/ledger`);
  if (response.status !== 200) throw new Error(`session ledger: ${response.text}`);
  return (response.body as { balance: SessionBalanceBody }).balance;
}

export interface BalanceOptions {
  /** The container to draw from (default: a fresh vial received for it). */
  containerId?: string;
  /** mg drawn (default: the bag's drug, 100 mg) at the vial's 50 mg/mL. */
  drawnMg?: number;
  concentrationMgPerMl?: number;
  /** The bag's concentration the remainder is wasted at (default 1 mg/mL: 100 mg in 100 mL). */
  bagMgPerMl?: number;
  /** The second staff member who signs in as witness (default: the clinic's physician). */
  witness?: { email: string; password: string };
  clinic?: 'a' | 'b';
}

/** mg with at most 3 decimals, exact from µg. */
const mgOf = (ug: number) => ug / 1000;

/**
 * Draws for the session (if nothing is drawn yet) and wastes what the chart did not give, witnessed, so the
 * session balances; call after the infusion stopped. Returns the balance after.
 */
export async function balanceSessionLedger(
  t: TestApp,
  client: TestClient,
  sessionId: string,
  options: BalanceOptions = {},
): Promise<SessionBalanceBody> {
  const clinic = options.clinic ?? 'a';
  await requireWasteWitness(t, clinic);
  let balance = await sessionBalance(client, sessionId);
  if (balance.drawnUg === 0) {
    const concentration = options.concentrationMgPerMl ?? 50;
    const drawnMg = options.drawnMg ?? 100;
    const containerId =
      options.containerId ??
      (await receiveStock(client, { concentrationMgPerMl: concentration }))[0]?.containerId;
    if (!containerId) throw new Error('no container to draw from');
    const draw = await client.post(`/api/sessions/${sessionId}/draws`, {
      clientEntryId: randomUUID(),
      containerId,
      drawnMg,
      drawnMl: drawnMg / concentration,
    });
    if (draw.status !== 201) throw new Error(`draw: ${draw.status} ${draw.text}`);
    balance = await sessionBalance(client, sessionId);
  }
  if (balance.openUg > 0) {
    const bagMgPerMl = options.bagMgPerMl ?? 1;
    const wastedMg = mgOf(balance.openUg);
    const waste = await client.post(`/api/sessions/${sessionId}/waste`, {
      clientEntryId: randomUUID(),
      wastedMg,
      wastedMl: Number((wastedMg / bagMgPerMl).toFixed(3)),
      method: 'drug-disposal-container',
      witness: options.witness ?? { email: t.clinics[clinic].users.physician.email, password: TEST_PASSWORD },
    });
    if (waste.status !== 201) throw new Error(`waste: ${waste.status} ${waste.text}`);
    balance = await sessionBalance(client, sessionId);
  }
  return balance;
}

export interface InfusionPlan {
  order: { rate?: { value: number; unit: string } | undefined; weightKg: number };
  rateMlPerH: number;
  bag: { drugMg: number; volumeMl: number };
}

export interface ChartInfusionOptions {
  /** Minute 0: checklist, baseline and pain are charted in the 12 minutes after it. */
  base: Date;
  /** Minutes after `base` the infusion starts (default 30) and stops. */
  startMin?: number;
  stopMin: number;
  /** An optional rate change (mg/kg/h) at a minute between start and stop, double-checked by the witness nurse. */
  rateChange?: { atMin: number; rateMgPerKgPerH: number };
}

/**
 * Charts an infusion through the real chart routes: checklist, baseline vitals and pain, the pump programmed
 * as ordered and double-checked by a second nurse, start, an optional rate change, stop, the discharge
 * assessment, and every open alert acknowledged. The clock must already be at or after the last minute charted. Returns the chart's
 * version after the stop.
 */
export async function chartInfusion(
  nurse: TestClient,
  secondNurse: TestClient,
  sessionId: string,
  plan: InfusionPlan,
  options: ChartInfusionOptions,
): Promise<number> {
  const at = (minutes: number) => new Date(options.base.getTime() + minutes * 60_000).toISOString();
  let version = 0;
  const post = async (
    client: TestClient,
    entry: Record<string, unknown>,
    minute: number,
    stateChanging = false,
  ) => {
    const response = await client.post(`/api/sessions/${sessionId}/entries`, {
      entry,
      clientEntryId: randomUUID(),
      occurredAt: at(minute),
      ...(stateChanging ? { expectedVersion: version } : {}),
    });
    if (response.status !== 201)
      throw new Error(`${String(entry.kind)}: ${response.status} ${response.text}`);
    version = (response.body as { session: { version: number } }).session.version;
    return response.body as { entry: { seq: number } };
  };
  await post(nurse, { kind: 'checklist', checklist: { item: 'consent', signedAt: at(0) } }, 1);
  await post(
    nurse,
    { kind: 'checklist', checklist: { item: 'fasting', lastFoodAt: at(-600), lastClearFluidAt: at(-180) } },
    2,
  );
  await post(
    nurse,
    { kind: 'checklist', checklist: { item: 'escort', confirmed: true, name: 'Sam Doe' } },
    3,
  );
  await post(
    nurse,
    {
      kind: 'vitals',
      vitals: {
        systolicMmHg: 122,
        diastolicMmHg: 78,
        heartRatePerMin: 70,
        spo2Percent: 98,
        respiratoryRatePerMin: 14,
        baseline: true,
      },
    },
    10,
  );
  await post(nurse, { kind: 'pain-score', when: 'before', nrs: 7 }, 12);
  const rate = plan.order.rate ?? { value: 0, unit: 'mg/kg/h' };
  const program = await post(
    nurse,
    {
      kind: 'pump-program',
      bag: { drug: 'ketamine', drugMg: plan.bag.drugMg, volumeMl: plan.bag.volumeMl, lot: 'LOT-BAG' },
      rate: { value: rate.value, unit: rate.unit },
      weightKg: plan.order.weightKg,
      weightBasis: 'actual',
      rateMlPerH: plan.rateMlPerH,
      volumeToInfuseMl: plan.bag.volumeMl - 2,
    },
    20,
    true,
  );
  await post(secondNurse, { kind: 'double-check', programSeq: program.entry.seq }, 25, true);
  const startMin = options.startMin ?? 30;
  await post(nurse, { kind: 'start' }, startMin, true);
  if (options.rateChange) {
    const { atMin, rateMgPerKgPerH } = options.rateChange;
    const mgPerMl = plan.bag.drugMg / plan.bag.volumeMl;
    const change = await post(
      nurse,
      {
        kind: 'rate-change',
        rate: { value: rateMgPerKgPerH, unit: 'mg/kg/h' },
        rateMlPerH: Number(((rateMgPerKgPerH * plan.order.weightKg) / mgPerMl).toFixed(3)),
        reason: 'Titrated to comfort',
      },
      atMin,
      true,
    );
    await post(secondNurse, { kind: 'double-check', programSeq: change.entry.seq }, atMin + 1, true);
  }
  await post(nurse, { kind: 'stop', reason: 'Planned end of the infusion' }, options.stopMin, true);
  await post(
    nurse,
    {
      kind: 'discharge-assessment',
      aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
      escortPresent: true,
      escortName: 'Sam Doe',
      noDrivingAdviceGiven: true,
      instructionsGiven: true,
    },
    options.stopMin + 1,
    true,
  );
  const chart = await nurse.get(`/api/sessions/${sessionId}/chart`);
  const alerts = (
    chart.body as { chart: { alerts: { seq: number; severity: string; acknowledged: unknown }[] } }
  ).chart.alerts;
  for (const alert of alerts.filter((a) => a.acknowledged === null))
    await post(
      nurse,
      { kind: 'alert-ack', alertSeq: alert.seq, action: 'Reviewed at the bedside' },
      options.stopMin + 1,
    );
  return version;
}

/** The nurse's signature (the discharge reason given, for sessions signed before the observation time). */
export function nurseSign(nurse: TestClient, sessionId: string, expectedVersion: number, occurredAt: Date) {
  return nurse.post(`/api/sessions/${sessionId}/entries`, {
    entry: { kind: 'nurse-sign', dischargeNotReadyReason: 'Observed at the bedside; escort present' },
    clientEntryId: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    expectedVersion,
  });
}
