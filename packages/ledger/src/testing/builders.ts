/**
 * Test builders: a location's ledger written entry by entry with gapless seq numbers, pinned ids and times,
 * and (when a hash function is given) the hash chain. Each method returns the entry it appended.
 */
import type {
  LedgerEntry,
  LedgerPayload,
  LedgerPayloadOf,
  Registrant,
  WasteMethod,
  DiscrepancyClassification,
} from '@ketapath/core';
import { GENESIS_HASH, hashLedgerEntry, type Sha256Hex } from '../hash-chain.js';
import { containerContentUg } from '../quantities.js';

/** A deterministic v4-shaped UUID for test number n. */
export function testUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const TEST_SUPPLIER: Registrant = {
  name: 'Example Wholesale Inc.',
  address: '1 Supply Way, Springfield',
  deaNumber: 'RW1234563',
};

export interface LedgerBuilderOptions {
  readonly clinicId?: string;
  readonly locationId?: string;
  readonly recordedBy?: string;
  /** ISO time of the first entry; each entry is one minute later unless `at` is given. */
  readonly startAt?: string;
  readonly sha256hex?: Sha256Hex;
  /** The number the builder's ids count on from (1000 unless given): a second builder's ids stay apart. */
  readonly firstId?: number;
}

export interface ReceiptSpec {
  readonly lot: string;
  readonly containerCount: number;
  readonly concentrationUgPerMl?: number;
  readonly volumeUlPerContainer?: number;
  readonly expiresOn?: string;
  readonly ndc?: string;
  readonly receivedOn?: string;
}

interface Extra {
  readonly at?: string;
  readonly witnessIds?: readonly string[];
  readonly recordedBy?: string;
}

export class LedgerBuilder {
  readonly entries: LedgerEntry[] = [];
  readonly clinicId: string;
  readonly locationId: string;
  readonly recordedBy: string;
  private nextId: number;
  private clockMs: number;
  private readonly sha256hex: Sha256Hex | undefined;

  constructor(options: LedgerBuilderOptions = {}) {
    this.clinicId = options.clinicId ?? testUuid(1);
    this.locationId = options.locationId ?? testUuid(2);
    this.recordedBy = options.recordedBy ?? testUuid(3);
    this.clockMs = Date.parse(options.startAt ?? '2026-03-02T08:00:00.000Z');
    this.sha256hex = options.sha256hex;
    this.nextId = options.firstId ?? 1000;
  }

  uuid(): string {
    this.nextId += 1;
    return testUuid(this.nextId);
  }

  append(
    payload: LedgerPayload,
    fields: {
      readonly deltaUg: number;
      readonly containerId?: string | null;
      readonly lot?: string | null;
      readonly sessionId?: string | null;
      readonly patientId?: string | null;
      readonly correctsSeq?: number | null;
      readonly reason?: string | null;
    } & Extra,
  ): LedgerEntry {
    const previous = this.entries.at(-1);
    const occurredAt = fields.at ?? new Date(this.clockMs).toISOString();
    this.clockMs = Math.max(this.clockMs, Date.parse(occurredAt)) + 60_000;
    const base = {
      id: this.uuid(),
      clinicId: this.clinicId,
      locationId: this.locationId,
      seq: (previous?.seq ?? 0) + 1,
      kind: payload.kind,
      occurredAt,
      recordedAt: occurredAt,
      recordedBy: fields.recordedBy ?? this.recordedBy,
      witnessIds: [...(fields.witnessIds ?? [])],
      containerId: fields.containerId ?? null,
      lot: fields.lot ?? null,
      sessionId: fields.sessionId ?? null,
      patientId: fields.patientId ?? null,
      deltaUg: fields.deltaUg,
      payload,
      correctsSeq: fields.correctsSeq ?? null,
      reason: fields.reason ?? null,
      prevHash: previous?.hash ?? GENESIS_HASH,
    };
    const hash = this.sha256hex === undefined ? GENESIS_HASH : hashLedgerEntry(base, this.sha256hex);
    const entry: LedgerEntry = { ...base, hash };
    this.entries.push(entry);
    return entry;
  }

