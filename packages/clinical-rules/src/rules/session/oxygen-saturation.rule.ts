/** Infusion: the latest SpO₂ against the Aldrete oxygenation bands. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { latestReading, readingInputs, trendWords } from './readings.js';
import { asActionTier, severityForTier, tierWords } from './tier.js';

const LINE = 'session.spo2-room-air-above-percent';
const FLOOR = 'session.spo2-floor-percent';
const LOW_TIER = 'session.spo2-low-tier';
const CRITICAL_TIER = 'session.spo2-critical-tier';

export const oxygenSaturation = defineRule<SessionSnapshot>({
  id: 'session/oxygen-saturation',
  version: 1,
  area: 'session',
  title: 'Oxygen saturation',
  severity: 'needs-ack',
  description:
    'REFERENCE.md has no SpO₂ hold threshold; the bands are the Aldrete oxygenation convention (§4.6, S28 [P]): latest SpO₂ below the floor (default < 90%) takes the critical tier (default stop and call); at or below the room-air line (default ≤ 92%) takes the low tier (default pause). A patient on supplemental O₂ above the line is flagged to watch, since the room-air value is unknown.',
  parameters: [LINE, FLOOR, LOW_TIER, CRITICAL_TIER],
  citations: [
    {
      section: '§4.6',
      source: 'S28',
      note: 'SpO₂ > 92% on room air scores 2; needs O₂ to keep > 90% scores 1; < 90% even with O₂ scores 0 [P].',
    },
    {
      section: '§4.5',
      source: 'S30',
      note: 'Respiratory compromise: reposition, supplemental O₂, suction, bag-valve-mask [P].',
    },
  ],
  evaluate: (s, ctx) => {
    const r = latestReading(s, 'spo2Percent');
    if (r === undefined) return [];
    const value = r.latest.value;
    const onO2 = r.latest.onSupplementalO2;
    const floor = ctx.number(FLOOR);
    const line = ctx.number(LINE);
    const inputs = { ...readingInputs('spo2Percent', r), onSupplementalO2: onO2 };
    const air = onO2 ? 'on supplemental O₂' : 'on room air';
    if (value < floor) {
      const tier = asActionTier(ctx.choice(CRITICAL_TIER));
      return [
        {
          severity: severityForTier(tier),
          actionTier: tier,
          message: `SpO₂ ${value}% ${air}${trendWords(r)} is below ${floor}%: ${tierWords(tier)}; reposition, give O₂, suction, bag-valve-mask as needed.`,
          inputs,
          parameters: [FLOOR, CRITICAL_TIER],
        },
      ];
    }
    if (value <= line) {
      const tier = asActionTier(ctx.choice(LOW_TIER));
      return [
        {
          severity: severityForTier(tier),
          actionTier: tier,
          message: `SpO₂ ${value}% ${air}${trendWords(r)} is not above ${line}%: ${tierWords(tier)}; reposition and give O₂.`,
          inputs,
          parameters: [LINE, LOW_TIER],
        },
      ];
    }
    if (onO2) {
      return [
        {
          severity: 'warn',
          actionTier: 'continue-and-watch',
          message: `SpO₂ ${value}% on supplemental O₂: the room-air value is unknown; watch closely.`,
          inputs,
          parameters: [LINE],
        },
      ];
    }
    return [];
  },
});
