/**
 * The modified Aldrete recovery score (REFERENCE §4.6, S28): five items, each 0–2, total 0–10. The nurse
 * records activity, respiration and consciousness; circulation and O₂ saturation may be recorded or scored
 * here from the latest vital signs. The band cut-points below are the instrument's own definition (S28), not
 * clinic thresholds; which circulation unit applies is a clinic setting because sources disagree.
 */
import type { AldreteItems } from '@ketapath/core';

export const ALDRETE_ITEMS = [
  'activity',
  'respiration',
  'circulation',
  'consciousness',
  'oxygenSaturation',
] as const;
export type AldreteItem = (typeof ALDRETE_ITEMS)[number];

/** Highest score of one item (§4.6, S28). */
export const ALDRETE_ITEM_MAX = 2;

export const ALDRETE_CIRCULATION_UNITS = ['percent', 'mmHg'] as const;
export type AldreteCirculationUnit = (typeof ALDRETE_CIRCULATION_UNITS)[number];

/**
 * Circulation bands, REFERENCE §4.6 (S28): BP within ±20% of the pre-anaesthetic level scores 2, ±20–49%
 * scores 1, ≥ 50% deviation scores 0; the mmHg form is ±20 / 20–50 / ≥ 50 mmHg. "Within ±20" is read as
 * inclusive; a deviation of exactly 50 scores 0 in both forms (the ≥ 50 band wins the shared endpoint).
 */
export const ALDRETE_CIRCULATION_BANDS: Readonly<
  Record<AldreteCirculationUnit, { readonly fullWithin: number; readonly zeroFrom: number }>
> = {
  percent: { fullWithin: 20, zeroFrom: 50 },
  mmHg: { fullWithin: 20, zeroFrom: 50 },
};

/**
 * O₂ saturation bands, REFERENCE §4.6 (S28): SpO₂ > 92% on room air scores 2; needs O₂ to keep SpO₂ > 90%
 * scores 1; SpO₂ < 90% even with O₂ scores 0. A reading of exactly 90% does not "keep SpO₂ > 90%" and scores 0;
 * 91–92% on room air falls short of the full score and scores 1.
 */
export const ALDRETE_SPO2_BANDS = { fullAboveOnRoomAirPercent: 92, partialAbovePercent: 90 } as const;

export interface CirculationScore {
  readonly score: 0 | 1 | 2;
  /** Absolute deviation from the pre-procedure systolic BP, in the band's unit. */
  readonly deviation: number;
  readonly unit: AldreteCirculationUnit;
}

/** Scores the circulation item from the current vs the pre-procedure systolic BP. */
export function scoreAldreteCirculation(
  currentSystolicMmHg: number,
  preProcedureSystolicMmHg: number,
  unit: AldreteCirculationUnit,
): CirculationScore {
  const diffMmHg = Math.abs(currentSystolicMmHg - preProcedureSystolicMmHg);
  const deviation = unit === 'percent' ? (diffMmHg * 100) / preProcedureSystolicMmHg : diffMmHg;
  const band = ALDRETE_CIRCULATION_BANDS[unit];
  const score = deviation <= band.fullWithin ? 2 : deviation < band.zeroFrom ? 1 : 0;
  return { score, deviation, unit };
}

/** Scores the O₂ saturation item from a SpO₂ reading and whether the patient is on supplemental O₂. */
export function scoreAldreteOxygenation(spo2Percent: number, onSupplementalO2: boolean): 0 | 1 | 2 {
  if (!onSupplementalO2 && spo2Percent > ALDRETE_SPO2_BANDS.fullAboveOnRoomAirPercent) return 2;
  if (spo2Percent > ALDRETE_SPO2_BANDS.partialAbovePercent) return 1;
  return 0;
}

export type AldreteItemSource = 'recorded' | 'computed' | 'missing';

