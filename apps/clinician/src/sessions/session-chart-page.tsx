/**
 * One infusion session's chart, for the nurse at the chair (tablet or desktop): header, pre-start checklist,
 * pump programming and its double-check, start, infusion events, vital signs, pain and side effects, the
 * alerts panel, one timeline of predicted level and vitals, discharge and signatures, then addenda. Every
 * fact is an appended entry; nothing on the chart is edited in place.
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../data/dates';
import { useCan } from '../session/session-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { AlertsPanel } from './alerts-panel';
import { chartView } from './chart-view';
import { ChecklistPanel } from './checklist-panel';
import { AddendaPanel, DischargePanel, LockedBanner } from './discharge-panel';
import { EventLog, EventsPanel } from './events-panel';
import { LedgerPanel } from './ledger-panel';
import { NotesPanel } from './notes-panel';
import { DoubleCheckPanel, ProgramsTable, PumpProgramForm, StartPanel } from './pump-panel';
import { SessionHeader } from './session-header';
import { SessionTimelineChart } from './session-timeline-chart';
import { useChart, type ChartController } from './use-chart';
import { useNow } from './use-now';
import { VitalsForm, VitalsTable } from './vitals-panel';

const AFTER_STOP = new Set(['stopped', 'discharged', 'nurse-signed', 'locked']);

export function SessionChartPage() {
  const { sessionId = '' } = useParams();
  return <SessionChart key={sessionId} sessionId={sessionId} />;
}

function SessionChart({ sessionId }: { sessionId: string }) {
  const controller = useChart(sessionId);
  const now = useNow(15_000);
  const canWrite = useCan('chart:write');
  const { data: dto } = controller;
  const view = useMemo(() => (dto ? chartView(dto) : null), [dto]);
  const [reprogram, setReprogram] = useState(false);
  useDocumentTitle(
    dto ? `Session ${dto.session.sessionNumber} · ${dto.session.patient.displayName}` : 'Session chart',
  );

  if (controller.error && !dto) {
    return (
      <section className="empty-page">
        <h1>{controller.error.status === 404 ? 'Session not found' : 'Could not open the chart'}</h1>
        <p role="alert">{controller.error.detail}</p>
        <p>
          <Link to="/schedule">Go to the schedule</Link>
        </p>
      </section>
    );
  }
  if (!dto || !view) {
    return (
      <p className="list-status" role="status">
        Loading the chart…
      </p>
    );
  }

  const { state } = dto.session;
  const locked = state === 'locked' || dto.chart.locked;
  const writable = canWrite && !locked && state !== 'cancelled';
  const running = state === 'running' || state === 'paused';
  const showProgramForm = writable && state === 'scheduled' && (view.firstProgram === null || reprogram);

  return (
    <div className="session-page">
      <SessionHeader dto={dto} now={now} />
      <ChartNotices controller={controller} />
      {locked && <LockedBanner view={view} />}
      {state === 'cancelled' && (
        <p className="banner banner-caution">This session was cancelled (its plan was replaced).</p>
      )}
      <div className="chart-layout">
        <div className="chart-main">
          <ChecklistPanel dto={dto} view={view} controller={controller} canWrite={writable} />

          <section className="card chart-section" aria-labelledby="pump-heading">
            <h2 id="pump-heading">Pump</h2>
            <ProgramsTable view={view} />
            {writable &&
              view.awaitingDoubleCheck.map((p) => (
                <DoubleCheckPanel key={p.entry.seq} program={p} controller={controller} />
              ))}
            {showProgramForm && <PumpProgramForm session={dto.session} controller={controller} />}
            {writable && state === 'scheduled' && view.firstProgram !== null && !reprogram && (
              <p>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => {
                    setReprogram(true);
                  }}
                >
                  Program the pump again
                </button>
              </p>
            )}
            {writable && state === 'scheduled' && (
              <StartPanel dto={dto} view={view} controller={controller} />
            )}
            {writable && running && <EventsPanel dto={dto} view={view} controller={controller} />}
            <details className="event-log-details" open={running}>
              <summary>Infusion events ({view.events.length})</summary>
              <EventLog view={view} />
            </details>
          </section>

          <LedgerPanel dto={dto} />

          <section className="card chart-section" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <SessionTimelineChart dto={dto} view={view} now={now} />
          </section>

          <section className="card chart-section" aria-labelledby="vitals-heading">
            <h2 id="vitals-heading">Vital signs</h2>
            {writable && state !== 'scheduled' && <VitalsForm controller={controller} />}
            <VitalsTable vitals={view.vitals} />
          </section>

          <NotesPanel view={view} controller={controller} canWrite={writable} />

          {AFTER_STOP.has(state) && (
            <DischargePanel dto={dto} view={view} controller={controller} now={now} />
          )}
          {(locked || view.addenda.length > 0) && (
            <AddendaPanel view={view} controller={controller} canAdd={canWrite && locked} />
          )}
        </div>
        <aside className="chart-side" aria-label="Alerts">
          <AlertsPanel view={view} controller={controller} canWrite={writable} />
          <p className="small muted">Rules checked {formatDateTime(dto.evaluation.evaluatedAt)}.</p>
        </aside>
      </div>
    </div>
  );
}

/** The conflict notice and entries kept because the server did not answer. */
function ChartNotices({ controller }: { controller: ChartController }) {
  const { notice, pending, retrying } = controller;
  return (
    <div aria-live="assertive">
      {notice?.kind === 'conflict' && (
        <div className="banner banner-error" role="alert">
          <p className="banner-title">{notice.text}</p>
        </div>
      )}
      {retrying && (
        <p className="banner banner-caution" role="status">
          The server did not answer; sending again…
        </p>
      )}
      {pending.length > 0 && (
        <div className="banner banner-error pending-entries" role="alert">
          <p className="banner-title">
            {pending.length === 1 ? '1 entry is' : `${pending.length} entries are`} not saved yet
          </p>
          <ul className="plain-list">
            {pending.map((p) => (
              <li key={p.body.clientEntryId}>
                {p.body.entry.kind} written {formatDateTime(p.savedAt)}{' '}
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    void controller.resend(p);
                  }}
                >
                  Send again
                </button>{' '}
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => {
                    controller.discard(p);
                  }}
                >
                  Discard
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
