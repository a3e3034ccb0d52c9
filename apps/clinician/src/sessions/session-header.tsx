/**
 * The strip at the top of a chart: patient, protocol, session n of N, state, chart version, elapsed and
 * remaining time, and the dose given so far as the server computed it from the rate history.
 */
import { Link } from 'react-router';
import type { ChartDto } from '@ketapath/api-client';
import { formatDateTime } from '../data/dates';
import { sessionsApi } from './sessions-api';
import { chairLabel, formatAmount, formatMinutes, minutesBetween, StateBadge } from './session-labels';

/** Minutes infused: from the start to the stop (or now), less the time paused. */
export function elapsedMinutes(dto: ChartDto, now: Date): number | null {
  const { startedAt, stoppedAt, pauses } = dto.chart;
  if (!startedAt) return null;
  const until = stoppedAt ? new Date(stoppedAt) : now;
  let paused = 0;
  for (const p of Array.isArray(pauses) ? pauses : []) {
    const to = p.toIso ? new Date(p.toIso) : until;
    paused += Math.max(0, minutesBetween(p.fromIso, to < until ? to : until));
  }
  return Math.max(0, minutesBetween(startedAt, until) - paused);
}

export function SessionHeader({ dto, now }: { dto: ChartDto; now: Date }) {
  const { session, chart } = dto;
  const elapsed = elapsedMinutes(dto, now);
  const isStopped = chart.stoppedAt !== null;
  const remaining = elapsed === null ? null : session.plannedDurationMin - elapsed;
  const administeredMg = chart.administered.mg;
  return (
    <header className="session-header">
      <div className="session-title">
        <p className="breadcrumb">
          <Link to={`/patients/${session.patient.id}/sessions`}>{session.patient.displayName}</Link>
          <span className="mono muted"> MRN {session.patient.mrn}</span>
        </p>
        <h1>
          {session.protocolName}{' '}
          <span className="session-number">
            · session {session.sessionNumber} of {session.sessionCount}
          </span>
        </h1>
        <p className="session-sub">
          <StateBadge state={session.state} />
          <strong>{chairLabel(session.chair)}</strong>
          <span>Nurse {session.assignedNurse?.displayName ?? 'not assigned'}</span>
          <span>Scheduled {formatDateTime(session.scheduledStart)}</span>
          <span className="muted">Chart version {session.version}</span>
        </p>
      </div>
      <dl className="session-figures">
        <div>
          <dt>{isStopped ? 'Infused' : 'Elapsed'}</dt>
          <dd>{elapsed === null ? 'not started' : formatMinutes(elapsed)}</dd>
        </div>
        <div>
          <dt>Remaining</dt>
          <dd>
            {isStopped
              ? 'stopped'
              : remaining === null
                ? formatMinutes(session.plannedDurationMin)
                : remaining >= 0
                  ? formatMinutes(remaining)
                  : `${formatMinutes(-remaining)} over`}
          </dd>
        </div>
        <div>
          <dt>Administered so far</dt>
          <dd data-testid="administered-mg">
            {formatAmount(administeredMg, 2)} mg
            <span className="figure-note">computed from the rate history</span>
          </dd>
        </div>
      </dl>
      <div className="session-actions">
        <a className="button" href={sessionsApi.chartPdfUrl(session.id)} target="_blank" rel="noreferrer">
          Print / PDF
        </a>
      </div>
    </header>
  );
}
