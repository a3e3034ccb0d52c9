/**
 * The vocabulary of the rules engine: severities, citations, parameters, rules and findings. Rules are data
 * plus a pure evaluate function; a finding says what was found, from which inputs, with which thresholds and
 * on whose authority.
 */
import type { ReferenceSection, ReferenceSource } from './reference.js';

/** How strongly a finding stops the work: note it, warn, require an acknowledgement, or block. */
export const SEVERITIES = ['info', 'warn', 'needs-ack', 'block'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The worst of a list of severities, or undefined for none. */
export function worstSeverity(severities: Iterable<Severity>): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of severities) if (worst === undefined || severityRank(s) > severityRank(worst)) worst = s;
  return worst;
}

export interface Citation {
  /** A section heading of REFERENCE.md, e.g. '§4.2'. */
  readonly section: ReferenceSection;
  /** A source key from REFERENCE.md's References, e.g. 'S30'. */
  readonly source: ReferenceSource;
  /** What the source says, in our words. */
  readonly note: string;
}

/**
 * REFERENCE.md's labels: [G] guideline, [L] label/regulation/code set, [T] trial, [P] practice; `unverified`
 * is its U (do not hard-code without checking), `not-found` means no value was found and the clinic must set one.
 */
export type EvidenceType = 'G' | 'L' | 'T' | 'P';
export type Verification = 'verified' | 'unverified' | 'not-found';

export type SettingValue = number | boolean | string;

interface ParameterBase {
  /** Namespaced id, e.g. `session.sbp-stop-high-mmhg`. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly evidence: EvidenceType;
  readonly verification: Verification;
  readonly citations: readonly Citation[];
}

export interface NumberParameter extends ParameterBase {
  readonly kind: 'number';
  readonly unit: string;
  /** null exactly when REFERENCE.md found no value: the clinic must set it before the rule runs. */
  readonly default: number | null;
  /** Range a clinic setting must lie in (data-entry sanity, not a clinical limit). */
  readonly min: number;
  readonly max: number;
  /** True when the value must be a whole number. */
  readonly integer?: boolean;
}

export interface BooleanParameter extends ParameterBase {
  readonly kind: 'boolean';
  readonly default: boolean | null;
}

export interface ChoiceParameter extends ParameterBase {
  readonly kind: 'choice';
  readonly choices: readonly string[];
  readonly default: string | null;
}

export type Parameter = NumberParameter | BooleanParameter | ChoiceParameter;

/** Where the value a rule used came from. */
export type ValueOrigin = 'default' | 'clinic';

export interface UsedParameter {
  readonly id: string;
  readonly label: string;
  readonly value: SettingValue;
  readonly unit?: string;
  readonly origin: ValueOrigin;
  readonly evidence: EvidenceType;
  readonly verification: Verification;
  /** e.g. 'practice [P] default' or 'clinic setting', for display next to the value. */
  readonly basis: string;
}

/** The four action tiers for intra-infusion findings (REFERENCE §4.2 note: warn / pause / stop and call). */
export const ACTION_TIERS = ['continue-and-watch', 'slow', 'pause', 'stop-and-call'] as const;
export type ActionTier = (typeof ACTION_TIERS)[number];

export interface Finding {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly severity: Severity;
  readonly title: string;
  /** One or two sentences a clinician understands, with the numbers. */
  readonly message: string;
  /** The snapshot values the rule looked at. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The thresholds the rule compared them with, with their origin and evidence. */
  readonly parameters: readonly UsedParameter[];
  readonly citations: readonly Citation[];
  /** Intra-infusion findings: what the nurse should do. */
  readonly actionTier?: ActionTier;
  /** Order findings: the classic slip this looks like (e.g. 'tenfold', 'microgram-as-milligram'). */
  readonly slip?: string;
  /** Set when the rule could not run because a required clinic setting is missing. */
  readonly unconfigured?: readonly string[];
}

export type RuleArea = 'eligibility' | 'order' | 'session' | 'discharge' | 'ledger';
