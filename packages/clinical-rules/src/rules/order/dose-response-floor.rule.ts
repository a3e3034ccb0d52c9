/** Information: a chronic-pain infusion below the guideline's dose-response floor (≥80 mg over >2 h). */
import { defineRule, type FindingDraft } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { exceeds, fallsShort, formatNumber } from './patterns.js';

const ACUTE = new Set(['perioperative', 'acute-pain']);

export const doseResponseFloor = defineRule<OrderSnapshot>({
  id: 'order/dose-response-floor',
  version: 1,
  area: 'order',
  title: 'Chronic-pain infusion below the dose-response floor',
  severity: 'info',
  description:
    'For chronic-pain IV infusions, notes a session total below the floor or a duration not above the floor duration: the guideline summary reports more benefit at higher doses, at least 80 mg over more than 2 hours. Information only.',
  parameters: ['order.dose-response-floor-total-mg', 'order.dose-response-floor-duration-min'],
  citations: [
    {
      section: '§1.4',
      source: 'S2',
      note: 'Dose-response relationship; total dose at least 80 mg, infused over more than 2 hours (C, low).',
    },
  ],
  evaluate: (s, ctx) => {
    if (s.order.kind !== 'infusion' || s.order.route !== 'iv-infusion') return [];
    if (s.protocol.indication.conditions.some((c) => ACUTE.has(c))) return [];
    const floorMg = ctx.number('order.dose-response-floor-total-mg');
    const floorMin = ctx.number('order.dose-response-floor-duration-min');
    const doseMg = s.pump.sessionDoseMg;
    const durationMin = s.pump.durationMin;
    if (doseMg === null || durationMin === null) return [];
    const parts: string[] = [];
    if (fallsShort(doseMg, floorMg))
      parts.push(`the session total ${formatNumber(doseMg)} mg is below ${formatNumber(floorMg)} mg`);
    if (!exceeds(durationMin, floorMin))
      parts.push(
        `the duration ${formatNumber(durationMin)} min is not more than ${formatNumber(floorMin)} min`,
      );
    if (parts.length === 0) return [];
    const draft: FindingDraft = {
      message: `For information: ${parts.join(' and ')} (guideline dose-response floor: at least ${formatNumber(floorMg)} mg over more than ${formatNumber(floorMin)} min).`,
      inputs: { sessionDoseMg: doseMg, durationMin },
      parameters: ['order.dose-response-floor-total-mg', 'order.dose-response-floor-duration-min'],
    };
    return [draft];
  },
});
