/**
 * A hard limit the protocol leaves unset (null) for a quantity this order has is never passed silently:
 * the order needs an acknowledgement naming the limits the clinic must set in its copy of the protocol.
 */
import type { LimitMeasure } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';

/** Limits that apply to each kind of order; in a group, one hard limit set is enough (per kg or absolute). */
const RELEVANT: Record<'infusion' | 'bolus', readonly (readonly LimitMeasure[])[]> = {
  infusion: [
    ['rateMgPerKgPerH', 'rateMgPerH'],
    ['sessionDoseMg'],
    ['dailyDoseMg'],
    ['weeklyDoseMg'],
    ['concentrationMgPerMl'],
  ],
  bolus: [['bolusMgPerKg', 'bolusMg'], ['dailyDoseMg'], ['weeklyDoseMg'], ['concentrationMgPerMl']],
};

/** The limit paths a finding lists as unconfigured, e.g. 'protocol:crps-4h-daily-10-days@1:iv-infusion.dailyDoseMg.hard'. */
export function unconfiguredLimitPaths(s: OrderSnapshot): string[] {
  const limits = s.routeLimits;
  if (limits === undefined) return [];
  const missing: string[] = [];
  for (const group of RELEVANT[s.order.kind]) {
    if (group.includes('concentrationMgPerMl') && s.quantities.concentrationMgPerMl === null) continue;
    if (group.some((m) => limits[m].hard !== null)) continue;
    missing.push(
      group
        .map((m) => `protocol:${s.protocol.id}@${s.protocol.version}:${s.order.route}.${m}.hard`)
        .join(' or '),
    );
  }
  return missing;
}

export const limitsUnconfigured = defineRule<OrderSnapshot>({
  id: 'order/limits-unconfigured',
  version: 1,
  area: 'order',
  title: 'Protocol hard limits the clinic has not set',
  severity: 'needs-ack',
  description:
    'Where REFERENCE.md gives no hard limit (dose per session, per day, per week, concentration; perioperative rates), the protocol leaves it null and the clinic must set it in its copy. Until then every order on that protocol needs an acknowledgement that no ceiling was checked.',
  parameters: [],
  citations: [
    {
      section: '§1.4',
      source: 'S2',
      note: 'The guideline ranges are not outpatient upper limits without checking S1; other ceilings were not found.',
    },
    {
      section: '§10',
      source: 'S6',
      note: 'Open item: the acute-pain guideline subanesthetic limits were not retrieved.',
    },
  ],
  evaluate: (s) => {
    const missing = unconfiguredLimitPaths(s);
    if (missing.length === 0) return [];
    const names = missing.map((m) => m.replace(/^protocol:[^:]+:/, '').replaceAll('.hard', ''));
    return [
      {
        message: `No hard limit is set for ${names.join('; ')} on ${s.protocol.name}. REFERENCE.md gives none; the clinic must set them in its copy of the protocol. The order was not checked against a ceiling for these.`,
        inputs: {
          protocolId: s.protocol.id,
          protocolVersion: s.protocol.version,
          route: s.order.route,
          missing,
        },
      },
    ];
  },
});
