/**
 * The day's sessions: time, chair, patient, protocol, session n of N, nurse and state. Everyone who works the
 * day reads it; clinicians and the front desk move sessions between chairs, times and nurses. It carries no
 * clinical content; clinical roles open the chart from it.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError, type ScheduleDay, type ScheduleItem, type StaffPerson } from '@ketapath/api-client';
import { SelectField, TextField } from '../forms/field';
import { todayIso } from '../data/dates';
import { useResource } from '../data/use-resource';
import { useCan } from '../session/session-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { formatClock, formatMinutes, StateBadge } from '../sessions/session-labels';
import { sessionsApi } from '../sessions/sessions-api';

const DAY_FORMAT = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

function shiftDay(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function isIsoDate(value: string | null): value is string {
  return (
    value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
  );
}

export function SchedulePage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('date');
  const date = isIsoDate(requested) ? requested : todayIso();
  const canWrite = useCan('schedule:write');
  const canReadChart = useCan('chart:read');
  const day = useResource(`schedule:${date}`, (signal) => sessionsApi.getSchedule(date, { signal }));
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useDocumentTitle(`Schedule ${date}`);

  const go = (next: string) => {
    setNotice(null);
    setParams({ date: next });
  };
  const data = day.data?.date === date ? day.data : undefined;

  return (
    <section className="schedule-page" aria-labelledby="schedule-heading">
      <div className="page-head">
        <h1 id="schedule-heading">Schedule</h1>
        {canReadChart && <Link to="/floor">Floor board</Link>}
      </div>
      <div className="schedule-nav" role="group" aria-label="Day">
        <button
          type="button"
          className="button"
          onClick={() => {
            go(shiftDay(date, -1));
          }}
        >
          ‹ Previous day
        </button>
        <label className="schedule-date">
          <span className="visually-hidden">Date</span>
          <input
            type="date"
            value={date}
            onChange={(e) => {
              if (isIsoDate(e.target.value)) go(e.target.value);
            }}
          />
        </label>
        <button
          type="button"
          className="button"
          onClick={() => {
            go(shiftDay(date, 1));
          }}
        >
          Next day ›
        </button>
        {date !== todayIso() && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              go(todayIso());
            }}
          >
            Today
          </button>
        )}
        <span className="schedule-day">{DAY_FORMAT.format(new Date(`${date}T00:00:00Z`))}</span>
      </div>
      {notice && (
        <p className={`banner ${notice.kind === 'ok' ? 'banner-ok' : 'banner-error'}`} role="status">
          {notice.text}
        </p>
      )}
      {day.error && !data && (
        <p className="banner banner-error" role="alert">
          {day.error.detail}
        </p>
      )}
      {!data ? (
        !day.error && (
          <p className="list-status" role="status">
            Loading the schedule…
          </p>
        )
      ) : data.sessions.length === 0 ? (
        <p className="empty-state">No sessions scheduled on this day.</p>
      ) : (
        <ScheduleTable
          day={data}
          canWrite={canWrite}
          canReadChart={canReadChart}
          onSaved={(text) => {
            setNotice({ kind: 'ok', text });
            day.reload();
          }}
          onConflict={() => {
            setNotice({
              kind: 'error',
              text: 'Someone else changed this session — reloaded; check and apply your change again.',
            });
            day.reload();
          }}
        />
      )}
    </section>
  );
}

function ScheduleTable({
  day,
  canWrite,
  canReadChart,
  onSaved,
  onConflict,
}: {
  day: ScheduleDay;
  canWrite: boolean;
  canReadChart: boolean;
  onSaved: (text: string) => void;
  onConflict: () => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const sessions = [...day.sessions].sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
  return (
    <div className="table-scroll">
      <table className="data-table schedule-table">
        <caption className="visually-hidden">Sessions of the day</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Chair</th>
            <th scope="col">Patient</th>
            <th scope="col">Protocol</th>
            <th scope="col">Session</th>
            <th scope="col">Nurse</th>
            <th scope="col">State</th>
            {canWrite && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) =>
            editing === s.sessionId ? (
              <EditRow
                key={s.sessionId}
                item={s}
                date={day.date}
                nurses={day.nurses ?? []}
                onCancel={() => {
                  setEditing(null);
                }}
                onSaved={() => {
                  setEditing(null);
                  onSaved(`Session of ${s.patient.displayName} updated.`);
                }}
                onConflict={() => {
                  setEditing(null);
                  onConflict();
                }}
              />
            ) : (
              <tr key={s.sessionId} data-session={s.sessionId}>
                <td className="nowrap">
                  <strong>{formatClock(s.scheduledStart)}</strong>{' '}
                  <span className="muted small">{formatMinutes(s.plannedDurationMin)}</span>
                </td>
                <td>{s.chair ?? <span className="muted">—</span>}</td>
                <td>
                  {canReadChart ? (
                    <Link to={`/sessions/${s.sessionId}`}>{s.patient.displayName}</Link>
                  ) : (
                    s.patient.displayName
                  )}
                  <span className="mono muted small"> {s.patient.mrn}</span>
                </td>
                <td>{s.protocolName}</td>
                <td className="nowrap">
                  {s.sessionNumber} of {s.sessionCount}
                </td>
                <td>{s.assignedNurse?.displayName ?? <span className="muted">not assigned</span>}</td>
                <td>
                  <StateBadge state={s.state} />
                </td>
                {canWrite && (
                  <td>
                    {s.state !== 'locked' && s.state !== 'cancelled' && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => {
                          setEditing(s.sessionId);
                        }}
                      >
                        Change<span className="visually-hidden"> {s.patient.displayName}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function localTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function EditRow({
  item,
  date,
  nurses,
  onCancel,
  onSaved,
  onConflict,
}: {
  item: ScheduleItem;
  date: string;
  nurses: readonly StaffPerson[];
  onCancel: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const [time, setTime] = useState(localTime(item.scheduledStart));
  const [chair, setChair] = useState(item.chair ?? '');
  const [nurseId, setNurseId] = useState(item.assignedNurse?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = [...nurses];
  if (item.assignedNurse && !options.some((n) => n.id === item.assignedNurse?.id))
    options.push(item.assignedNurse);

  async function save() {
    setMessage(null);
    const startDate = new Date(`${date}T${time}`);
    if (!/^\d{2}:\d{2}$/.test(time) || Number.isNaN(startDate.getTime())) {
      setErrors({ scheduledStart: 'must be a time, e.g. 09:30' });
      return;
    }
    setBusy(true);
    try {
      await sessionsApi.updateSession(item.sessionId, {
        chair: chair.trim() === '' ? null : chair.trim(),
        assignedNurseId: nurseId === '' ? null : nurseId,
        scheduledStart: startDate.toISOString(),
        expectedVersion: item.version,
      });
      onSaved();
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.status === 409) onConflict();
      else {
        setErrors(error.fieldErrors());
        setMessage(error.detail);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr className="schedule-edit-row">
      <td colSpan={8}>
        <form
          className="inline-fields"
          aria-label={`Change the session of ${item.patient.displayName}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <strong className="schedule-edit-who">{item.patient.displayName}</strong>
          <TextField
            field="schedule.time"
            label="Time"
            value={time}
            onChange={setTime}
            inputMode="numeric"
            error={errors.scheduledStart}
            hint="HH:MM"
          />
          <TextField
            field="schedule.chair"
            label="Chair"
            value={chair}
            onChange={setChair}
            error={errors.chair}
          />
          <SelectField
            field="schedule.nurse"
            label="Nurse"
            value={nurseId}
            onChange={setNurseId}
            placeholder="Not assigned"
            options={options.map((n) => ({ value: n.id, label: n.displayName }))}
            error={errors.assignedNurseId}
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
          {message && (
            <p className="field-error" role="alert">
              ⚠ {message}
            </p>
          )}
        </form>
      </td>
    </tr>
  );
}
