/** Table tests of the discharge rules (REFERENCE §4.6), with boundary rows on each side of each threshold. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionSnapshot } from '@ketapath/core';
import { runRule, type Rule } from '../../define-rule.js';
import { settingsView } from '../../registry.js';
import type { ClinicSettings } from '../../settings.js';
import type { Finding, Severity } from '../../types.js';
import { EXAMPLE_CLINIC_SETTINGS, makeDischarge, minBefore } from '../session/testing/session-fixtures.js';
import { aldreteScore, escortPresent, instructionsGiven, noDrivingAdvice, observationTime } from './index.js';

function run(
  rule: Rule<SessionSnapshot>,
  s: SessionSnapshot,
  settings: ClinicSettings = EXAMPLE_CLINIC_SETTINGS,
): Finding[] {
  return runRule(rule, s, settingsView(settings), new Date(s.now));
}

function check(
  name: string,
  rule: Rule<SessionSnapshot>,
  s: SessionSnapshot,
  expected: Severity | null,
  settings?: ClinicSettings,
) {
  it(name, () => {
    const findings = run(rule, s, settings);
    if (expected === null)
      assert.deepEqual(
        findings.map((f) => f.message),
        [],
      );
    else {
      assert.equal(findings.length, 1);
      assert.equal(findings[0]?.severity, expected, findings[0]?.message);
      assert.equal(findings[0].ruleId, rule.id);
    }
  });
}

const full = { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 } as const;
const aldrete = (items: Partial<Record<keyof typeof full, number | null>>) =>
  makeDischarge({
    aldrete: { ...full, ...items } as NonNullable<NonNullable<SessionSnapshot['discharge']>['aldrete']>,
  });

describe('discharge/aldrete-score (§4.6 S28: passing ≥ 9)', () => {
  check('§4.6 Aldrete 10 → none', aldreteScore, aldrete({}), null);
  check('§4.6 Aldrete 9 → none', aldreteScore, aldrete({ consciousness: 1 }), null);
  check('§4.6 Aldrete 8 → block', aldreteScore, aldrete({ consciousness: 1, activity: 1 }), 'block');
  check('not scored → block', aldreteScore, makeDischarge({ aldrete: null }), 'block');
  check('no discharge assessment → block', aldreteScore, makeDischarge({}, { discharge: null }), 'block');
  check(
    '§4.6 variant: 8 with 2 on respiration and SpO₂ → none',
    aldreteScore,
    aldrete({ consciousness: 1, activity: 1 }),
    null,
    {
      ...EXAMPLE_CLINIC_SETTINGS,
      'discharge.aldrete-rule': 'variant-full-respiration-spo2',
    },
  );
  check('§4.6 variant: 9 with 1 on respiration → block', aldreteScore, aldrete({ respiration: 1 }), 'block', {
    ...EXAMPLE_CLINIC_SETTINGS,
    'discharge.aldrete-rule': 'variant-full-respiration-spo2',
  });
  check('clinic passing score 10: 9 → block', aldreteScore, aldrete({ consciousness: 1 }), 'block', {
    ...EXAMPLE_CLINIC_SETTINGS,
    'discharge.aldrete-passing-score': 10,
  });

  // Baseline SBP 124 mmHg; latest SBP 148 → +24 mmHg = 19.4% (percent: 2; mmHg: 1).
  const computed = makeDischarge(
    { aldrete: { ...full, consciousness: 1, circulation: null, oxygenSaturation: null } },
    { vitals: [{ at: minBefore(5), systolicMmHg: 148, spo2Percent: 97 }] },
  );
  check('§4.6 circulation from BP, percent band: 19.4% → 2, total 9 → none', aldreteScore, computed, null);
  check(
    '§4.6 circulation from BP, mmHg band: 24 mmHg → 1, total 8 → block',
    aldreteScore,
    computed,
    'block',
    {
      ...EXAMPLE_CLINIC_SETTINGS,
      'discharge.aldrete-circulation-unit': 'mmHg',
    },
  );
  it('the finding shows each item and where it came from', () => {
    const [f] = run(aldreteScore, computed, {
      ...EXAMPLE_CLINIC_SETTINGS,
      'discharge.aldrete-circulation-unit': 'mmHg',
    });
    const items = f?.inputs.items as Record<string, { score: number; source: string }>;
    assert.deepEqual(items.circulation, {
      score: 1,
      source: 'computed',
      detail: 'SBP 148 vs 124 mmHg pre-procedure: 24 mmHg deviation',
    });
    assert.equal(items.oxygenSaturation?.score, 2);
    assert.match(f?.message ?? '', /^Modified Aldrete score 8\/10; discharge needs at least 9/);
  });
  check(
    'circulation blank and no BP reading → block',
    aldreteScore,
    makeDischarge({ aldrete: { ...full, circulation: null } }, { vitals: [] }),
    'block',
  );
});

describe('discharge/observation-time (§4.6 S30 [P] ≥ 60 min; S18 [L] ≥ 2 h esketamine)', () => {
  check(
    '§4.6 59 min after the last dose → block',
    observationTime,
    makeDischarge({ lastDoseAt: minBefore(59) }),
    'block',
  );
  check(
    '§4.6 60 min after the last dose → none',
    observationTime,
    makeDischarge({ lastDoseAt: minBefore(60) }),
    null,
  );
  check(
    'last dose not recorded: infusion stop 90 min ago → none',
    observationTime,
    makeDischarge({ lastDoseAt: null }),
    null,
  );
  check(
    'neither recorded → block',
    observationTime,
    makeDischarge({ lastDoseAt: null }, { infusion: { startedAt: minBefore(150), stoppedAt: null } }),
    'block',
  );
  check('clinic sets 120 min (Spravato-like): 90 min → block', observationTime, makeDischarge(), 'block', {
    ...EXAMPLE_CLINIC_SETTINGS,
    'discharge.observation-after-last-dose-min': 120,
  });
  it('the finding states observed and required minutes', () => {
    const [f] = run(observationTime, makeDischarge({ lastDoseAt: minBefore(59) }));
    assert.match(f?.message ?? '', /^Observed 59 min since the last dose; discharge needs at least 60 min\./);
    assert.equal(f?.parameters[0]?.basis, 'practice [P] default');
  });
});

describe('discharge/escort-present (§4.6 S15 [L])', () => {
  check('present → none', escortPresent, makeDischarge(), null);
  check('absent → block', escortPresent, makeDischarge({ escortPresent: false }), 'block');
});

describe('discharge/no-driving-advice (§4.6 S30c [P] 24 h)', () => {
  check('given → none', noDrivingAdvice, makeDischarge(), null);
  check('not given → block', noDrivingAdvice, makeDischarge({ noDrivingAdviceGiven: false }), 'block');
  it('names the 24 h default', () => {
    const [f] = run(noDrivingAdvice, makeDischarge({ noDrivingAdviceGiven: false }));
    assert.match(f?.message ?? '', /for 24 h/);
  });
});

describe('discharge/instructions-given (§4.6)', () => {
  check('given → none', instructionsGiven, makeDischarge(), null);
  check('not given → needs-ack', instructionsGiven, makeDischarge({ instructionsGiven: false }), 'needs-ack');
});
