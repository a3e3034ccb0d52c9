/**
 * One shape for every protocol limit check: the order's value in the limit's quantity against the
 * protocol's soft limit (needs a physician's recorded reason) and hard limit (refused). The limit values
 * and their sources come from the protocol, so the finding carries them in its inputs.
 */
import type { LimitMeasure, ProtocolLimit, ValueSource } from '@ketapath/core';
import { defineRule, type FindingDraft, type Rule } from '../../define-rule.js';
import type { Citation } from '../../types.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { exceeds, formatNumber } from './patterns.js';

const EVIDENCE_WORDS = { G: 'guideline', L: 'label/regulation', T: 'trial', P: 'practice' } as const;

/** How a limit's source reads next to its value, e.g. '§1.4 S2, guideline [G], unverified'. */
export function describeLimitSource(source: ValueSource): string {
  if (source.kind === 'clinic') return `clinic setting (${source.note})`;
  const verified = source.verification === 'unverified' ? ', unverified: check the primary source' : '';
  return `${source.section} ${source.source}, ${EVIDENCE_WORDS[source.evidence]} [${source.evidence}]${verified}`;
}

export function limitInput(kind: 'soft' | 'hard', limit: NonNullable<ProtocolLimit>, unit: string) {
  return { kind, value: limit.value, unit, source: limit.source };
}

export interface LimitRuleSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly measure: LimitMeasure;
  readonly unit: string;
  /** e.g. 'rate', 'dose in the 24 hours', for the message. */
  readonly what: string;
  readonly citations: readonly Citation[];
}

export function defineLimitRule(spec: LimitRuleSpec): Rule<OrderSnapshot> {
  return defineRule<OrderSnapshot>({
    id: spec.id,
    version: 1,
    area: 'order',
    title: spec.title,
    severity: 'block',
    description: spec.description,
    parameters: [],
    citations: spec.citations,
    evaluate: (s): FindingDraft[] => {
      const value = s.quantities[spec.measure];
      const pair = s.routeLimits?.[spec.measure];
      if (value === null || pair === undefined) return [];
      const inputs = {
        [spec.measure]: value,
        protocolId: s.protocol.id,
        protocolVersion: s.protocol.version,
        route: s.order.route,
        ...(spec.measure === 'rateMgPerKgPerH' || spec.measure === 'bolusMgPerKg'
          ? { weightKg: s.limitWeightKg, weightBasis: s.limitWeightBasis }
          : {}),
        ...(spec.measure === 'dailyDoseMg' ? { earlierIn24hMg: s.historyDailyMg } : {}),
        ...(spec.measure === 'weeklyDoseMg' ? { earlierIn7dMg: s.historyWeeklyMg } : {}),
      };
      const shown = `${formatNumber(value)} ${spec.unit}`;
      if (pair.hard !== null && exceeds(value, pair.hard.value)) {
        return [
          {
            severity: 'block',
            message: `The ${spec.what} ${shown} is above the hard limit ${formatNumber(pair.hard.value)} ${spec.unit} (${describeLimitSource(pair.hard.source)}). It cannot be given as written; no override.`,
            inputs: { ...inputs, limit: limitInput('hard', pair.hard, spec.unit) },
          },
        ];
      }
      if (pair.soft !== null && exceeds(value, pair.soft.value)) {
        return [
          {
            severity: 'needs-ack',
            message: `The ${spec.what} ${shown} is above the soft limit ${formatNumber(pair.soft.value)} ${spec.unit} (${describeLimitSource(pair.soft.source)}). A physician may go ahead with a recorded reason.`,
            inputs: { ...inputs, limit: limitInput('soft', pair.soft, spec.unit) },
          },
        ];
      }
      return [];
    },
  });
}
