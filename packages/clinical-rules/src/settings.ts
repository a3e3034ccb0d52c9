/**
 * Clinic settings: the clinic's own value for a parameter, else the parameter's default from REFERENCE.md.
 * A parameter REFERENCE.md found no value for has no default; rules that need it stay unconfigured until the
 * clinic sets it.
 */
import type { Parameter, SettingValue, UsedParameter } from './types.js';

/** The clinic's overrides, by parameter id. Parameters not listed take their default. */
export type ClinicSettings = Readonly<Record<string, SettingValue>>;

const EVIDENCE_WORDS = { G: 'guideline', L: 'label/regulation', T: 'trial', P: 'practice' } as const;

/** How a value should be labelled wherever it is shown, e.g. "practice [P] default, unverified (U)". */
export function describeBasis(parameter: Parameter, origin: 'default' | 'clinic'): string {
  if (origin === 'clinic') return 'clinic setting';
  const evidence = `${EVIDENCE_WORDS[parameter.evidence]} [${parameter.evidence}] default`;
  if (parameter.verification === 'unverified') return `${evidence}, unverified (U)`;
  return evidence;
}

/** Why a value is not acceptable for a parameter, or null when it is. */
export function validateSettingValue(parameter: Parameter, value: unknown): string | null {
  switch (parameter.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number in ${parameter.unit}`;
      if (parameter.integer === true && !Number.isInteger(value)) return 'must be a whole number';
      if (value < parameter.min || value > parameter.max) {
        return `must be between ${parameter.min} and ${parameter.max} ${parameter.unit}`;
      }
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'choice':
      return typeof value === 'string' && parameter.choices.includes(value)
        ? null
        : `must be one of ${parameter.choices.join(', ')}`;
  }
}

export interface ResolvedSetting {
  readonly parameter: Parameter;
  /** Undefined when neither the clinic nor REFERENCE.md gives a value. */
  readonly value: SettingValue | undefined;
  readonly origin: 'default' | 'clinic';
}

export class SettingsView {
  readonly #parameters: ReadonlyMap<string, Parameter>;
  readonly #settings: ClinicSettings;

  constructor(parameters: ReadonlyMap<string, Parameter>, settings: ClinicSettings) {
    this.#parameters = parameters;
    this.#settings = settings;
  }

  resolve(id: string): ResolvedSetting {
    const parameter = this.#parameters.get(id);
    if (parameter === undefined) throw new Error(`Unknown rule parameter '${id}'`);
    if (Object.hasOwn(this.#settings, id)) return { parameter, value: this.#settings[id], origin: 'clinic' };
    return { parameter, value: parameter.default ?? undefined, origin: 'default' };
  }

  isConfigured(id: string): boolean {
    return this.resolve(id).value !== undefined;
  }

  used(id: string): UsedParameter {
    const { parameter, value, origin } = this.resolve(id);
    if (value === undefined) throw new Error(`Rule parameter '${id}' has no value`);
    return {
      id,
      label: parameter.label,
      value,
      ...(parameter.kind === 'number' ? { unit: parameter.unit } : {}),
      origin,
      evidence: parameter.evidence,
      verification: parameter.verification,
      basis: describeBasis(parameter, origin),
    };
  }
}
