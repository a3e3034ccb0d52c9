/** Reverse check: the programmed pump rate, converted back to mg/kg/h, must deliver the ordered rate. */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { detectSlip, formatNumber } from './patterns.js';

export const pumpRateMismatch = defineRule<OrderSnapshot>({
  id: 'order/pump-rate-mismatch',
  version: 1,
  area: 'order',
  title: 'Programmed pump rate delivers the ordered rate',
  severity: 'block',
  description:
    'The programmed mL/h times the bag concentration, divided by the dose weight, must equal the ordered mg/kg/h (within one 0.1 mL/h pump step of the computed mL/h). A mismatch is refused with both numbers.',
  parameters: [],
  citations: [
    {
      section: '§2.2',
      source: 'S9',
      note: 'Rates are ordered per kg per unit time (10 µg/kg/min = 0.6 mg/kg/h) while pumps run in mL/h; the conversion is checked both ways.',
    },
  ],
  evaluate: (s) => {
    const rc = s.reverseCheck;
    const computedMlPerH = s.pump.rateMlPerH;
    const orderedMgPerKgPerH = s.pump.rateMgPerKgPerH;
    if (rc.matches !== false || rc.programmedRateMlPerH === null || computedMlPerH === null) return [];
    const slip = detectSlip(rc.programmedRateMlPerH, {
      min: computedMlPerH,
      max: computedMlPerH,
      points: [computedMlPerH],
    });
    const delivered = rc.deliveredMgPerKgPerH;
    const perKg =
      delivered === null || orderedMgPerKgPerH === null
        ? ''
        : ` It would deliver ${formatNumber(delivered)} mg/kg/h; the order is ${formatNumber(orderedMgPerKgPerH)} mg/kg/h.`;
    return [
      {
        ...(slip === null ? {} : { slip: slip.pattern.slip }),
        message: `The pump is programmed at ${formatNumber(rc.programmedRateMlPerH)} mL/h but the order needs ${formatNumber(computedMlPerH)} mL/h.${perKg}${slip === null ? '' : ` This looks like ${slip.pattern.description}.`}`,
        inputs: {
          programmedRateMlPerH: rc.programmedRateMlPerH,
          computedRateMlPerH: computedMlPerH,
          deliveredMgPerKgPerH: delivered,
          orderedMgPerKgPerH,
          concentrationMgPerMl: s.pump.concentrationMgPerMl,
          doseWeightKg: s.pump.doseWeightKg,
        },
      },
    ];
  },
});
