/** A weight about 2.2× (or 0.45×) the last recorded one looks like pounds and kilograms mixed up. */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { detectWeightSlip, formatNumber } from './patterns.js';

export const weightUnitSlip = defineRule<OrderSnapshot>({
  id: 'order/weight-unit-slip',
  version: 1,
  area: 'order',
  title: 'Weight entered in the wrong unit (pounds and kilograms)',
  severity: 'block',
  description:
    'The weight on the order is compared with the last recorded weight; a ratio near 2.2046 (1 kg = 2.2046 lb) or its inverse is a unit slip. Re-enter the weight, or record a new measured weight first.',
  parameters: [],
  citations: [
    {
      section: '§2.2',
      source: 'S10',
      note: 'Doses are per kg of a stated weight; the weight used is stored with each dose, so it must be in kilograms.',
    },
  ],
  evaluate: (s) => {
    const match = detectWeightSlip(s.order.weightKg, s.patient.weightKg);
    if (match === null) return [];
    return [
      {
        severity: match.pattern.severity,
        slip: match.pattern.slip,
        message: `The order weight ${formatNumber(s.order.weightKg)} kg is ${formatNumber(s.order.weightKg / s.patient.weightKg)}× the last recorded ${formatNumber(s.patient.weightKg)} kg (${s.patient.recordedOn}). This looks like ${match.pattern.description}.`,
        inputs: {
          orderWeightKg: s.order.weightKg,
          weightUnitEntered: s.order.weightUnitEntered ?? null,
          recordedWeightKg: s.patient.weightKg,
          recordedOn: s.patient.recordedOn,
        },
      },
    ];
  },
});
