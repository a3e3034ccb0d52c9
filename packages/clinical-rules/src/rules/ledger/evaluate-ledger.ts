/**
 * The ledger's entry point: runs the rules of one operation and says whether it may be recorded. A write is
 * blocked by any block finding, and also while a setting it needs is missing (waste cannot be recorded until
 * the clinic decides whether it needs a witness); the stock status only reports.
 */
import { runRule } from '../../define-rule.js';
import { settingsView } from '../../registry.js';
import type { ClinicSettings } from '../../settings.js';
import { severityRank, type Finding } from '../../types.js';
import { LEDGER_RULES_BY_OPERATION } from './index.js';
import type { LedgerCheck } from './ledger-check.js';

export interface LedgerResult {
  /** Worst first. */
  readonly findings: Finding[];
  readonly blocked: boolean;
}

export function evaluateLedger(check: LedgerCheck, settings: ClinicSettings): LedgerResult {
  const view = settingsView(settings);
  const now = new Date(check.now);
  if (Number.isNaN(now.getTime()))
    throw new RangeError(`evaluateLedger: now is not a date-time: ${check.now}`);
  const findings = LEDGER_RULES_BY_OPERATION[check.operation]
    .flatMap((rule) => runRule(rule, check, view, now))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const blocked =
    findings.some((f) => f.severity === 'block') ||
    (check.operation !== 'status' && findings.some((f) => f.unconfigured !== undefined));
  return { findings, blocked };
}
