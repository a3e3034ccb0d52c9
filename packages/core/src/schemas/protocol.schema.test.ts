import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZProtocol, ZProtocolLimit, ZValueSource } from './protocol.schema.js';

const source = {
  kind: 'reference',
  section: '§2.1',
  source: 'S3',
  evidence: 'G',
  verification: 'verified',
  note: 'studied regimen',
};
const unset = { soft: null, hard: null };
const limits = {
  route: 'iv-infusion',
  rateMgPerKgPerH: { soft: { value: 0.35, source }, hard: null },
  rateMgPerH: unset,
  bolusMgPerKg: unset,
  bolusMg: unset,
  sessionDoseMg: unset,
  dailyDoseMg: unset,
  weeklyDoseMg: unset,
  concentrationMgPerMl: unset,
};
const protocol = {
  id: 'test-protocol',
  version: 1,
  name: 'Test',
  indication: { text: 'CRPS', conditions: ['crps'] },
  evidence: {
    label: 'G',
    grade: 'B',
    summary: 'summary',
    citations: [{ section: '§1.2', source: 'S2', note: 'grade' }],
  },
  routes: ['iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: 'actual weight',
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: '0.35 mg/kg/h',
      rate: { min: 0.35, max: 0.35, unit: 'mg/kg/h' },
      titration: null,
      sessionDoseMg: null,
      durationMin: { min: 240, max: 240 },
      note: 'note',
    },
  ],
  sessions: { count: 10, spacingDays: 1, text: 'daily' },
  booster: null,
  reviewRequired: null,
  cautions: [],
  limits: [limits],
};

describe('ZProtocol', () => {
  it('accepts a complete protocol, and one with perioperative conditions', () => {
    assert.equal(ZProtocol.safeParse(protocol).success, true);
    assert.equal(
      ZProtocol.safeParse({ ...protocol, indication: { text: 'x', conditions: ['perioperative'] } }).success,
      true,
    );
  });
  const rejected: [string, Record<string, unknown>][] = [
    ['an id with capitals', { id: 'Test' }],
    ['version 0', { version: 0 }],
    ['no conditions', { indication: { text: 'x', conditions: [] } }],
    ['an unknown condition', { indication: { text: 'x', conditions: ['gout'] } }],
    ['an evidence label outside G/L/T/P', { evidence: { ...protocol.evidence, label: 'X' } }],
    ['no citations', { evidence: { ...protocol.evidence, citations: [] } }],
    ['another drug', { drug: { name: 'esketamine', standardConcentrations: [] } }],
    ['no steps', { steps: [] }],
    ['no limits', { limits: [] }],
    [
      'a range with min above max',
      { steps: [{ ...protocol.steps[0], rate: { min: 0.5, max: 0.35, unit: 'mg/kg/h' } }] },
    ],
    ['an unknown field', { extra: true }],
  ];
  for (const [name, patch] of rejected) {
    it(`refuses ${name}`, () => {
      assert.equal(ZProtocol.safeParse({ ...protocol, ...patch }).success, false);
    });
  }
});

describe('limits and their sources', () => {
  it('a limit is a positive value with a source, or null', () => {
    assert.equal(ZProtocolLimit.safeParse(null).success, true);
    assert.equal(ZProtocolLimit.safeParse({ value: 2, source }).success, true);
    assert.equal(ZProtocolLimit.safeParse({ value: 0, source }).success, false);
    assert.equal(ZProtocolLimit.safeParse({ value: -2, source }).success, false);
    assert.equal(ZProtocolLimit.safeParse({ value: 2 }).success, false);
  });
  it('a source is a REFERENCE.md row or the clinic', () => {
    assert.equal(ZValueSource.safeParse(source).success, true);
    assert.equal(
      ZValueSource.safeParse({ kind: 'clinic', note: 'medical director', setOn: '2026-01-05' }).success,
      true,
    );
    assert.equal(ZValueSource.safeParse({ ...source, section: '2.1' }).success, false);
    assert.equal(ZValueSource.safeParse({ ...source, source: 'Smith 2019' }).success, false);
    assert.equal(ZValueSource.safeParse({ ...source, verification: 'not-found' }).success, false);
  });
});