export interface AldreteItemScore {
  readonly score: number | null;
  readonly source: AldreteItemSource;
  /** How a computed score was reached, e.g. 'SBP 150 vs 120 mmHg pre-procedure: 25% deviation'. */
  readonly detail?: string;
}

export interface AldreteInputs {
  readonly currentSystolicMmHg?: number | undefined;
  readonly preProcedureSystolicMmHg?: number | undefined;
  readonly spo2Percent?: number | undefined;
  readonly onSupplementalO2?: boolean | undefined;
}

export interface AldreteResult {
  /** Sum of the five items, or null when an item could be neither read nor computed. */
  readonly total: number | null;
  readonly items: Readonly<Record<AldreteItem, AldreteItemScore>>;
}

function formatDeviation(c: CirculationScore): string {
  const rounded = Math.round(c.deviation * 10) / 10;
  return c.unit === 'percent' ? `${rounded}%` : `${rounded} mmHg`;
}

/** The modified Aldrete total from the recorded items, computing circulation and SpO₂ when left blank. */
export function computeAldrete(
  recorded: AldreteItems,
  inputs: AldreteInputs,
  circulationUnit: AldreteCirculationUnit,
): AldreteResult {
  let circulation: AldreteItemScore;
  if (recorded.circulation !== null) circulation = { score: recorded.circulation, source: 'recorded' };
  else if (inputs.currentSystolicMmHg !== undefined && inputs.preProcedureSystolicMmHg !== undefined) {
    const c = scoreAldreteCirculation(
      inputs.currentSystolicMmHg,
      inputs.preProcedureSystolicMmHg,
      circulationUnit,
    );
    circulation = {
      score: c.score,
      source: 'computed',
      detail: `SBP ${inputs.currentSystolicMmHg} vs ${inputs.preProcedureSystolicMmHg} mmHg pre-procedure: ${formatDeviation(c)} deviation`,
    };
  } else circulation = { score: null, source: 'missing', detail: 'no current or pre-procedure systolic BP' };

  let oxygenSaturation: AldreteItemScore;
  if (recorded.oxygenSaturation !== null)
    oxygenSaturation = { score: recorded.oxygenSaturation, source: 'recorded' };
  else if (inputs.spo2Percent !== undefined) {
    const onO2 = inputs.onSupplementalO2 ?? false;
    oxygenSaturation = {
      score: scoreAldreteOxygenation(inputs.spo2Percent, onO2),
      source: 'computed',
      detail: `SpO₂ ${inputs.spo2Percent}% ${onO2 ? 'on supplemental O₂' : 'on room air'}`,
    };
  } else oxygenSaturation = { score: null, source: 'missing', detail: 'no SpO₂ reading' };

  const items: Record<AldreteItem, AldreteItemScore> = {
    activity: { score: recorded.activity, source: 'recorded' },
    respiration: { score: recorded.respiration, source: 'recorded' },
    circulation,
    consciousness: { score: recorded.consciousness, source: 'recorded' },
    oxygenSaturation,
  };
  let total: number | null = 0;
  for (const item of ALDRETE_ITEMS) {
    const s = items[item].score;
    total = s === null || total === null ? null : total + s;
  }
  return { total, items };
}

export type AldretePassRule = 'total' | 'variant-full-respiration-spo2';

/**
 * Whether a result passes (§4.6, S28): 'total' needs the total at or above the passing score; the variant
 * needs the total at or above the variant score with the full 2 points on respiration and O₂ saturation.
 */
export function isAldretePassing(
  result: AldreteResult,
  rule: AldretePassRule,
  passingScore: number,
  variantPassingScore: number,
): boolean {
  if (result.total === null) return false;
  if (rule === 'total') return result.total >= passingScore;
  return (
    result.total >= variantPassingScore &&
    result.items.respiration.score === ALDRETE_ITEM_MAX &&
    result.items.oxygenSaturation.score === ALDRETE_ITEM_MAX
  );
}
