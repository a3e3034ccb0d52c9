import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZCreatePatientBody, ZCreateMeasurementBody, checkDateOfBirth, WEIGHT_KG_RANGE, HEIGHT_CM_RANGE } from './patient.schema.js';

const base = { familyName: 'Doe', givenNames: 'Jane', dateOfBirth: '1980-02-29', sexAtBirth: 'female' };

function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const issue = result.error?.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : null;
}

describe('patient schema', () => {
  it('accepts a minimal patient', () => {
    assert.equal(ZCreatePatientBody.safeParse(base).success, true);
  });
  it('weight: refuses each side of 20–400 kg and accepts the bounds', () => {
    for (const [weightKg, ok] of [
      [WEIGHT_KG_RANGE.min - 0.1, false],
      [WEIGHT_KG_RANGE.min, true],
      [WEIGHT_KG_RANGE.max, true],
      [WEIGHT_KG_RANGE.max + 0.1, false],
    ] as const) {
      const r = ZCreatePatientBody.safeParse({ ...base, weightKg });
      assert.equal(r.success, ok, `weight ${weightKg}`);
      if (!ok) assert.equal(firstIssue(r), 'weightKg: must be between 20 and 400 kg');
    }
  });
  it('height: refuses each side of 50–250 cm', () => {
    assert.equal(firstIssue(ZCreatePatientBody.safeParse({ ...base, heightCm: 49.9 })), 'heightCm: must be between 50 and 250 cm');
    assert.equal(ZCreatePatientBody.safeParse({ ...base, heightCm: HEIGHT_CM_RANGE.min }).success, true);
    assert.equal(ZCreatePatientBody.safeParse({ ...base, heightCm: HEIGHT_CM_RANGE.max }).success, true);
    assert.equal(ZCreatePatientBody.safeParse({ ...base, heightCm: 250.1 }).success, false);
  });
  it('refuses unknown fields, wrong types and impossible dates', () => {
    assert.equal(ZCreatePatientBody.safeParse({ ...base, isAdmin: true }).success, false);
    assert.equal(ZCreatePatientBody.safeParse({ ...base, weightKg: '80' }).success, false);
    assert.equal(ZCreatePatientBody.safeParse({ ...base, dateOfBirth: '1981-02-29' }).success, false);
    assert.equal(ZCreatePatientBody.safeParse({ ...base, familyName: '   ' }).success, false);
  });
  it('date of birth: today is accepted, tomorrow is not', () => {
    assert.equal(checkDateOfBirth('2026-11-21', '2026-11-21'), null);
    assert.equal(checkDateOfBirth('2026-11-22', '2026-11-21'), 'cannot be in the future');
    assert.equal(checkDateOfBirth('1899-12-31', '2026-11-21'), 'must be on or after 1900-01-01');
  });
  it('measurement bodies are discriminated by kind', () => {
    assert.equal(ZCreateMeasurementBody.safeParse({ kind: 'weight', weightKg: 70, measuredOn: '2026-01-01' }).success, true);
    assert.equal(ZCreateMeasurementBody.safeParse({ kind: 'weight', heightCm: 170, measuredOn: '2026-01-01' }).success, false);
    assert.equal(ZCreateMeasurementBody.safeParse({ kind: 'bmi', value: 3, measuredOn: '2026-01-01' }).success, false);
  });
});
