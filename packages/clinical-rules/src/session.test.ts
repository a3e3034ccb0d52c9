/** evaluateSession: phases, status, checklist, rescue prompts, discharge summary; plus property tests. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ZSessionSnapshot, type SessionSnapshot } from '@ketapath/core';
import {
  EXAMPLE_CLINIC_SETTINGS,
  makeDischarge,
  makeInfusion,
  makeSnapshot,
  minBefore,
  NOW,
} from './rules/session/testing/session-fixtures.js';
import { evaluateSession } from './session.js';
import { severityRank } from './types.js';

const evaluate = (s: SessionSnapshot, settings = EXAMPLE_CLINIC_SETTINGS) => evaluateSession(s, settings);

describe('evaluateSession: pre-start', () => {
  it('all checks pass → ok, with every checklist item done or n/a', () => {
    const s = makeSnapshot();
    assert.equal(ZSessionSnapshot.safeParse(s).success, true);
    const r = evaluate(s);
    assert.equal(r.status, 'ok');
    assert.equal(r.phase, 'pre-start');
    assert.deepEqual(
      r.checklist.map((c) => [c.id, c.status]),
      [
        ['eligibility', 'done'],
        ['consent', 'done'],
        ['fasting', 'done'],
        ['baseline-vitals', 'done'],
        ['pregnancy-test', 'n/a'],
        ['escort', 'done'],
        ['pre-treatment-tests', 'n/a'],
      ],
    );
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.rescuePrompts, []);
    assert.equal(r.discharge, null);
    assert.equal(r.evaluatedAt, NOW);
  });
  it('a clinic that has not set its fasting policy gets needs-ack naming the settings', () => {
    const r = evaluate(makeSnapshot(), {});
    assert.equal(r.status, 'needs-ack');
    const fasting = r.checklist.find((c) => c.id === 'fasting');
    assert.equal(fasting?.status, 'open');
    assert.equal(fasting.severity, 'needs-ack');
    assert.match(fasting.finding ?? '', /cannot run until the clinic sets/);
    assert.equal(r.checklist.find((c) => c.id === 'pregnancy-test')?.status, 'n/a');
  });
  it('an expired eligibility blocks the start', () => {
    const e = makeSnapshot().eligibility;
    const r = evaluate(makeSnapshot({ eligibility: { ...e, expiresAt: minBefore(1) } }));
    assert.equal(r.status, 'blocked');
    const item = r.checklist.find((c) => c.id === 'eligibility');
    assert.deepEqual([item?.status, item?.severity], ['open', 'block']);
  });
  it('pregnancy item applies when pregnancy is possible; a positive test applies always', () => {
    const possible = makeSnapshot({ patient: { ageYears: 30, sex: 'female', pregnancyPossible: true } });
    assert.equal(evaluate(possible).checklist.find((c) => c.id === 'pregnancy-test')?.status, 'open');
    const positive = makeSnapshot({ pregnancyTest: { result: 'positive', at: minBefore(20) } });
    const r = evaluate(positive);
    assert.equal(r.status, 'blocked');
    assert.equal(r.findings[0]?.ruleId, 'session/pregnancy-test-positive');
  });
  it('eligible with precautions: done, with the note shown', () => {
    const e = makeSnapshot().eligibility;
    const r = evaluate(makeSnapshot({ eligibility: { ...e, status: 'eligible-with-precautions' } }));
    assert.equal(r.status, 'ok');
    const item = r.checklist.find((c) => c.id === 'eligibility');
    assert.equal(item?.status, 'done');
    assert.match(item.finding ?? '', /precautions/);
  });
});

describe('evaluateSession: infusion', () => {
  it('normal readings → ok, no checklist, no discharge', () => {
    const r = evaluate(makeInfusion());
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.checklist, []);
    assert.equal(r.discharge, null);
  });
  it('SBP 181 → blocked, stop-and-call first, hypertension prompt', () => {
    const r = evaluate(
      makeInfusion([
        {
          systolicMmHg: 181,
          diastolicMmHg: 90,
          heartRatePerMin: 80,
          spo2Percent: 97,
          respiratoryRatePerMin: 14,
        },
      ]),
    );
    assert.equal(r.status, 'blocked');
    assert.equal(r.findings[0]?.ruleId, 'session/blood-pressure-limits');
    assert.equal(r.findings[0].actionTier, 'stop-and-call');
    assert.deepEqual(
      r.rescuePrompts.map((p) => p.problem),
      ['hypertension'],
    );
  });
  it('findings are ordered worst first', () => {
    const r = evaluate(
      makeInfusion([
        {
          systolicMmHg: 170,
          diastolicMmHg: 105,
          heartRatePerMin: 155,
          spo2Percent: 96,
          respiratoryRatePerMin: 14,
          onSupplementalO2: true,
        },
      ]),
    );
    const ranks = r.findings.map((f) => severityRank(f.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => b - a),
    );
    assert.equal(r.findings[0]?.ruleId, 'session/heart-rate-limits');
  });
  it('§4.5 dysphoria → benzodiazepine prompt naming the source wording; never a decided dose', () => {
    const r = evaluate(makeInfusion(null, { symptoms: [{ at: minBefore(3), kind: 'dysphoria' }] }));
    const [p] = r.rescuePrompts;
    assert.equal(p?.problem, 'dysphoria-hallucinations');
    assert.equal(p.physicianOrderRequired, true);
    assert.equal(p.evidence, 'P');
    assert.match(
      p.suggestion,
      /per physician order; the cited inpatient CRPS protocol names lorazepam 1–2 mg/,
    );
    assert.deepEqual(
      p.citations.map((c) => `${c.section} ${c.source}`),
      ['§4.5 S7', '§4.5 S30'],
    );
  });
  it('§4.5 prompts for emergence reaction [L], nausea [P] and respiratory compromise [P]', () => {
    const r = evaluate(
      makeInfusion(null, {
        symptoms: [
          { at: minBefore(9), kind: 'vomiting' },
          { at: minBefore(6), kind: 'emergence-reaction' },
          { at: minBefore(3), kind: 'respiratory-compromise' },
        ],
      }),
    );
    assert.deepEqual(
      r.rescuePrompts.map((p) => [p.problem, p.evidence]),
      [
        ['severe-emergence-reaction', 'L'],
        ['nausea-vomiting', 'P'],
        ['respiratory-compromise', 'P'],
      ],
    );
    assert.match(
      r.rescuePrompts[2]?.suggestion ?? '',
      /Reposition the patient, supplemental O₂, suction, bag-valve-mask/,
    );
    assert.equal(r.status, 'blocked');
  });
  it('low SpO₂ raises the respiratory-compromise prompt without a reported symptom', () => {
    const r = evaluate(
      makeInfusion([
        {
          systolicMmHg: 120,
          diastolicMmHg: 80,
          heartRatePerMin: 80,
          spo2Percent: 88,
          respiratoryRatePerMin: 12,
        },
      ]),
    );
    assert.deepEqual(
      r.rescuePrompts.map((p) => [p.problem, p.triggers]),
      [['respiratory-compromise', ['session/oxygen-saturation']]],
    );
  });
  it('the result is JSON-serialisable', () => {
    const r = evaluate(
      makeInfusion([{ systolicMmHg: 185 }], { symptoms: [{ at: minBefore(1), kind: 'nausea' }] }),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });
});

describe('evaluateSession: discharge', () => {
  it('all criteria met → ok and ready', () => {
    const r = evaluate(makeDischarge());
    assert.equal(r.status, 'ok');
    assert.deepEqual(
      { ...r.discharge, items: undefined },
      { aldreteScore: 10, items: undefined, passing: true, observedMin: 90, requiredMin: 60, ready: true },
    );
  });
  it('Aldrete 8 → blocked, not passing, not ready', () => {
    const r = evaluate(
      makeDischarge({
        aldrete: { activity: 1, respiration: 2, circulation: 2, consciousness: 1, oxygenSaturation: 2 },
      }),
    );
    assert.equal(r.status, 'blocked');
    assert.equal(r.discharge?.aldreteScore, 8);
    assert.equal(r.discharge.passing, false);
    assert.equal(r.discharge.ready, false);
  });
  it('instructions not recorded → needs-ack, not ready', () => {
    const r = evaluate(makeDischarge({ instructionsGiven: false }));
    assert.equal(r.status, 'needs-ack');
    assert.equal(r.discharge?.ready, false);
    assert.equal(r.discharge.passing, true);
  });
  it('observed 59 of 60 min → not ready', () => {
    const r = evaluate(makeDischarge({ lastDoseAt: minBefore(59) }));
    assert.deepEqual(
      [r.discharge?.observedMin, r.discharge?.requiredMin, r.discharge?.ready],
      [59, 60, false],
    );
  });
});

const score = fc.integer({ min: 0, max: 2 });

describe('properties', () => {
  it('discharge is never ready when the Aldrete total is below the passing score', () => {
    fc.assert(
      fc.property(
        score,
        score,
        score,
        score,
        score,
        fc.integer({ min: 7, max: 10 }),
        (a, r, c, k, o, passing) => {
          const s = makeDischarge({
            aldrete: { activity: a, respiration: r, circulation: c, consciousness: k, oxygenSaturation: o },
          });
          const result = evaluate(s, {
            ...EXAMPLE_CLINIC_SETTINGS,
            'discharge.aldrete-passing-score': passing,
          });
          const total = a + r + c + k + o;
          assert.equal(result.discharge?.aldreteScore, total);
          if (total < passing) {
            assert.equal(result.discharge.ready, false);
            assert.equal(result.discharge.passing, false);
            assert.equal(result.status, 'blocked');
          } else assert.equal(result.discharge.ready, true);
        },
      ),
    );
  });

  it('discharge is never ready before the observation time has passed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 15, max: 240 }),
        (sinceMin, requiredMin) => {
          const r = evaluate(makeDischarge({ lastDoseAt: minBefore(sinceMin) }), {
            ...EXAMPLE_CLINIC_SETTINGS,
            'discharge.observation-after-last-dose-min': requiredMin,
          });
          assert.equal(r.discharge?.ready, sinceMin >= requiredMin);
        },
      ),
    );
  });

  it('any latest SBP above the clinic’s upper limit gives a stop-and-call finding (default tier)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 120, max: 260 }), fc.integer({ min: 1, max: 100 }), (limit, over) => {
        const sbp = Math.min(limit + over, 300);
        fc.pre(sbp > limit);
        const r = evaluate(makeInfusion([{ systolicMmHg: 130 }, { systolicMmHg: sbp }]), {
          ...EXAMPLE_CLINIC_SETTINGS,
          'session.sbp-high-mmhg': limit,
        });
        assert.equal(r.status, 'blocked');
        assert.ok(
          r.findings.some(
            (f) => f.ruleId === 'session/blood-pressure-limits' && f.actionTier === 'stop-and-call',
          ),
        );
      }),
    );
  });

  it('a higher SBP never gets a milder blood-pressure tier', () => {
    const tierOf = (sbp: number) => {
      const r = evaluate(makeInfusion([{ systolicMmHg: sbp }]));
      const ranks = r.findings
        .filter((f) => f.ruleId === 'session/blood-pressure-limits')
        .map((f) => severityRank(f.severity));
      return Math.max(-1, ...ranks);
    };
    fc.assert(
      fc.property(fc.integer({ min: 90, max: 300 }), fc.integer({ min: 90, max: 300 }), (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        assert.ok(tierOf(hi) >= tierOf(lo), `SBP ${lo} vs ${hi}`);
      }),
    );
  });

  const vitals = fc.record(
    {
      systolicMmHg: fc.integer({ min: 60, max: 240 }),
      diastolicMmHg: fc.integer({ min: 30, max: 140 }),
      heartRatePerMin: fc.integer({ min: 30, max: 200 }),
      spo2Percent: fc.integer({ min: 80, max: 100 }),
      respiratoryRatePerMin: fc.integer({ min: 4, max: 40 }),
      onSupplementalO2: fc.boolean(),
    },
    { requiredKeys: [] },
  );

  it('status is the worst finding and findings are ordered worst first, for any readings', () => {
    const statusOf = { info: 'ok', warn: 'warn', 'needs-ack': 'needs-ack', block: 'blocked' } as const;
    fc.assert(
      fc.property(fc.array(vitals, { maxLength: 4 }), (rows) => {
        const s = makeInfusion(rows);
        assert.equal(ZSessionSnapshot.safeParse(s).success, true);
        const r = evaluate(s);
        const ranks = r.findings.map((f) => severityRank(f.severity));
        assert.deepEqual(
          ranks,
          [...ranks].sort((a, b) => b - a),
        );
        const worst = r.findings[0];
        assert.equal(r.status, worst === undefined ? 'ok' : statusOf[worst.severity]);
        for (const f of r.findings) assert.ok(f.actionTier !== undefined, `${f.ruleId} has no action tier`);
      }),
    );
  });

  it('pre-start: the status is blocked exactly when a checklist item is open with block', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 60, max: 220 }),
        fc.integer({ min: 30, max: 180 }),
        (consented, escorted, sbp, hr) => {
          const b = makeSnapshot().baselineVitals;
          assert.ok(b !== null);
          const r = evaluate(
            makeSnapshot({
              consent: { signedAt: consented ? minBefore(10) : null },
              escort: { confirmed: escorted },
              baselineVitals: { ...b, systolicMmHg: sbp, heartRatePerMin: hr },
            }),
          );
          const blocked = r.checklist.some((c) => c.status === 'open' && c.severity === 'block');
          assert.equal(r.status === 'blocked', blocked);
          if (!consented || !escorted || sbp < 90 || sbp > 180 || hr < 50 || hr > 150)
            assert.equal(r.status, 'blocked');
        },
      ),
    );
  });
});
