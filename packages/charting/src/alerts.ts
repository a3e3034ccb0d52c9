/**
 * Alerts: the session rules' findings (severity warn or worse) become 'alert' entries on the chart; one
 * stays open until acknowledged, and the same finding is not raised again while it is open.
 */
import type { SessionEntryData } from '@ketapath/core';
import { severityRank, type Finding } from '@ketapath/clinical-rules';
import type { ChartAlert, ChartState } from './chart-types.js';

export type AlertEntryData = Extract<SessionEntryData, { kind: 'alert' }>;

export interface AlertCounts {
  readonly stopAndCall: number;
  readonly pause: number;
  readonly slow: number;
  readonly watch: number;
  /** Open alerts without an action tier (pre-start and discharge findings). */
  readonly other: number;
}

function alertKey(ruleId: string, message: string): string {
  return JSON.stringify([ruleId, message]);
}

export function openAlerts(chart: ChartState): ChartAlert[] {
  return chart.alerts.filter((a) => a.acknowledged === null);
}

/**
 * The alert entries to append for `findings` (from the entry `raisedBySeq`): each finding of severity warn
 * or worse, unless an unacknowledged alert with the same rule and the same message is already on the chart
 * (or earlier in the same list).
 */
export function newAlerts(
  chart: ChartState,
  findings: readonly Finding[],
  raisedBySeq: number,
): AlertEntryData[] {
  const open = new Set(openAlerts(chart).map((a) => alertKey(a.ruleId, a.message)));
  const out: AlertEntryData[] = [];
  for (const finding of findings) {
    if (severityRank(finding.severity) < severityRank('warn')) continue;
    const key = alertKey(finding.ruleId, finding.message);
    if (open.has(key)) continue;
    open.add(key);
    out.push({
      kind: 'alert',
      ruleId: finding.ruleId,
      ruleVersion: finding.ruleVersion,
      severity: finding.severity,
      ...(finding.actionTier === undefined ? {} : { actionTier: finding.actionTier }),
      finding: JSON.parse(JSON.stringify(finding)) as Record<string, unknown>,
      raisedBySeq,
    });
  }
  return out;
}

/** Unacknowledged alerts counted by action tier. */
export function openAlertsByTier(chart: ChartState): AlertCounts {
  const counts = { stopAndCall: 0, pause: 0, slow: 0, watch: 0, other: 0 };
  for (const a of openAlerts(chart)) {
    switch (a.actionTier) {
      case 'stop-and-call':
        counts.stopAndCall += 1;
        break;
      case 'pause':
        counts.pause += 1;
        break;
      case 'slow':
        counts.slow += 1;
        break;
      case 'continue-and-watch':
        counts.watch += 1;
        break;
      case null:
        counts.other += 1;
        break;
    }
  }
  return counts;
}
