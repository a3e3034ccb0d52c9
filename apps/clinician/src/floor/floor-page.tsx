/**
 * The clinic floor board: one card per chair of today's sessions, worst open alerts first, readable from
 * across the room; live from the server's event stream. A card opens its chart.
 */
import { Link } from 'react-router';
import type { FloorChair, Trend } from '@ketapath/api-client';
import { useDocumentTitle } from '../shell/use-document-title';
import {
  chairLabel,
  formatAmount,
  formatClock,
  formatMinutes,
  StateBadge,
  TIER_LABELS,
  TrendArrow,
} from '../sessions/session-labels';
import { useNow } from '../sessions/use-now';
import { useFloorStream, type ReceivedChair, type StreamStatus } from './use-floor-stream';

const ALERT_KEYS = ['stopAndCall', 'pause', 'slow', 'watch', 'other'] as const;
type AlertKey = (typeof ALERT_KEYS)[number];

const ALERT_LABELS: Readonly<Record<AlertKey, string>> = {
  stopAndCall: TIER_LABELS['stop-and-call'],
  pause: TIER_LABELS.pause,
  slow: TIER_LABELS.slow,
  watch: TIER_LABELS['continue-and-watch'],
  other: 'Other',
};

const STATE_ORDER: Readonly<Record<string, number>> = {
  running: 0,
  paused: 1,
  scheduled: 2,
  stopped: 3,
  discharged: 4,
  'nurse-signed': 5,
  locked: 6,
  cancelled: 7,
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Worst open alerts first (stop-and-call, then pause, slow, watch, other), then running chairs, then by chair. */
export function compareChairs(a: FloorChair, b: FloorChair): number {
  for (const key of ALERT_KEYS) {
    const d = b.openAlerts[key] - a.openAlerts[key];
    if (d !== 0) return d;
  }
  return (
    (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9) ||
    collator.compare(a.chair ?? '~', b.chair ?? '~') ||
    a.sessionId.localeCompare(b.sessionId)
  );
}

function worstTier(chair: FloorChair): AlertKey | null {
  return ALERT_KEYS.find((k) => chair.openAlerts[k] > 0) ?? null;
}

const STATUS_TEXT: Readonly<Record<StreamStatus, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

export function FloorPage() {
  useDocumentTitle('Floor');
  const { chairs, status, lastEventAt } = useFloorStream();
  const now = useNow(10_000);
  const sorted = [...chairs].sort((a, b) => compareChairs(a.chair, b.chair));
  const alerting = chairs.filter((c) => worstTier(c.chair) !== null).length;
  return (
    <section className="floor-page" aria-labelledby="floor-heading">
      <div className="page-head floor-head">
        <h1 id="floor-heading">Floor</h1>
        <span className={`live-indicator live-${status}`} role="status" data-testid="live-indicator">
          <span className="live-dot" aria-hidden="true" />
          {STATUS_TEXT[status]}
        </span>
        <span className="muted">
          {chairs.length} {chairs.length === 1 ? 'chair' : 'chairs'} today · {alerting} with open alerts ·
          sorted by alert severity
          {lastEventAt !== null && <> · updated {formatClock(new Date(lastEventAt).toISOString())}</>}
        </span>
        <Link to="/schedule" className="floor-schedule-link">
          Day schedule
        </Link>
      </div>
      {chairs.length === 0 ? (
        <p className="empty-state">
          {status === 'live' ? 'No sessions on the floor today.' : 'Waiting for the floor board…'}
        </p>
      ) : (
        <ul className="floor-grid">
          {sorted.map((c) => (
            <ChairCard key={c.chair.sessionId} received={c} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function vitalValue(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : String(v);
}

function Vital({ label, value, unit, trend }: { label: string; value: string; unit: string; trend?: Trend }) {
  return (
    <span className="chair-vital">
      <span className="chair-vital-label">{label}</span> <strong>{value}</strong>
      <span className="chair-vital-unit"> {unit}</span>
      {trend !== undefined && <TrendArrow trend={trend} />}
    </span>
  );
}

export function ChairCard({ received, now }: { received: ReceivedChair; now: Date }) {
  const c = received.chair;
  const running = c.state === 'running';
  const sinceMin = running ? Math.max(0, (now.getTime() - received.receivedAt) / 60_000) : 0;
  const elapsed = c.elapsedMin === null ? null : c.elapsedMin + sinceMin;
  const remaining = c.remainingMin === null ? null : Math.max(0, c.remainingMin - sinceMin);
  const total = c.elapsedMin !== null && c.remainingMin !== null ? c.elapsedMin + c.remainingMin : null;
  const percent =
    elapsed !== null && total !== null && total > 0 ? Math.min(100, (elapsed / total) * 100) : 0;
  const worst = worstTier(c);
  const v = c.lastVitals;
  return (
    <li
      className={`chair-card${worst ? ` chair-alert-${worst}` : ''} chair-state-${c.state}`}
      data-session={c.sessionId}
      data-chair={c.chair ?? ''}
      data-worst-alert={worst ?? 'none'}
    >
      <div className="chair-top">
        <span className="chair-label">{chairLabel(c.chair)}</span>
        <StateBadge state={c.state} />
      </div>
      <h2 className="chair-patient">
        <Link to={`/sessions/${c.sessionId}`} className="stretched-link">
          {c.patient.displayName}
        </Link>
      </h2>
      <p className="chair-protocol">
        {c.protocolName} · session {c.sessionNumber}/{c.sessionCount}
      </p>
      <div className="chair-time">
        <div
          className="progress"
          role="progressbar"
          aria-label="Infusion time"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(percent)}
        >
          <span className="progress-bar" style={{ width: `${percent}%` }} />
        </div>
        <span>
          {elapsed === null ? 'Not started' : `${formatMinutes(elapsed)} elapsed`}
          {remaining !== null && <> · {formatMinutes(remaining)} left</>}
        </span>
      </div>
      <p className="chair-rate">
        {c.currentRate ? (
          <>
            <strong>{formatAmount(c.currentRate.rateMlPerH, 2)} mL/h</strong>{' '}
            <span className="muted">
              ({formatAmount(c.currentRate.value, 4)} {c.currentRate.unit})
            </span>
          </>
        ) : (
          <span className="muted">{c.state === 'paused' ? 'Paused' : 'Pump not running'}</span>
        )}
      </p>
      <div className="chair-vitals">
        {v ? (
          <>
            <Vital
              label="BP"
              value={`${vitalValue(v.systolicMmHg)}/${vitalValue(v.diastolicMmHg)}`}
              unit="mmHg"
              trend={c.trend.systolic}
            />
            <Vital label="HR" value={vitalValue(v.heartRatePerMin)} unit="/min" trend={c.trend.heartRate} />
            <Vital label="SpO₂" value={vitalValue(v.spo2Percent)} unit="%" trend={c.trend.spo2} />
            <Vital
              label="RR"
              value={vitalValue(v.respiratoryRatePerMin)}
              unit="/min"
              trend={c.trend.respiratoryRate}
            />
            <span className="chair-vitals-at muted">at {formatClock(v.at)}</span>
          </>
        ) : (
          <span className="muted">No vital signs yet</span>
        )}
      </div>
      {worst === null ? (
        <p className="chair-no-alerts">No open alerts</p>
      ) : (
        <ul className="chair-alerts" aria-label="Open alerts">
          {ALERT_KEYS.filter((k) => c.openAlerts[k] > 0).map((k) => (
            <li key={k} className={`alert-count alert-count-${k} has-alerts`}>
              <strong>{c.openAlerts[k]}</strong> {ALERT_LABELS[k]}
            </li>
          ))}
        </ul>
      )}
      <p className="chair-nurse">Nurse: {c.assignedNurse?.displayName ?? 'not assigned'}</p>
    </li>
  );
}
