/** Discharge: the modified Aldrete score passes. */
import type { SessionSnapshot } from '@ketapath/core';
import { ALDRETE_ITEMS, isAldretePassing, type AldretePassRule } from '../../aldrete.js';
import { defineRule } from '../../define-rule.js';
import { aldreteFor, asCirculationUnit } from './assessment.js';

const PASSING = 'discharge.aldrete-passing-score';
const RULE = 'discharge.aldrete-rule';
const VARIANT = 'discharge.aldrete-variant-passing-score';
const UNIT = 'discharge.aldrete-circulation-unit';

function asPassRule(value: string): AldretePassRule {
  if (value === 'total' || value === 'variant-full-respiration-spo2') return value;
  throw new Error(`'${value}' is not an Aldrete pass rule`);
}

export const aldreteScore = defineRule<SessionSnapshot>({
  id: 'discharge/aldrete-score',
  version: 1,
  area: 'discharge',
  title: 'Modified Aldrete score passes',
  severity: 'block',
  description:
    'The modified Aldrete total (§4.6, S28: five items 0–2) must reach the passing score (default ≥ 9), or under the variant rule ≥ 8 with 2 points each on respiration and O₂ saturation. Circulation and O₂ saturation left blank are scored from the latest SBP against the pre-procedure baseline (band unit per clinic setting) and the latest SpO₂.',
  parameters: [PASSING, RULE, VARIANT, UNIT],
  citations: [
    {
      section: '§4.6',
      source: 'S28',
      note: 'Modified Aldrete (1995): passing score ≥ 9; variant ≥ 8 with 2 points each on respiration and O₂ saturation.',
    },
    { section: '§4.6', source: 'S15', note: 'Label: release only after full recovery [L].' },
  ],
  evaluate: (s, ctx) => {
    const unit = asCirculationUnit(ctx.choice(UNIT));
    const result = aldreteFor(s, unit);
    if (result === null) {
      return [
        {
          message: 'No modified Aldrete assessment is recorded: score it before discharge.',
          inputs: { aldrete: null },
        },
      ];
    }
    const items = Object.fromEntries(ALDRETE_ITEMS.map((i) => [i, result.items[i]]));
    if (result.total === null) {
      const missing = ALDRETE_ITEMS.filter((i) => result.items[i].score === null);
      return [
        {
          message: `The Aldrete score is incomplete (${missing.join(', ')}: not recorded and no reading to compute it from).`,
          inputs: { items, missing },
          parameters: [UNIT],
        },
      ];
    }
    const rule = asPassRule(ctx.choice(RULE));
    const passing = ctx.number(PASSING);
    const variant = ctx.number(VARIANT);
    if (isAldretePassing(result, rule, passing, variant)) return [];
    const needed =
      rule === 'total'
        ? `at least ${passing}`
        : `at least ${variant} with 2 points each on respiration and O₂ saturation`;
    return [
      {
        message: `Modified Aldrete score ${result.total}/10; discharge needs ${needed}. Continue observation and rescore.`,
        inputs: { total: result.total, items },
        parameters: rule === 'total' ? [PASSING, RULE, UNIT] : [VARIANT, RULE, UNIT],
      },
    ];
  },
});
