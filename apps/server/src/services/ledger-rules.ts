/**
 * The ledger's two judges, in one place for the service: the fold's arithmetic (@ketapath/ledger: an entry
 * that would overdraw a container, wrong deltas, unknown containers) and the clinic's ledger rules
 * (@ketapath/clinical-rules evaluateLedger: expired or quarantined stock, witnesses, balance at close,
 * counts, inventories and loss-report deadlines due). A blocking finding or an arithmetic problem refuses
 * the write with 409 LEDGER_BLOCKED, naming each finding (field = rule id) with its message.
 */
import { DomainError, type FieldIssue } from '@ketapath/core';
import type { ClinicSettings, Finding } from '@ketapath/clinical-rules';
import { foldLedger, type LedgerFoldEntry, type LedgerView } from '@ketapath/ledger';

/** A location's view folded from its entries for the clinic's `today`. */
export function foldStock(entries: readonly LedgerFoldEntry[], today: string): LedgerView {
  return foldLedger(entries, { today });
}

/** Refuses with 409 LEDGER_BLOCKED when there is anything to refuse for. */
export function refuseIf(issues: readonly FieldIssue[], what: string): void {
  if (issues.length === 0) return;
  throw new DomainError('LEDGER_BLOCKED', {
    detail: `${what} is refused: ${issues.map((i) => i.message).join('; ')}`,
    issues,
  });
}

/** The blocking findings as field issues (field = the rule id). */
export function blockingIssues(findings: readonly Finding[]): FieldIssue[] {
  return findings
    .filter((f) => f.severity === 'block' || (f.unconfigured !== undefined && f.unconfigured.length > 0))
    .map((f) => ({
      field: f.ruleId,
      message:
        f.unconfigured !== undefined && f.unconfigured.length > 0
          ? `${f.message} (clinic setting to make: ${f.unconfigured.join(', ')})`
          : f.message,
    }));
}

export type { ClinicSettings };
