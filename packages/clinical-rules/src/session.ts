/**
 * Session safety and discharge: runs the rules of the snapshot's phase and assembles the result the nurse
 * sees: the pre-start checklist, intra-infusion findings with their action tiers, rescue-medication prompts
 * and the discharge readiness summary. Pure: `now` comes from the snapshot.
 */
import type { SessionPhase, SessionSnapshot } from '@ketapath/core';
import {
  isAldretePassing,
  type AldreteItem,
  type AldreteItemScore,
  type AldretePassRule,
} from './aldrete.js';
import { runRule, type Rule } from './define-rule.js';
import { settingsView } from './registry.js';
import { aldreteFor, asCirculationUnit, observationFor } from './rules/discharge/assessment.js';
import { DISCHARGE_RULE_LIST } from './rules/discharge/index.js';
import {
  baselineVitals,
  consentSigned,
  eligibilityCurrent,
  escortConfirmed,
  fasting,
  INFUSION_RULES,
  preTreatmentTests,
  pregnancyTestPositive,
  pregnancyTestRequired,
  qualificationValidity,
} from './rules/session/index.js';
import { rescuePromptsFor, type RescuePrompt } from './rules/session/rescue-prompts.js';
import type { ClinicSettings, SettingsView } from './settings.js';
import { severityRank, worstSeverity, type Finding, type Severity } from './types.js';

export type { RescuePrompt, RescueProblem } from './rules/session/rescue-prompts.js';
export { RESCUE_PROBLEMS, RESCUE_PROMPT_TEXT } from './rules/session/rescue-prompts.js';

export type SessionStatus = 'ok' | 'warn' | 'needs-ack' | 'blocked';

export interface SessionChecklistItem {
  readonly id: string;
  readonly label: string;
  /** The rules behind the item. */
  readonly ruleIds: readonly string[];
  readonly status: 'done' | 'open' | 'n/a';
  /** The worst severity among the item's findings, when open. */
  readonly severity?: Severity;
  /** The message of the item's worst finding (an open item's reason, or a note on a done item). */
  readonly finding?: string;
}

export interface DischargeSummary {
  readonly aldreteScore: number | null;
  readonly items: Readonly<Record<AldreteItem, AldreteItemScore>> | null;
  readonly passing: boolean;
  /** Whole minutes since the last dose (or infusion stop), or null when neither is recorded. */
  readonly observedMin: number | null;
  readonly requiredMin: number | null;
  /** True when no discharge rule gives a block or needs-ack finding. */
  readonly ready: boolean;
}

export interface SessionResult {
  readonly status: SessionStatus;
  readonly phase: SessionPhase;
  /** Worst first. */
  readonly findings: readonly Finding[];
  /** The pre-start checklist; empty in the other phases. */
  readonly checklist: readonly SessionChecklistItem[];
  readonly rescuePrompts: readonly RescuePrompt[];
  /** Discharge readiness; null outside the discharge phase. */
  readonly discharge: DischargeSummary | null;
  readonly evaluatedAt: string;
}

interface ChecklistEntry {
  readonly id: string;
  readonly label: string;
  readonly rules: readonly {
    readonly rule: Rule<SessionSnapshot>;
    /** When false the rule does not apply to this patient or clinic and is not run. */
    readonly applies?: (s: SessionSnapshot, settings: SettingsView) => boolean;
  }[];
}

const PRE_START_CHECKLIST: readonly ChecklistEntry[] = [
  {
    id: 'eligibility',
    label: 'Eligibility signed and current',
    rules: [
      { rule: eligibilityCurrent },
      { rule: qualificationValidity, applies: (s) => s.eligibility.signedAt !== null },
    ],
  },
  { id: 'consent', label: 'Consent signed', rules: [{ rule: consentSigned }] },
  { id: 'fasting', label: 'Fasting per clinic setting', rules: [{ rule: fasting }] },
  {
    id: 'baseline-vitals',
    label: 'Baseline vitals recorded and within limits',
    rules: [{ rule: baselineVitals }],
  },
  {
    id: 'pregnancy-test',
    label: 'Pregnancy test',
    rules: [
      { rule: pregnancyTestPositive, applies: (s) => s.pregnancyTest.result === 'positive' },
      {
        rule: pregnancyTestRequired,
        applies: (s, settings) =>
          s.patient.pregnancyPossible && settings.resolve('session.pregnancy-test-required').value !== false,
      },
    ],
  },
  { id: 'escort', label: 'Escort home confirmed', rules: [{ rule: escortConfirmed }] },
  {
    id: 'pre-treatment-tests',
    label: 'Pre-treatment tests done',
    rules: [{ rule: preTreatmentTests, applies: (s) => s.preTreatmentTests.some((t) => t.due) }],
  },
];

