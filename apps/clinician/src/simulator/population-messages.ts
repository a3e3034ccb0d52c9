/** Messages between the simulator page and its population worker (structured-clone friendly). */
import type { AnalyteBands } from '@ketapath/pharmacology';

/** Virtual patients per run: enough for stable 5th/95th percentiles, quick enough to follow typing. */
export const POPULATION_PATIENTS = 500;
/** Fixed so the same inputs always draw the same band. */
export const POPULATION_SEED = 20_261_121;
export const POPULATION_PERCENTILES: readonly number[] = [5, 25, 50, 75, 95];

export interface PopulationJob {
  /** The simulate request JSON (model, patient, regimen, grid, threshold). */
  readonly request: Record<string, unknown>;
}

export interface PopulationBands {
  readonly timesMin: number[];
  readonly nPatients: number;
  readonly seed: number;
  readonly parent: AnalyteBands;
  readonly metabolite: AnalyteBands | null;
  readonly assumptions: readonly string[];
  readonly variabilityNote: string;
}

export type PopulationMessage =
  | { readonly kind: 'progress'; readonly fraction: number }
  | { readonly kind: 'result'; readonly bands: PopulationBands }
  | { readonly kind: 'error'; readonly message: string };