  receipt(spec: ReceiptSpec, extra: Extra = {}): LedgerEntry & { payload: LedgerPayloadOf<'receipt'> } {
    const concentrationUgPerMl = spec.concentrationUgPerMl ?? 50_000;
    const volumeUlPerContainer = spec.volumeUlPerContainer ?? 10_000;
    const containerIds = Array.from({ length: spec.containerCount }, () => this.uuid());
    const payload: LedgerPayloadOf<'receipt'> = {
      kind: 'receipt',
      ndc: spec.ndc ?? '0409-2051-05',
      drugName: 'Ketamine hydrochloride injection',
      form: 'injectable solution',
      concentrationUgPerMl,
      volumeUlPerContainer,
      containerCount: spec.containerCount,
      lot: spec.lot,
      expiresOn: spec.expiresOn ?? '2027-12-31',
      supplier: TEST_SUPPLIER,
      invoiceRef: `INV-${spec.lot}`,
      receivedOn: spec.receivedOn ?? '2026-03-02',
      containerIds,
      containerLabels: containerIds.map((_, i) => `${spec.lot}-${i + 1}`),
    };
    const deltaUg = spec.containerCount * containerContentUg(concentrationUgPerMl, volumeUlPerContainer);
    return this.append(payload, { deltaUg, lot: spec.lot, ...extra }) as LedgerEntry & {
      payload: LedgerPayloadOf<'receipt'>;
    };
  }

  draw(
    spec: {
      containerId: string;
      lot: string;
      sessionId: string;
      patientId: string;
      drawnUg: number;
      drawnUl: number;
    },
    extra: Extra = {},
  ): LedgerEntry {
    return this.append(
      {
        kind: 'draw',
        containerId: spec.containerId,
        label: spec.containerId.slice(-4),
        sessionId: spec.sessionId,
        patientId: spec.patientId,
        drawnUg: spec.drawnUg,
        drawnUl: spec.drawnUl,
      },
      {
        deltaUg: -spec.drawnUg,
        containerId: spec.containerId,
        lot: spec.lot,
        sessionId: spec.sessionId,
        patientId: spec.patientId,
        ...extra,
      },
    );
  }

  waste(
    spec: { sessionId: string; patientId: string; wastedUg: number; wastedUl: number; method?: WasteMethod },
    extra: Extra = {},
  ): LedgerEntry {
    return this.append(
      {
        kind: 'waste',
        sessionId: spec.sessionId,
        patientId: spec.patientId,
        wastedUg: spec.wastedUg,
        wastedUl: spec.wastedUl,
        method: spec.method ?? 'drug-disposal-container',
      },
      { deltaUg: 0, sessionId: spec.sessionId, patientId: spec.patientId, ...extra },
    );
  }

  administration(
    spec: {
      sessionId: string;
      patientId: string;
      administeredUg: number;
      administeredExact?: string;
      drawnUg: number;
    },
    extra: Extra = {},
  ): LedgerEntry {
    return this.append(
      {
        kind: 'administration',
        sessionId: spec.sessionId,
        patientId: spec.patientId,
        administeredUg: spec.administeredUg,
        administeredExact: spec.administeredExact ?? `${spec.administeredUg}/1 µg`,
        drawnUg: spec.drawnUg,
      },
      { deltaUg: 0, sessionId: spec.sessionId, patientId: spec.patientId, ...extra },
    );
  }

  containerWaste(
    spec: { containerId: string; lot: string; wastedUg: number; wastedUl: number },
    extra: Extra = {},
  ) {
    return this.append(
      {
        kind: 'container-waste',
        containerId: spec.containerId,
        label: spec.containerId.slice(-4),
        wastedUg: spec.wastedUg,
        wastedUl: spec.wastedUl,
        method: 'drug-disposal-container',
      },
      { deltaUg: -spec.wastedUg, containerId: spec.containerId, lot: spec.lot, ...extra },
    );
  }

  quarantine(spec: { containerId: string; lot: string; release?: boolean }, extra: Extra = {}): LedgerEntry {
    return this.append(
      {
        kind: spec.release === true ? 'release' : 'quarantine',
        containerId: spec.containerId,
        label: spec.containerId.slice(-4),
        reason: 'label damaged',
      },
      { deltaUg: 0, containerId: spec.containerId, lot: spec.lot, ...extra },
    );
  }

