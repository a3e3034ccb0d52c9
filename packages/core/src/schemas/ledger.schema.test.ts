import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasAtMostDecimals,
  ZContainerWasteBody,
  ZCorrectionBody,
  ZCountBody,
  ZDeaNumber,
  ZDestructionBody,
  ZDrawBody,
  ZLedgerEntry,
  ZLedgerPayload,
  ZLedgerReceiptBody,
  ZNdc,
  ZWasteBody,
} from './ledger.schema.js';

const ID = '7d9f3c2a-1b2c-4d5e-8f90-123456789abc';
const ID2 = '8d9f3c2a-1b2c-4d5e-8f90-123456789abc';
const supplier = { name: 'Example Wholesale', address: '1 Supply Way', deaNumber: 'RW1234563' };

const receipt = {
  locationId: ID,
  clientEntryId: ID2,
  ndc: '0409-2051-05',
  drugName: 'Ketamine hydrochloride injection',
  form: 'injectable solution',
  concentrationMgPerMl: 50,
  volumeMlPerContainer: 10,
  containerCount: 25,
  lot: 'KX2291',
  expiresOn: '2027-06-30',
  supplier,
  invoiceRef: 'INV-88123',
  receivedOn: '2026-03-02',
};

function fields(
  schema: {
    safeParse(v: unknown): {
      success: boolean;
      error?: { issues: { path: PropertyKey[]; code: string; keys?: string[] }[] };
    };
  },
  input: unknown,
): string[] {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return (r.error?.issues ?? []).map((i) =>
    i.code === 'unrecognized_keys' ? `unknown:${(i.keys ?? []).join(',')}` : i.path.map(String).join('.'),
  );
}

describe('ZLedgerReceiptBody', () => {
  it('accepts a complete receipt line', () => {
    assert.deepEqual(fields(ZLedgerReceiptBody, receipt), []);
  });
  const rejected: [string, Record<string, unknown>, string][] = [
    ['zero containers', { containerCount: 0 }, 'containerCount'],
    ['negative containers', { containerCount: -1 }, 'containerCount'],
    ['more than 10 000 containers (sanity bound)', { containerCount: 10_001 }, 'containerCount'],
    ['fractional containers', { containerCount: 2.5 }, 'containerCount'],
    ['vial over 1000 mL (sanity bound)', { volumeMlPerContainer: 1000.001 }, 'volumeMlPerContainer'],
    ['zero volume', { volumeMlPerContainer: 0 }, 'volumeMlPerContainer'],
    [
      'concentration above 100 mg/mL (sanity bound)',
      { concentrationMgPerMl: 100.001 },
      'concentrationMgPerMl',
    ],
    ['concentration below 0.1 mg/mL (sanity bound)', { concentrationMgPerMl: 0.099 }, 'concentrationMgPerMl'],
    ['concentration finer than a µg/mL', { concentrationMgPerMl: 50.0001 }, 'concentrationMgPerMl'],
    ['NDC without hyphens', { ndc: '0409205105' }, 'ndc'],
    ['NDC in a 4-3-3 form', { ndc: '0409-205-105' }, 'ndc'],
    ['DEA number with 6 digits', { supplier: { ...supplier, deaNumber: 'RW123456' } }, 'supplier.deaNumber'],
    [
      'DEA number with one letter',
      { supplier: { ...supplier, deaNumber: 'R12345678' } },
      'supplier.deaNumber',
    ],
    ['lot over 60 characters', { lot: 'L'.repeat(61) }, 'lot'],
    ['expiry not a calendar date', { expiresOn: '2027-02-30' }, 'expiresOn'],
    ['expiry written day first', { expiresOn: '30/06/2027' }, 'expiresOn'],
    [
      'content not a whole µg (0.1 mg/mL × 0.001 mL)',
      { concentrationMgPerMl: 0.1, volumeMlPerContainer: 0.001 },
      'volumeMlPerContainer',
    ],
    ['a unit-less key', { concentration: 50 }, 'unknown:concentration'],
  ];
  for (const [name, change, field] of rejected)
    it(`refuses ${name}`, () => {
      assert.ok(fields(ZLedgerReceiptBody, { ...receipt, ...change }).includes(field));
    });
  const accepted: [string, Record<string, unknown>][] = [
    ['exactly 10 000 containers', { containerCount: 10_000 }],
    ['exactly 1000 mL', { volumeMlPerContainer: 1000 }],
    ['exactly 100 mg/mL', { concentrationMgPerMl: 100 }],
    ['exactly 0.1 mg/mL', { concentrationMgPerMl: 0.1, volumeMlPerContainer: 10 }],
    ['NDC 4-4-2', { ndc: '0409-2051-05' }],
    ['NDC 5-3-2', { ndc: '42023-113-10' }],
    ['NDC 5-4-1', { ndc: '63323-0485-1' }],
    ['NDC 5-4-2 (11 digits)', { ndc: '63323-0485-10' }],
    ['lot of 60 characters', { lot: 'L'.repeat(60) }],
  ];
  for (const [name, change] of accepted)
    it(`accepts ${name}`, () => {
      assert.deepEqual(fields(ZLedgerReceiptBody, { ...receipt, ...change }), []);
    });
});

