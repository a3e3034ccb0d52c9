/**
 * Alerts: during the infusion (running or paused), the session rules' findings of severity warn or worse
 * become 'alert' entries on the chart; each stays open until acknowledged. A finding is raised once for the
 * readings it rests on: the same rule with the same inputs (e.g. the same blood-pressure reading) is not
 * raised again, acknowledged or not; a new reading that crosses the limit again is a new alert. Pre-start
 * findings are the checklist and discharge findings are readiness, shown there rather than as alerts.
 */
import type { SessionEntryData } from '@ketapath/core';
import { severityRank, type Finding } from '@ketapath/clinical-rules';
import type { ChartAlert, ChartState } from './chart-types.js';
import { phaseOf } from './session-snapshot.js';

export type AlertEntryData = Extract<SessionEntryData, { kind: 'alert' }>;

export interface AlertCounts {
  readonly stopAndCall: number;
  readonly pause: number;
  readonly slow: number;
  readonly watch: number;
  /** Open alerts without an action tier (pre-start and discharge findings). */
  readonly other: number;
}

/**
 * A finding's identity for raising: its rule and the time of the reading or event it rests on (`inputs.at`);
 * without one, its rule and message. (Other inputs, such as how long ago the reading was, change with the
 * clock and would raise the same reading again.)
 */
function alertKey(ruleId: string, finding: Readonly<Record<string, unknown>>, message: string): string {
  const inputs = finding['inputs'];
  const at =
    typeof inputs === 'object' && inputs !== null ? (inputs as Record<string, unknown>)['at'] : undefined;
  return JSON.stringify([ruleId, typeof at === 'string' ? at : message]);
}

export function openAlerts(chart: ChartState): ChartAlert[] {
  return chart.alerts.filter((a) => a.acknowledged === null);
}

/**
 * The alert entries to append for `findings` (evaluated on `chart`, which already includes the entry
 * `raisedBySeq`): each finding of severity warn or worse while the infusion runs or is paused, unless an
 * alert of the same rule with the same inputs is already on the chart (or earlier in the same list).
 */
export function newAlerts(
  chart: ChartState,
  findings: readonly Finding[],
  raisedBySeq: number,
): AlertEntryData[] {
  if (phaseOf(chart.state) !== 'infusion') return [];
  const raised = new Set(chart.alerts.map((a) => alertKey(a.ruleId, a.finding, a.message)));
  const out: AlertEntryData[] = [];
  for (const finding of findings) {
    if (severityRank(finding.severity) < severityRank('warn')) continue;
    const stored = JSON.parse(JSON.stringify(finding)) as Record<string, unknown>;
    const key = alertKey(finding.ruleId, stored, finding.message);
    if (raised.has(key)) continue;
    raised.add(key);
    out.push({
      kind: 'alert',
      ruleId: finding.ruleId,
      ruleVersion: finding.ruleVersion,
      severity: finding.severity,
      ...(finding.actionTier === undefined ? {} : { actionTier: finding.actionTier }),
      finding: stored,
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