  destruction(
    spec: {
      lines: { containerId: string; quantityUg: number; quantityUl: number }[];
      lot: string | null;
      mode?: 'on-site' | 'reverse-distributor';
      destroyedOn?: string;
    },
    extra: Extra = {},
  ): LedgerEntry {
    const total = spec.lines.reduce((s, l) => s + l.quantityUg, 0);
    return this.append(
      {
        kind: 'destruction',
        destructionId: this.uuid(),
        mode: spec.mode ?? 'on-site',
        containerIds: spec.lines.map((l) => l.containerId),
        lines: spec.lines.map((l) => ({
          containerId: l.containerId,
          label: l.containerId.slice(-4),
          ndc: '0409-2051-05',
          drugName: 'Ketamine hydrochloride injection',
          strength: '50 mg/mL',
          form: 'injectable solution',
          quantityUg: l.quantityUg,
          quantityUl: l.quantityUl,
        })),
        method: 'chemical digestion to a non-retrievable state',
        place: 'Clinic medication room',
        destroyedOn: spec.destroyedOn ?? '2026-03-06',
      },
      { deltaUg: -total, lot: spec.lot, ...extra },
    );
  }

  count(
    lines: LedgerPayloadOf<'count'>['lines'],
    extra: Extra = {},
  ): LedgerEntry & { payload: LedgerPayloadOf<'count'> } {
    return this.append(
      {
        kind: 'count',
        countId: this.uuid(),
        lines,
        discrepancyUg: lines.reduce((s, l) => s + l.countedUg - l.expectedUg, 0),
      },
      { deltaUg: 0, ...extra },
    ) as LedgerEntry & { payload: LedgerPayloadOf<'count'> };
  }

  discrepancyOpened(
    spec: { containerId: string | null; lot: string; expectedUg: number; countedUg: number },
    extra: Extra = {},
  ): LedgerEntry & { payload: LedgerPayloadOf<'discrepancy-opened'> } {
    return this.append(
      {
        kind: 'discrepancy-opened',
        discrepancyId: this.uuid(),
        source: 'count',
        containerId: spec.containerId,
        lot: spec.lot,
        expectedUg: spec.expectedUg,
        countedUg: spec.countedUg,
        differenceUg: spec.countedUg - spec.expectedUg,
      },
      { deltaUg: 0, containerId: spec.containerId, lot: spec.lot, ...extra },
    ) as LedgerEntry & { payload: LedgerPayloadOf<'discrepancy-opened'> };
  }

  discrepancyResolved(
    spec: {
      discrepancyId: string;
      classification: DiscrepancyClassification;
      adjustmentUg: number;
      containerId?: string | null;
      lot?: string | null;
    },
    extra: Extra = {},
  ): LedgerEntry {
    return this.append(
      {
        kind: 'discrepancy-resolved',
        discrepancyId: spec.discrepancyId,
        classification: spec.classification,
        explanation: 'investigated',
        adjustmentUg: spec.adjustmentUg,
      },
      { deltaUg: spec.adjustmentUg, containerId: spec.containerId ?? null, lot: spec.lot ?? null, ...extra },
    );
  }

  correction(
    spec: { correctsSeq: number; deltaUg: number; containerId?: string | null; lot?: string | null },
    extra: Extra = {},
  ): LedgerEntry {
    return this.append(
      { kind: 'correction', correctsSeq: spec.correctsSeq, field: 'quantity', from: null, to: null },
      {
        deltaUg: spec.deltaUg,
        containerId: spec.containerId ?? null,
        lot: spec.lot ?? null,
        correctsSeq: spec.correctsSeq,
        reason: 'recorded amount was wrong',
        ...extra,
      },
    );
  }

  inventory(
    spec: {
      type: 'initial' | 'biennial' | 'annual' | 'other';
      takenOn: string;
      lines?: LedgerPayloadOf<'inventory'>['lines'];
    },
    extra: Extra = {},
  ): LedgerEntry {
    const lines = spec.lines ?? [];
    return this.append(
      {
        kind: 'inventory',
        inventoryId: this.uuid(),
        type: spec.type,
        takenAt: 'opening',
        takenOn: spec.takenOn,
        lines,
        zero: lines.length === 0,
      },
      { deltaUg: 0, ...extra },
    );
  }
}