describe('ZDrawBody, ZWasteBody, ZContainerWasteBody', () => {
  const draw = { clientEntryId: ID, containerId: ID2, drawnMg: 100, drawnMl: 2 };
  it('accepts a draw in mg and mL', () => {
    assert.deepEqual(fields(ZDrawBody, draw), []);
  });
  it('accepts 0.001 mg (one µg)', () => {
    assert.deepEqual(fields(ZDrawBody, { ...draw, drawnMg: 0.001 }), []);
  });
  it('refuses drawnMcg (units are fixed in the field names)', () => {
    assert.deepEqual(fields(ZDrawBody, { ...draw, drawnMcg: 100_000 }), ['unknown:drawnMcg']);
  });
  it('refuses 0 mg', () => {
    assert.deepEqual(fields(ZDrawBody, { ...draw, drawnMg: 0 }), ['drawnMg']);
  });
  it('refuses a negative volume', () => {
    assert.deepEqual(fields(ZDrawBody, { ...draw, drawnMl: -2 }), ['drawnMl']);
  });
  it('refuses a fraction of a µg', () => {
    assert.deepEqual(fields(ZDrawBody, { ...draw, drawnMg: 0.0005 }), ['drawnMg']);
  });
  it('refuses 100 000.001 mg (more than the largest container)', () => {
    assert.deepEqual(fields(ZDrawBody, { ...draw, drawnMg: 100_000.001 }), ['drawnMg']);
  });
  it('refuses a volume written as text', () => {
    assert.deepEqual(fields(ZDrawBody, { ...draw, drawnMl: '2' }), ['drawnMl']);
  });

  const waste = { clientEntryId: ID, wastedMg: 12.5, wastedMl: 0.25, method: 'drug-disposal-container' };
  it('accepts a waste with a witness', () => {
    assert.deepEqual(
      fields(ZWasteBody, { ...waste, witness: { email: 'b@clinic.test', password: 'x' } }),
      [],
    );
  });
  it('refuses an unknown waste method', () => {
    assert.deepEqual(fields(ZWasteBody, { ...waste, method: 'flushed' }), ['method']);
  });
  it("needs a note when the method is 'other'", () => {
    assert.deepEqual(fields(ZWasteBody, { ...waste, method: 'other' }), ['note']);
  });
  it('refuses a witness without a password', () => {
    assert.deepEqual(fields(ZWasteBody, { ...waste, witness: { email: 'b@clinic.test' } }), [
      'witness.password',
    ]);
  });
  it('container waste takes the same fields', () => {
    assert.deepEqual(fields(ZContainerWasteBody, waste), []);
  });
});

describe('ZCountBody, ZDestructionBody, ZCorrectionBody', () => {
  it('accepts sealed (present/missing) and opened (mL) lines', () => {
    assert.deepEqual(
      fields(ZCountBody, {
        locationId: ID,
        clientEntryId: ID2,
        lines: [
          { containerId: ID, countedContainers: 1, estimated: false },
          { containerId: ID2, countedMl: 0, estimated: true },
        ],
      }),
      [],
    );
  });
  it('refuses a line with both a volume and a container count', () => {
    assert.deepEqual(
      fields(ZCountBody, {
        locationId: ID,
        clientEntryId: ID2,
        lines: [{ containerId: ID, countedContainers: 1, countedMl: 2, estimated: false }],
      }),
      ['lines.0.countedMl'],
    );
  });
  it('refuses a container counted twice', () => {
    assert.deepEqual(
      fields(ZCountBody, {
        locationId: ID,
        clientEntryId: ID2,
        lines: [
          { containerId: ID, countedContainers: 1, estimated: false },
          { containerId: ID, countedContainers: 1, estimated: false },
        ],
      }),
      ['lines.1.containerId'],
    );
  });
  it('refuses countedContainers 2 (one line is one container)', () => {
    assert.deepEqual(
      fields(ZCountBody, {
        locationId: ID,
        clientEntryId: ID2,
        lines: [{ containerId: ID, countedContainers: 2, estimated: false }],
      }),
      ['lines.0.countedContainers'],
    );
  });
  const destruction = {
    locationId: ID,
    clientEntryId: ID2,
    mode: 'on-site',
    containerIds: [ID],
    method: 'chemical digestion',
    place: 'Medication room',
    destroyedOn: '2026-03-06',
  };
  it('accepts an on-site destruction', () => {
    assert.deepEqual(fields(ZDestructionBody, destruction), []);
  });
  it('§9 reverse distributor: needs its name, address and DEA number', () => {
    assert.deepEqual(fields(ZDestructionBody, { ...destruction, mode: 'reverse-distributor' }), [
      'reverseDistributor',
    ]);
  });
  it('refuses a container listed twice', () => {
    assert.deepEqual(fields(ZDestructionBody, { ...destruction, containerIds: [ID, ID] }), ['containerIds']);
  });
  it('a correction needs a reason', () => {
    assert.deepEqual(
      fields(ZCorrectionBody, {
        locationId: ID,
        clientEntryId: ID2,
        correctsSeq: 3,
        field: 'drawnUg',
        from: 1,
        to: 2,
      }),
      ['reason'],
    );
  });
  it('a correction of a fraction of a µg is refused', () => {
    assert.deepEqual(
      fields(ZCorrectionBody, {
        locationId: ID,
        clientEntryId: ID2,
        correctsSeq: 3,
        reason: 'typo',
        deltaUg: 0.5,
        field: 'drawnUg',
        from: 1,
        to: 2,
      }),
      ['deltaUg'],
    );
  });
});

