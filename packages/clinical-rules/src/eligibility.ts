/**
 * Eligibility screening: runs every eligibility rule over an intake with the clinic's settings and sums the
 * findings into one status. Relative contraindications ask for a physician's review; only what the sources
 * call contraindicated or "avoid" makes a patient not eligible.
 */
import type { EligibilityStatus, Intake } from '@ketapath/core';
import { runRule } from './define-rule.js';
import { settingsView } from './registry.js';
import { conditionEvidenceFor, type ConditionEvidence } from './rules/eligibility/condition-evidence.js';
import { ELIGIBILITY_RULES } from './rules/eligibility/index.js';
import { findInteractions, type Interaction } from './rules/eligibility/interaction-table.js';
import { PRE_INFUSION_TESTS, type PreInfusionTestId } from './rules/eligibility/tests-due.js';
import type { ClinicSettings } from './settings.js';
import { severityRank, type Citation, type Finding } from './types.js';

export type { ConditionEvidence } from './rules/eligibility/condition-evidence.js';
export type { Interaction } from './rules/eligibility/interaction-table.js';
export type { PreInfusionTestId } from './rules/eligibility/tests-due.js';
export { INTERACTIONS } from './rules/eligibility/interaction-table.js';
export { PRE_INFUSION_TESTS } from './rules/eligibility/tests-due.js';

export interface TestDue {
  readonly id: PreInfusionTestId;
  readonly name: string;
  /** Why it is due, in words (several reasons are joined). */
  readonly reason: string;
  readonly citation: Citation;
  /** The rules that found it due. */
  readonly ruleIds: readonly string[];
}

export interface EligibilityResult {
  readonly status: EligibilityStatus;
  /** Worst first; rules in their listed order within a severity. */
  readonly findings: readonly Finding[];
  /** The §1.2 guideline evidence for the primary condition; null for a category §1.2 does not list. */
  readonly conditionEvidence: ConditionEvidence | null;
  readonly testsDue: readonly TestDue[];
  readonly interactions: readonly Interaction[];
  /** ISO 8601 time of the evaluation. */
  readonly evaluatedAt: string;
}

/** Block → not eligible; needs-ack (incl. unconfigured rules) → physician review; warn → precautions. */
export function eligibilityStatusOf(findings: readonly Finding[]): EligibilityStatus {
  const severities = new Set(findings.map((f) => f.severity));
  if (severities.has('block')) return 'not-eligible';
  if (severities.has('needs-ack')) return 'needs-physician-review';
  if (severities.has('warn')) return 'eligible-with-precautions';
  return 'eligible';
}

function isTestId(value: unknown): value is PreInfusionTestId {
  return typeof value === 'string' && Object.hasOwn(PRE_INFUSION_TESTS, value);
}

function collectTestsDue(findings: readonly Finding[]): TestDue[] {
  const byId = new Map<PreInfusionTestId, { reasons: string[]; citation: Citation; ruleIds: string[] }>();
  for (const f of findings) {
    const id = f.inputs['testId'];
    const [citation] = f.citations;
    if (!isTestId(id) || citation === undefined) continue;
    const entry = byId.get(id) ?? { reasons: [], citation, ruleIds: [] };
    entry.reasons.push(f.message);
    entry.ruleIds.push(f.ruleId);
    byId.set(id, entry);
  }
  return [...byId].map(([id, e]) => ({
    id,
    name: PRE_INFUSION_TESTS[id],
    reason: e.reasons.join(' '),
    citation: e.citation,
    ruleIds: e.ruleIds,
  }));
}

/**
 * Screens an intake for ketamine chronic-pain treatment.
 *
 * @example
 * const result = evaluateEligibility(intake, { 'eligibility.min-pain-duration-months': 3 }, { now: new Date() });
 * result.status; // 'eligible-with-precautions'
 */
export function evaluateEligibility(
  intake: Intake,
  settings: ClinicSettings,
  options: { now: Date },
): EligibilityResult {
  const view = settingsView(settings);
  const order = new Map(ELIGIBILITY_RULES.map((r, i) => [r.id, i]));
  const findings = ELIGIBILITY_RULES.flatMap((rule) => runRule(rule, intake, view, options.now)).sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0),
  );
  return {
    status: eligibilityStatusOf(findings),
    findings,
    conditionEvidence: conditionEvidenceFor(intake.pain.conditionCategory, intake.pain.primaryCondition.code),
    testsDue: collectTestsDue(findings),
    interactions: findInteractions(intake),
    evaluatedAt: options.now.toISOString(),
  };
}
