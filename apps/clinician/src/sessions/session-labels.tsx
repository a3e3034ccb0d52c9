/**
 * How the session pages name things: session states, action tiers, trends, times and durations. Colour
 * always comes with text or a symbol.
 */
import type { ActionTier, InfusionSessionState, Trend } from '@ketapath/api-client';

export const STATE_LABELS: Readonly<Record<InfusionSessionState, string>> = {
  scheduled: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
  discharged: 'Discharge assessed',
  'nurse-signed': 'Nurse signed',
  locked: 'Locked',
  cancelled: 'Cancelled',
};

export function StateBadge({ state }: { state: InfusionSessionState }) {
  return <span className={`state-badge state-${state}`}>{STATE_LABELS[state]}</span>;
}

export const TIER_LABELS: Readonly<Record<ActionTier, string>> = {
  'stop-and-call': 'Stop and call',
  pause: 'Pause',
  slow: 'Slow',
  'continue-and-watch': 'Continue and watch',
};

// Plain geometric glyphs: every system font has them (no emoji font needed on a ward tablet).
const TIER_ICONS: Readonly<Record<ActionTier, string>> = {
  'stop-and-call': '■',
  pause: '‖',
  slow: '▼',
  'continue-and-watch': '●',
};

/** Most urgent first. */
export const TIER_ORDER: readonly ActionTier[] = ['stop-and-call', 'pause', 'slow', 'continue-and-watch'];

export function TierChip({ tier }: { tier: ActionTier }) {
  return (
    <span className={`chip chip-tier chip-tier-${tier}`}>
      <span aria-hidden="true">{TIER_ICONS[tier]} </span>
      {TIER_LABELS[tier]}
    </span>
  );
}

const TREND_TEXT: Readonly<Record<Exclude<Trend, null>, { icon: string; label: string }>> = {
  up: { icon: '↑', label: 'rising' },
  down: { icon: '↓', label: 'falling' },
  flat: { icon: '→', label: 'steady' },
};

export function TrendArrow({ trend }: { trend: Trend | undefined }) {
  if (trend === null || trend === undefined) return null;
  const t = TREND_TEXT[trend];
  return (
    <span className={`trend trend-${trend}`} title={t.label}>
      <span aria-hidden="true">{t.icon}</span>
      <span className="visually-hidden"> {t.label}</span>
    </span>
  );
}

/** "1 h 05 min", "45 min". */
export function formatMinutes(totalMin: number): string {
  const m = Math.max(0, Math.round(totalMin));
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "14:05" in the browser's time zone. */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : CLOCK.format(d);
}

/** A number without float noise and without grouping (0.1 + 0.2 shows as 0.3). */
export function formatAmount(value: number, maxDecimals = 2): string {
  return String(Number(value.toFixed(maxDecimals)));
}

/** A local date-time input value ("2026-03-04T14:05") for an instant. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant of a local date-time input value, or null when it is empty or not a date. */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Whole minutes between two instants (b − a). */
export function minutesBetween(aIso: string, b: Date): number {
  return (b.getTime() - new Date(aIso).getTime()) / 60_000;
}

/** "Chair 3" for a chair named "3", and a name that already says chair as it is. */
export function chairLabel(chair: string | null): string {
  if (chair === null) return 'No chair';
  return /^chair\b/i.test(chair) ? chair : `Chair ${chair}`;
}