const STATUS_BY_SEVERITY: Readonly<Record<Severity, SessionStatus>> = {
  info: 'ok',
  warn: 'warn',
  'needs-ack': 'needs-ack',
  block: 'blocked',
};

function sortWorstFirst(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i)
    .map(({ f }) => f);
}

function checklistItem(
  entry: ChecklistEntry,
  findings: readonly Finding[],
  ran: boolean,
): SessionChecklistItem {
  const ruleIds = entry.rules.map((r) => r.rule.id);
  if (!ran) return { id: entry.id, label: entry.label, ruleIds, status: 'n/a' };
  const worst = sortWorstFirst(findings)[0];
  if (worst === undefined) return { id: entry.id, label: entry.label, ruleIds, status: 'done' };
  if (worst.severity === 'info') {
    return { id: entry.id, label: entry.label, ruleIds, status: 'done', finding: worst.message };
  }
  return {
    id: entry.id,
    label: entry.label,
    ruleIds,
    status: 'open',
    severity: worst.severity,
    finding: worst.message,
  };
}

function dischargeSummary(
  s: SessionSnapshot,
  settings: SettingsView,
  findings: readonly Finding[],
): DischargeSummary {
  const value = (id: string) => settings.resolve(id).value;
  const unit = value('discharge.aldrete-circulation-unit');
  const rule = value('discharge.aldrete-rule');
  const passingScore = value('discharge.aldrete-passing-score');
  const variantScore = value('discharge.aldrete-variant-passing-score');
  const requiredMin = value('discharge.observation-after-last-dose-min');
  const aldrete = typeof unit === 'string' ? aldreteFor(s, asCirculationUnit(unit)) : null;
  const passing =
    aldrete !== null &&
    (rule === 'total' || rule === 'variant-full-respiration-spo2') &&
    typeof passingScore === 'number' &&
    typeof variantScore === 'number' &&
    isAldretePassing(aldrete, rule satisfies AldretePassRule, passingScore, variantScore);
  const obs = observationFor(s);
  return {
    aldreteScore: aldrete?.total ?? null,
    items: aldrete?.items ?? null,
    passing,
    observedMin: obs === null ? null : Math.floor(obs.observedMin),
    requiredMin: typeof requiredMin === 'number' ? requiredMin : null,
    ready: !findings.some(
      (f) => f.ruleId.startsWith('discharge/') && severityRank(f.severity) >= severityRank('needs-ack'),
    ),
  };
}

/**
 * Evaluates a session snapshot against the clinic's settings. The status is the worst finding: block →
 * 'blocked', needs-ack → 'needs-ack', warn → 'warn', otherwise 'ok'.
 */
export function evaluateSession(snapshot: SessionSnapshot, settings: ClinicSettings): SessionResult {
  const view = settingsView(settings);
  const now = new Date(snapshot.now);
  const run = (rule: Rule<SessionSnapshot>) => runRule(rule, snapshot, view, now);

  let findings: Finding[] = [];
  const checklist: SessionChecklistItem[] = [];
  switch (snapshot.phase) {
    case 'pre-start':
      for (const entry of PRE_START_CHECKLIST) {
        const applicable = entry.rules.filter((r) => r.applies?.(snapshot, view) ?? true);
        const entryFindings = applicable.flatMap((r) => run(r.rule));
        checklist.push(checklistItem(entry, entryFindings, applicable.length > 0));
        findings.push(...entryFindings);
      }
      break;
    case 'infusion':
      findings = INFUSION_RULES.flatMap(run);
      break;
    case 'discharge':
      findings = DISCHARGE_RULE_LIST.flatMap(run);
      break;
  }
  const sorted = sortWorstFirst(findings);
  const worst = worstSeverity(sorted.map((f) => f.severity));
  return {
    status: worst === undefined ? 'ok' : STATUS_BY_SEVERITY[worst],
    phase: snapshot.phase,
    findings: sorted,
    checklist,
    rescuePrompts: snapshot.phase === 'pre-start' ? [] : rescuePromptsFor(snapshot, sorted),
    discharge: snapshot.phase === 'discharge' ? dischargeSummary(snapshot, view, sorted) : null,
    evaluatedAt: now.toISOString(),
  };
}
