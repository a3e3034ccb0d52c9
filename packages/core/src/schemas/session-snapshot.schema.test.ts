import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZSessionSnapshot, VITAL_SIGN_ENTRY_RANGES } from './session-snapshot.schema.js';

const now = '2025-03-10T10:00:00.000Z';
const base = {
  now,
  phase: 'infusion',
  patient: { ageYears: 45, sex: 'female', pregnancyPossible: true },
  eligibility: { status: 'eligible', signedAt: now, signedBy: 'Dr A', expiresAt: null },
  consent: { signedAt: now },
  fasting: { lastFoodAt: null, lastClearFluidAt: null },
  pregnancyTest: { result: 'negative', at: now },
  escort: { confirmed: true },
  preTreatmentTests: [{ id: 'ecg', due: true, doneAt: now }],
  baselineVitals: {
    at: now,
    systolicMmHg: 120,
    diastolicMmHg: 80,
    heartRatePerMin: 70,
    spo2Percent: 98,
    respiratoryRatePerMin: 14,
  },
  vitals: [
    {
      at: now,
      systolicMmHg: 130,
      sedation: { scale: 'rass', score: -1 },
      dissociation: { scale: 'cadss-6', score: 4 },
      onSupplementalO2: false,
    },
  ],
  infusion: { startedAt: now, stoppedAt: null, currentRateMgPerKgPerH: 0.5 },
  symptoms: [{ at: now, kind: 'nausea' }],
  rescueMedications: [{ at: now, drug: 'ondansetron', doseMg: 4, route: 'IV', reason: 'nausea' }],
  discharge: {
    aldrete: { activity: 2, respiration: 2, circulation: null, consciousness: 2, oxygenSaturation: 2 },
    lastDoseAt: now,
    escortPresent: true,
    noDrivingAdviceGiven: true,
    instructionsGiven: false,
  },
};

/** "path: message" of the first issue, or null when the input is accepted. */
function firstIssue(input: unknown): string | null {
  const r = ZSessionSnapshot.safeParse(input);
  const issue = r.error?.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : null;
}

function withVital(vital: Record<string, unknown>) {
  return { ...base, vitals: [{ at: now, ...vital }] };
}

describe('ZSessionSnapshot', () => {
  it('accepts a full snapshot and a pre-start one without discharge or baseline', () => {
    assert.equal(firstIssue(base), null);
    assert.equal(
      firstIssue({ ...base, phase: 'pre-start', baselineVitals: null, discharge: null, vitals: [] }),
      null,
    );
  });

  it('names the field of each bad input', () => {
    const rows: [string, unknown, string][] = [
      [
        'unknown phase',
        { ...base, phase: 'recovery' },
        'phase: must be one of pre-start, infusion, discharge',
      ],
      ['now not a date-time', { ...base, now: '10:00' }, 'now: must be an ISO 8601 date-time'],
      ['unknown top-level field', { ...base, weightKg: 80 }, ''],
      [
        'eligibility status',
        { ...base, eligibility: { ...base.eligibility, status: 'ok' } },
        'eligibility.status',
      ],
      ['SBP as text', withVital({ systolicMmHg: '120' }), 'vitals.0.systolicMmHg: must be a number of mmHg'],
      [
        'SpO₂ over 100',
        withVital({ spo2Percent: 101 }),
        'vitals.0.spo2Percent: must be between 0 and 100 percent',
      ],
      [
        'RASS out of range',
        withVital({ sedation: { scale: 'rass', score: 5 } }),
        'vitals.0.sedation.score: RASS runs from -5 to +4',
      ],
      [
        'RASS not whole',
        withVital({ sedation: { scale: 'rass', score: -1.5 } }),
        'vitals.0.sedation.score: must be a whole number',
      ],
      [
        'unknown dissociation scale',
        withVital({ dissociation: { scale: 'bprs', score: 3 } }),
        'vitals.0.dissociation.scale',
      ],
      ['unknown symptom', { ...base, symptoms: [{ at: now, kind: 'itch' }] }, 'symptoms.0.kind'],
      [
        'Aldrete item 3',
        { ...base, discharge: { ...base.discharge, aldrete: { ...base.discharge.aldrete, activity: 3 } } },
        'discharge.aldrete.activity: must be 0, 1 or 2',
      ],
      [
        'baseline DBP missing',
        { ...base, baselineVitals: { ...base.baselineVitals, diastolicMmHg: undefined } },
        'baselineVitals.diastolicMmHg: must be a number of mmHg',
      ],
      [
        'rescue dose 0 mg',
        { ...base, rescueMedications: [{ ...base.rescueMedications[0], doseMg: 0 }] },
        'rescueMedications.0.doseMg: must be more than 0',
      ],
    ];
    for (const [name, input, expected] of rows) {
      const issue = firstIssue(input);
      assert.notEqual(issue, null, `${name} was accepted`);
      assert.ok(issue?.startsWith(expected), `${name}: got "${issue}"`);
    }
  });

  it('vital-sign entry ranges: each bound accepted, one past it refused', () => {
    for (const [field, { min, max }] of Object.entries(VITAL_SIGN_ENTRY_RANGES)) {
      assert.equal(firstIssue(withVital({ [field]: min })), null, `${field} ${min}`);
      assert.equal(firstIssue(withVital({ [field]: max })), null, `${field} ${max}`);
      assert.match(
        firstIssue(withVital({ [field]: min - 1 })) ?? '',
        new RegExp(`^vitals\\.0\\.${field}: must be between`),
      );
      assert.match(
        firstIssue(withVital({ [field]: max + 1 })) ?? '',
        new RegExp(`^vitals\\.0\\.${field}: must be between`),
      );
    }
  });
});
