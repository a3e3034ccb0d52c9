/**
 * The one explicit registry of rules. Nothing runs that is not listed here; `registry.test.ts` proves ids are
 * unique, every rule cites REFERENCE.md and every parameter it names exists.
 */
import type { Rule } from './define-rule.js';
import { PARAMETERS_BY_ID } from './parameters/index.js';
import { DISCHARGE_RULES } from './rules/discharge/index.js';
import { ELIGIBILITY_RULES } from './rules/eligibility/index.js';
import { LEDGER_RULES } from './rules/ledger/index.js';
import { ORDER_RULES } from './rules/order/index.js';
import { SESSION_RULES } from './rules/session/index.js';
import { REFERENCE_SECTIONS, REFERENCE_SOURCES } from './reference.js';
import { describeBasis, SettingsView, type ClinicSettings } from './settings.js';
import type { Citation, EvidenceType, RuleArea, Severity, SettingValue, Verification } from './types.js';

export const RULES: readonly Rule<never>[] = [
  ...ELIGIBILITY_RULES,
  ...ORDER_RULES,
  ...SESSION_RULES,
  ...DISCHARGE_RULES,
  ...LEDGER_RULES,
];

export function getRule(id: string): Rule<never> | undefined {
  return RULES.find((r) => r.id === id);
}

export interface ParameterDescriptor {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly kind: 'number' | 'boolean' | 'choice';
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly choices?: readonly string[];
  readonly default: SettingValue | null;
  /** How the default is labelled wherever it is shown, e.g. 'practice [P] default'. */
  readonly defaultBasis: string;
  readonly evidence: EvidenceType;
  readonly verification: Verification;
  /** True when REFERENCE.md found no value: the clinic must set one before the rules using it run. */
  readonly requiresClinicValue: boolean;
  readonly citations: readonly Citation[];
  /** Rules that read this parameter. */
  readonly usedBy: readonly string[];
}

export interface RuleDescriptor {
  readonly id: string;
  readonly version: number;
  readonly area: RuleArea;
  readonly title: string;
  readonly severity: Severity;
  readonly description: string;
  readonly parameters: readonly string[];
  readonly citations: readonly (Citation & { readonly sectionTitle: string; readonly sourceTitle: string })[];
}

export function describeParameters(): ParameterDescriptor[] {
  return [...PARAMETERS_BY_ID.values()].map((p) => ({
    id: p.id,
    label: p.label,
    description: p.description,
    kind: p.kind,
    ...(p.kind === 'number'
      ? { unit: p.unit, min: p.min, max: p.max, ...(p.integer === true ? { integer: true } : {}) }
      : {}),
    ...(p.kind === 'choice' ? { choices: p.choices } : {}),
    default: p.default,
    defaultBasis: p.default === null ? 'no default: clinic must set' : describeBasis(p, 'default'),
    evidence: p.evidence,
    verification: p.verification,
    requiresClinicValue: p.default === null,
    citations: p.citations,
    usedBy: RULES.filter((r) => r.parameters.includes(p.id)).map((r) => r.id),
  }));
}

export function describeRules(): RuleDescriptor[] {
  return RULES.map((r) => ({
    id: r.id,
    version: r.version,
    area: r.area,
    title: r.title,
    severity: r.severity,
    description: r.description,
    parameters: r.parameters,
    citations: r.citations.map((c) => ({
      ...c,
      sectionTitle: REFERENCE_SECTIONS[c.section],
      sourceTitle: REFERENCE_SOURCES[c.source],
    })),
  }));
}

/** A settings view over the full parameter catalogue. */
export function settingsView(settings: ClinicSettings): SettingsView {
  return new SettingsView(PARAMETERS_BY_ID, settings);
}
