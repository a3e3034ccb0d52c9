/**
 * Parameters of the order rules, each with its default and REFERENCE.md source. Dose limits are not here:
 * they belong to each protocol (with their own sources) because they differ by regimen.
 */
import type { Parameter } from '../types.js';

export const ORDER_PARAMETERS: readonly Parameter[] = [
  {
    id: 'order.dose-response-floor-total-mg',
    kind: 'number',
    label: 'Dose-response floor: total dose per infusion session',
    description:
      'A chronic-pain infusion session below this total is noted (information only): the guideline summary reports a dose-response relationship with a total of at least 80 mg.',
    unit: 'mg',
    default: 80,
    min: 1,
    max: 1000,
    evidence: 'G',
    verification: 'verified',
    citations: [
      {
        section: '§1.4',
        source: 'S2',
        note: 'Total dose should be at least 80 mg, infused over more than 2 hours (C, low).',
      },
    ],
  },
  {
    id: 'order.dose-response-floor-duration-min',
    kind: 'number',
    label: 'Dose-response floor: infusion duration must exceed',
    description:
      'A chronic-pain infusion session not longer than this is noted (information only): the guideline summary asks for more than 2 hours.',
    unit: 'min',
    default: 120,
    min: 1,
    max: 1440,
    integer: true,
    evidence: 'G',
    verification: 'verified',
    citations: [
      {
        section: '§1.4',
        source: 'S2',
        note: 'Total dose at least 80 mg, infused over more than 2 hours (C, low).',
      },
    ],
  },
  {
    id: 'order.weight-change-threshold-pct',
    kind: 'number',
    label: 'Order weight differs from the last recorded weight by more than',
    description:
      'The weight an order is written with is compared with the latest recorded weight. REFERENCE.md gives no threshold; the clinic must set one.',
    unit: '%',
    default: null,
    min: 1,
    max: 100,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§2.2',
        source: 'S10',
        note: 'Doses are per kg of a stated weight; the weight used must be stored with each dose. No change threshold was found.',
      },
    ],
  },
  {
    id: 'order.weight-max-age-days',
    kind: 'number',
    label: 'Recorded weight older than',
    description:
      'An order written on a weight recorded longer ago than this needs a fresh weight or an acknowledgement (per-kg doses and per-kg limits use it). REFERENCE.md gives no interval; the clinic must set one.',
    unit: 'days',
    default: null,
    min: 1,
    max: 3650,
    integer: true,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§2.2',
        source: 'S10',
        note: 'Doses are per kg of a stated weight; no guideline rule on weight basis or on how recent the weight must be was found.',
      },
    ],
  },
  {
    id: 'order.duplicate-window-h',
    kind: 'number',
    label: 'Same protocol and kind ordered again within',
    description:
      'A second order of the same protocol and kind within this window is flagged as a possible duplicate. REFERENCE.md gives no window; the clinic must set one.',
    unit: 'h',
    default: null,
    min: 0.5,
    max: 168,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§2.1',
        source: 'S7',
        note: 'Regimens are given once daily or less often (e.g. 10 daily treatments); no duplicate-order window was found.',
      },
    ],
  },
];
