/**
 * The classic dose slips: an ordered amount about 10×, 100×, 1000× (µg as mg) or 60× (per hour as per
 * minute) the protocol's documented amount for this patient, or the same fractions below it.
 */
import { defineRule, type FindingDraft } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import {
  detectSlip,
  formatNumber,
  isDocumentedNumber,
  WRONG_UNIT_OVER,
  WRONG_UNIT_UNDER,
} from './patterns.js';

export const doseSlip = defineRule<OrderSnapshot>({
  id: 'order/dose-slip',
  version: 1,
  area: 'order',
  title: 'Ordered amount looks like a tenfold, unit or time-unit slip',
  severity: 'block',
  description:
    "The ordered rate or dose is compared with the protocol's documented amounts for this route and kind (per kg by the protocol's weight basis). When it lies outside them but dividing by 10, 100, 1000 or 60 (or multiplying) lands inside, the finding names the slip it looks like. Overdose slips of 60× and more are refused, a tenfold needs a physician, underdoses warn.",
  parameters: [],
  citations: [
    {
      section: '§1.2',
      source: 'S3',
      note: 'The regimens studied (e.g. 0.35 mg/kg/h, 22 mg/h) are the amounts an order is expected to be near.',
    },
    {
      section: '§2.2',
      source: 'S9',
      note: 'Perioperative rates are written in µg/kg/min (10 µg/kg/min = 0.6 mg/kg/h), where µg/mg and min/h slips happen.',
    },
  ],
  evaluate: (s) => {
    for (const expected of s.expected) {
      const value = s.quantities[expected.quantity];
      if (value === null) continue;
      const range =
        expected.min === expected.max
          ? `${formatNumber(expected.min)} ${expected.unit}`
          : `${formatNumber(expected.min)}–${formatNumber(expected.max)} ${expected.unit}`;
      const match = detectSlip(value, expected);
      const written = s.order.rate ?? s.order.dose;
      if (
        match === null &&
        written !== undefined &&
        written.unit !== expected.source.unit &&
        isDocumentedNumber(written.value, expected.source) &&
        !isDocumentedNumber(value, expected)
      ) {
        const pattern = value > expected.max ? WRONG_UNIT_OVER : WRONG_UNIT_UNDER;
        return [
          {
            severity: pattern.severity,
            slip: pattern.slip,
            message: `The order is ${formatNumber(written.value)} ${written.unit}; ${s.protocol.name} gives ${formatNumber(expected.source.min)}${expected.source.min === expected.source.max ? '' : `–${formatNumber(expected.source.max)}`} ${expected.source.unit}. The number is the protocol's but the unit is not: the order comes to ${formatNumber(value)} ${expected.unit} instead of ${range}.`,
            inputs: {
              quantity: expected.quantity,
              orderedValue: value,
              unit: expected.unit,
              expectedMin: expected.min,
              expectedMax: expected.max,
              orderedAs: written,
              protocolUnit: expected.source.unit,
            },
          },
        ];
      }
      if (match === null) continue;
      const draft: FindingDraft = {
        severity: match.pattern.severity,
        slip: match.pattern.slip,
        message: `The order comes to ${formatNumber(value)} ${expected.unit}; ${s.protocol.name} gives ${range} ("${expected.stepLabel}"). This looks like ${match.pattern.description}: the intended amount was probably ${formatNumber(match.intendedValue)} ${expected.unit}.`,
        inputs: {
          quantity: expected.quantity,
          orderedValue: value,
          unit: expected.unit,
          expectedMin: expected.min,
          expectedMax: expected.max,
          ratio: value / match.intendedValue,
          likelyIntendedValue: match.intendedValue,
          orderedAs: s.order.rate ?? s.order.dose ?? null,
        },
      };
      return [draft];
    }
    return [];
  },
});
