/** The bag or syringe concentration should be one of the protocol's standard concentrations. */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { detectSlip, formatNumber } from './patterns.js';

export const standardConcentration = defineRule<OrderSnapshot>({
  id: 'order/standard-concentration',
  version: 1,
  area: 'order',
  title: "Bag concentration is one of the protocol's standard concentrations",
  severity: 'needs-ack',
  description:
    "A bag or syringe whose concentration is not one of the protocol's standard concentrations is flagged (with the slip it looks like, e.g. tenfold); when the protocol lists none, the finding says the bag was not compared.",
  parameters: [],
  citations: [
    {
      section: '§3.2',
      source: 'S37',
      note: 'Oral liquid diluted to 50 mg/mL is the only standard concentration REFERENCE.md gives; IV bags are the clinic’s.',
    },
  ],
  evaluate: (s) => {
    const concentration = s.quantities.concentrationMgPerMl;
    if (concentration === null) return [];
    const standards = s.protocol.drug.standardConcentrations.map((c) => c.concentrationMgPerMl);
    const inputs = { concentrationMgPerMl: concentration, standardConcentrationsMgPerMl: standards };
    if (standards.length === 0) {
      return [
        {
          severity: 'info',
          message: `${s.protocol.name} lists no standard concentrations (REFERENCE.md gives none for IV use), so the ${formatNumber(concentration)} mg/mL bag was not compared. The clinic can list its bags in its copy.`,
          inputs,
        },
      ];
    }
    // Equal up to binary floating point (500 mg in 50 mL is exactly 10 mg/mL in decimal, not always in binary).
    if (standards.some((c) => Math.abs(concentration - c) <= c * Number.EPSILON * 100)) return [];
    const slip = detectSlip(concentration, {
      min: Math.min(...standards),
      max: Math.max(...standards),
      points: standards,
    });
    return [
      {
        ...(slip === null ? {} : { slip: slip.pattern.slip }),
        message: `The bag is ${formatNumber(concentration)} mg/mL, not one of the standard concentrations (${standards.map((c) => `${formatNumber(c)} mg/mL`).join(', ')}).${slip === null ? '' : ` This looks like ${slip.pattern.description}.`} Check the bag label and the order.`,
        inputs,
      },
    ];
  },
});
