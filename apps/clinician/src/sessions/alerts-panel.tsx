/**
 * The session rules' alerts on this chart: severity and action tier, rule id, message, the thresholds the
 * rule compared with, citations to the clinical reference, and acknowledgement with the action taken (who
 * and when are recorded by the server). Open alerts first, most urgent first.
 */
import { useState } from 'react';
import { TextField } from '../forms/field';
import { formatDateTimeShort } from '../data/dates';
import { CitationList, formatSettingValue, SeverityChip } from '../rules/rule-labels';
import { entryAuthor, type AlertView, type ChartView } from './chart-view';
import { EntryFormFrame, errorFor, FormMessage, useEntryForm } from './entry-form';
import { TIER_ORDER, TierChip } from './session-labels';
import type { ChartController } from './use-chart';

const SEVERITY_RANK: Readonly<Record<string, number>> = { block: 3, 'needs-ack': 2, warn: 1, info: 0 };

function urgency(a: AlertView): number {
  const tier = a.actionTier === undefined ? TIER_ORDER.length : TIER_ORDER.indexOf(a.actionTier);
  return (TIER_ORDER.length - tier) * 10 + (SEVERITY_RANK[a.entry.data.severity] ?? 0);
}

export function sortAlerts(alerts: readonly AlertView[]): AlertView[] {
  return [...alerts].sort(
    (a, b) =>
      Number(a.ack !== null) - Number(b.ack !== null) || urgency(b) - urgency(a) || b.entry.seq - a.entry.seq,
  );
}

export function AlertsPanel({
  view,
  controller,
  canWrite,
}: {
  view: ChartView;
  controller: ChartController;
  canWrite: boolean;
}) {
  const alerts = sortAlerts(view.alerts);
  return (
    <section className="card chart-section alerts-panel" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">
        Alerts{' '}
        <span className={view.openAlerts.length > 0 ? 'count count-open' : 'count'}>
          {view.openAlerts.length} open
        </span>
      </h2>
      {alerts.length === 0 ? (
        <p className="empty-state">No alerts on this chart.</p>
      ) : (
        <ul className="alert-list">
          {alerts.map((a) => (
            <AlertItem key={a.entry.seq} alert={a} controller={controller} canWrite={canWrite} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertItem({
  alert,
  controller,
  canWrite,
}: {
  alert: AlertView;
  controller: ChartController;
  canWrite: boolean;
}) {
  const form = useEntryForm();
  const [action, setAction] = useState('');
  const { entry, finding, ack } = alert;
  const tierClass = alert.actionTier ? ` alert-tier-${alert.actionTier}` : '';
  return (
    <li
      className={`alert-item alert-${entry.data.severity}${tierClass}${ack ? ' alert-acked' : ''}`}
      data-rule={entry.data.ruleId}
    >
      <div className="alert-head">
        {alert.actionTier && <TierChip tier={alert.actionTier} />}
        <SeverityChip severity={entry.data.severity} />
        <span className="mono small">{entry.data.ruleId}</span>
        <span className="muted small">{formatDateTimeShort(entry.occurredAt)}</span>
      </div>
      {finding?.title && <p className="alert-title">{finding.title}</p>}
      <p className="alert-message">{alert.message}</p>
      {finding?.parameters && finding.parameters.length > 0 && (
        <ul className="inline-list alert-thresholds" aria-label="Thresholds">
          {finding.parameters.map((p) => (
            <li key={p.id}>
              {p.label}: <strong>{formatSettingValue(p.value, p.unit)}</strong>
              {p.basis && <span className="muted"> ({p.basis})</span>}
            </li>
          ))}
        </ul>
      )}
      {finding && finding.citations.length > 0 && (
        <details className="alert-citations">
          <summary>Sources</summary>
          <CitationList citations={finding.citations} />
        </details>
      )}
      {ack ? (
        <p className="alert-ack">
          <span aria-hidden="true">✓ </span>Acknowledged by {entryAuthor(ack)},{' '}
          {formatDateTimeShort(ack.recordedAt)}: {ack.data.action}
        </p>
      ) : (
        canWrite && (
          <EntryFormFrame
            label={`Acknowledge ${entry.data.ruleId}`}
            onSubmit={() => {
              void form.run(
                () => {
                  if (!action.trim()) {
                    form.setErrors({ action: 'say what was done' });
                    return null;
                  }
                  return controller.record({ kind: 'alert-ack', alertSeq: entry.seq, action: action.trim() });
                },
                () => {
                  setAction('');
                },
                'Acknowledged.',
              );
            }}
          >
            <div className="inline-fields">
              <TextField
                field={`ack-${entry.seq}.action`}
                label="Action taken"
                value={action}
                onChange={setAction}
                error={errorFor(form.errors, 'action')}
                className="field-grow"
              />
              <button type="submit" className="button button-primary" disabled={form.busy}>
                Acknowledge
              </button>
            </div>
            <FormMessage state={form} />
          </EntryFormFrame>
        )
      )}
    </li>
  );
}
