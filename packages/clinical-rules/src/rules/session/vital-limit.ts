/** A rule factory for a vital sign with a low and a high "unstable vitals" limit and one action tier. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule, type Rule } from '../../define-rule.js';
import type { Citation } from '../../types.js';
import { latestReading, readingInputs, trendWords, type VitalField } from './readings.js';
import { asActionTier, severityForTier, tierWords } from './tier.js';

export interface VitalLimitRuleSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly field: VitalField;
  readonly label: string;
  readonly unit: string;
  readonly low: string;
  readonly high: string;
  readonly tier: string;
  readonly citations: readonly Citation[];
}

export function defineVitalLimitRule(spec: VitalLimitRuleSpec): Rule<SessionSnapshot> {
  return defineRule<SessionSnapshot>({
    id: spec.id,
    version: 1,
    area: 'session',
    title: spec.title,
    severity: 'block',
    description: spec.description,
    parameters: [spec.low, spec.high, spec.tier],
    citations: spec.citations,
    evaluate: (s, ctx) => {
      const r = latestReading(s, spec.field);
      if (r === undefined) return [];
      const low = ctx.number(spec.low);
      const high = ctx.number(spec.high);
      const value = r.latest.value;
      if (value >= low && value <= high) return [];
      const isHigh = value > high;
      const tier = asActionTier(ctx.choice(spec.tier));
      return [
        {
          severity: severityForTier(tier),
          actionTier: tier,
          message: `${spec.label} ${value} ${spec.unit}${trendWords(r)} is ${isHigh ? 'above' : 'below'} ${isHigh ? high : low} ${spec.unit} (unstable vitals [P]): ${tierWords(tier)}.`,
          inputs: { ...readingInputs(spec.field, r), direction: isHigh ? 'high' : 'low' },
          parameters: [isHigh ? spec.high : spec.low, spec.tier],
        },
      ];
    },
  });
}
