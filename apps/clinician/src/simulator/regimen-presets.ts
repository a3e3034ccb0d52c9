/**
 * Regimens published in the clinical reference, offered as starting points. Every number is copied from
 * /work/shared/clinical/REFERENCE.md and the section is named in the UI; nothing here is a recommendation.
 */
import { newRowKey, type RegimenRow } from './regimen-rows';

export interface RegimenPreset {
  readonly id: string;
  readonly label: string;
  /** Where the numbers come from, shown beside the preset. */
  readonly source: string;
  readonly rows: () => RegimenRow[];
}

export const REGIMEN_PRESETS: readonly RegimenPreset[] = [
  {
    id: 'crps-4h-daily',
    label: 'CRPS 4-hour infusion: 0.35 mg/kg/h for 4 h (one day of the 10-day course)',
    // REFERENCE §2.1, "CRPS, 4-hour daily infusions ×10 days": 0.35 mg/kg/h for 4 h daily.
    source: 'REFERENCE §2.1 (CRPS, 4-hour daily infusions ×10 days)',
    rows: () => [
      {
        key: newRowKey(),
        route: 'iv-infusion',
        atMin: '0',
        startMin: '0',
        endMin: '240',
        amount: '0.35',
        amountUnit: 'mg/kg/h',
      },
    ],
  },
  {
    id: 'crps-continuous-4d',
    label: 'CRPS continuous infusion: 22 mg/h for 4 days',
    // REFERENCE §2.1, "CRPS, continuous multi-day infusion": 22 mg/h for 4 days (4 × 24 × 60 = 5760 min).
    source: 'REFERENCE §2.1 (CRPS, continuous multi-day infusion)',
    rows: () => [
      {
        key: newRowKey(),
        route: 'iv-infusion',
        atMin: '0',
        startMin: '0',
        endMin: String(4 * 24 * 60),
        amount: '22',
        amountUnit: 'mg/h',
      },
    ],
  },
];