describe('ZLedgerEntry and payloads', () => {
  const entry = {
    id: ID,
    clinicId: ID,
    locationId: ID,
    seq: 1,
    kind: 'draw',
    occurredAt: '2026-03-02T09:00:00.000Z',
    recordedAt: '2026-03-02T09:00:00.000Z',
    recordedBy: ID,
    witnessIds: [],
    containerId: ID2,
    lot: 'KX2291',
    sessionId: ID,
    patientId: ID2,
    deltaUg: -100_000,
    payload: {
      kind: 'draw',
      containerId: ID2,
      label: 'KX2291-1',
      sessionId: ID,
      patientId: ID2,
      drawnUg: 100_000,
      drawnUl: 2000,
    },
    correctsSeq: null,
    reason: null,
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  };
  it('accepts a draw entry', () => {
    assert.deepEqual(fields(ZLedgerEntry, entry), []);
  });
  it('refuses a payload of another kind', () => {
    assert.deepEqual(fields(ZLedgerEntry, { ...entry, kind: 'receipt' }), ['payload.kind']);
  });
  it('refuses the recorder as their own witness', () => {
    assert.deepEqual(fields(ZLedgerEntry, { ...entry, witnessIds: [ID] }), ['witnessIds']);
  });
  it('refuses µg that are not whole', () => {
    assert.deepEqual(fields(ZLedgerPayload, { ...entry.payload, drawnUg: 1.5 }), ['drawnUg']);
  });
  it('refuses an upper-case hash', () => {
    assert.deepEqual(fields(ZLedgerEntry, { ...entry, hash: 'A'.repeat(64) }), ['hash']);
  });
  it("administration keeps the exact dose as 'p/q µg'", () => {
    const payload = {
      kind: 'administration',
      sessionId: ID,
      patientId: ID2,
      administeredUg: 2001,
      administeredExact: '4001/2 µg',
      drawnUg: 2001,
    };
    assert.deepEqual(fields(ZLedgerPayload, payload), []);
    assert.deepEqual(fields(ZLedgerPayload, { ...payload, administeredExact: '2000.5 µg' }), [
      'administeredExact',
    ]);
  });
});

describe('identifiers and decimals', () => {
  it('DEA number: two capital letters and 7 digits (format only)', () => {
    assert.equal(ZDeaNumber.safeParse('AB1234563').success, true);
    assert.equal(ZDeaNumber.safeParse('ab1234563').success, false);
    assert.equal(ZDeaNumber.safeParse('AB12345634').success, false);
  });
  it('NDC: 10 or 11 digits, hyphenated', () => {
    assert.equal(ZNdc.safeParse('12345-6789-01').success, true);
    assert.equal(ZNdc.safeParse('1234-56789-01').success, false);
  });
  const decimals: [number, number, boolean][] = [
    [1.005, 3, true],
    [0.001, 3, true],
    [0.0005, 3, false],
    [1e-7, 3, false],
    [1.5e21, 3, true],
    [Number.NaN, 3, false],
  ];
  for (const [x, d, expected] of decimals)
    it(`${x} has at most ${d} decimals: ${expected}`, () => {
      assert.equal(hasAtMostDecimals(x, d), expected);
    });
});
