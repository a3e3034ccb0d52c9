/**
 * Types of a published PK model as data: parameters with units as published, covariate equations in
 * `build`, variability, routes, validity and citation. The engine, not the model, checks validity.
 */

export type Route = 'iv-bolus' | 'iv-infusion' | 'intranasal' | 'oral' | 'intramuscular' | 'sublingual';
export const ROUTES: readonly Route[] = ['iv-bolus', 'iv-infusion', 'intranasal', 'oral', 'intramuscular', 'sublingual'];

export type Drug = 'racemic-ketamine' | 'esketamine';
/** MODELS.md grading: A paper/table-traced, B open-source implementation only, C summary statistics only. */
export type Grade = 'A' | 'B' | 'C';
export type Sex = 'male' | 'female';

export interface PatientCovariates {
  readonly weightKg: number;
  readonly ageYears: number;
  readonly sex: Sex;
  readonly heightCm?: number;
  /** Perez-Ruixo 2021 race covariates (MODELS.md §3.7); absent means false. */
  readonly raceAsian?: boolean;
  readonly raceJapanese?: boolean;
}

export interface Citation {
  readonly authors: string;
  readonly title: string;
  readonly journal: string;
  readonly year: number;
  readonly doi: string | null;
  readonly pmid: string | null;
  /** Where the numbers were read (table, implementation). */
  readonly locator: string;
  /** MODELS.md section the values were copied from. */
  readonly modelsMdSection: string;
}

export interface ParameterSpec {
  readonly name: string;
  readonly value: number;
  /** Unit exactly as MODELS.md gives it (e.g. 'L per 70 kg', 'min⁻¹', 'h⁻¹', 'L/h'). */
  readonly unit: string;
  readonly description: string;
}

/** Published inter-individual variability of one parameter. */
export interface IivSpec {
  readonly parameter: string;
  /** 'log': P·exp(η); 'logit': additive η on the logit scale. */
  readonly scale: 'log' | 'logit';
  /** Standard deviation of η: √ln(1 + CV²) for a published CV (MODELS.md §2), or the published logit SD. */
  readonly omega: number;
  readonly published: string;
}

export interface CompartmentSpec {
  readonly name: string;
  /** Volume (L) for compartments with a concentration; null for absorption depots. */
  readonly volumeL: number | null;
}

export interface TransferSpec {
  readonly from: string;
  /** null: out of the system (elimination). */
  readonly to: string | null;
  readonly kPerMin: number;
}

/** Where a route's dose goes: a fraction of the dose, instant (bolus) or zero-order over durationMin. */
export interface RouteInputSpec {
  readonly compartment: string;
  readonly fraction: number;
  readonly durationMin?: number;
}

/** A model instantiated for one patient (and one set of η): a linear system in mg and minutes. */
export interface SystemSpec {
  readonly compartments: readonly CompartmentSpec[];
  readonly transfers: readonly TransferSpec[];
  readonly parentCompartment: string;
  readonly metaboliteCompartment: string | null;
  /** Inputs of one dose (for 'iv-infusion': where the rate goes; durations are ignored). */
  readonly routeInputs: (route: Route, doseMg: number) => readonly RouteInputSpec[];
}

export interface ValidityRanges {
  /** Inclusive ranges; absent means the source gives none (a warning says so), not unbounded safety. */
  readonly ageYears?: readonly [number, number];
  readonly weightKg?: readonly [number, number];
  /** 'paediatric' models warn for adults (≥ 18 y), 'adult' models warn for children. */
  readonly population: 'adult' | 'paediatric' | 'mixed' | 'not found';
  readonly source: string;
}

/** A caveat that always applies to a model (unverified values, apparent metabolite, …). */
export interface ModelFlag {
  readonly code: string;
  readonly message: string;
}

export interface PkModel {
  readonly id: string;
  readonly drug: Drug;
  readonly analytes: { readonly parent: 'ketamine' | 'esketamine'; readonly metabolite: 'norketamine' | 'noresketamine' | null };
  readonly title: string;
  readonly structure: string;
  readonly population: string;
  readonly samplingSite: 'arterial' | 'venous' | 'not found';
  readonly grade: Grade;
  readonly gradeNote: string;
  readonly routes: readonly Route[];
  /** Routes the source data actually contained; others in `routes` are supported but warned. */
  readonly studiedRoutes: readonly Route[];
  readonly validity: ValidityRanges;
  readonly parameters: readonly ParameterSpec[];
  readonly iiv: readonly IivSpec[];
  readonly metaboliteApparent: boolean;
  readonly citation: Citation;
  readonly flags: readonly ModelFlag[];
  /**
   * Covariate equations, exactly as published: typical parameters → patient's linear system. `eta` gives the
   * individual's η for a parameter name (0 for the typical patient).
   */
  readonly build: (patient: PatientCovariates, eta: (parameter: string) => number) => SystemSpec;
}

/** Log-normal ω from a CV% (MODELS.md §2: ω² = ln(1 + CV²)). */
export function omegaFromCvPercent(cvPercent: number): number {
  const cv = cvPercent / 100;
  return Math.sqrt(Math.log(1 + cv * cv));
}

/**
 * A model's parameter lookup by name, indexed once (population runs call a model's `build` per virtual
 * patient, so the table is not scanned each time). Throws for a typo, so model files fail loudly.
 */
export function parameterLookup(parameters: readonly ParameterSpec[]): (name: string) => number {
  const byName = new Map(parameters.map((x) => [x.name, x.value]));
  return (name) => {
    const v = byName.get(name);
    if (v === undefined) throw new Error(`unknown parameter ${name}`);
    return v;
  };
}

/** Looks a parameter up by name in a model's table (throws for a typo, so model files fail loudly). */
export function param(parameters: readonly ParameterSpec[], name: string): number {
  const p = parameters.find((x) => x.name === name);
  if (p === undefined) throw new Error(`unknown parameter ${name}`);
  return p.value;
}
