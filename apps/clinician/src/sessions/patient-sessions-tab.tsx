/**
 * The patient's Sessions tab: every infusion session with the dose given (computed by the server from the
 * rate history), its alerts, pain before and after and its state; each opens the chart or its PDF.
 */
import { Link, useOutletContext } from 'react-router';
import { formatDateTimeShort } from '../data/dates';
import { patientName } from '../data/patient-labels';
import { useResource } from '../data/use-resource';
import type { PatientOutletContext } from '../patients/patient-outlet-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { formatAmount, StateBadge } from './session-labels';
import { sessionsApi } from './sessions-api';

export function PatientSessionsTab() {
  const { patient, revision } = useOutletContext<PatientOutletContext>();
  useDocumentTitle(`Sessions · ${patientName(patient)}`);
  const list = useResource(`${patient.id}#${revision}`, (signal) =>
    sessionsApi.listPatientSessions(patient.id, { signal }),
  );
  const sessions = list.data;
  const totalMg = (sessions ?? []).reduce((sum, s) => sum + (s.administeredMg ?? 0), 0);
  return (
    <section className="tab-panel" aria-labelledby="tab-heading">
      <h2 id="tab-heading">Sessions</h2>
      {list.error && !sessions && (
        <p className="banner banner-error" role="alert">
          {list.error.detail}
        </p>
      )}
      {!sessions ? (
        !list.error && (
          <p className="list-status" role="status">
            Loading sessions…
          </p>
        )
      ) : sessions.length === 0 ? (
        <p className="empty-state">
          No sessions yet. Sessions are created when a physician signs a treatment plan on the{' '}
          <Link to={`/patients/${patient.id}/plan`}>Plan</Link> tab.
        </p>
      ) : (
        <>
          <p className="muted">
            {sessions.length} {sessions.length === 1 ? 'session' : 'sessions'} · {formatAmount(totalMg, 2)} mg
            of ketamine given in all, computed from each chart's rate history
          </p>
          <div className="table-scroll">
            <table className="data-table sessions-table">
              <caption className="visually-hidden">Infusion sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Scheduled</th>
                  <th scope="col">Protocol</th>
                  <th scope="col">State</th>
                  <th scope="col" className="num">
                    Given (mg)
                  </th>
                  <th scope="col" className="num">
                    Alerts
                  </th>
                  <th scope="col">Pain before → after</th>
                  <th scope="col">Chart</th>
                </tr>
              </thead>
              <tbody>
                {[...sessions]
                  .sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart))
                  .map((s) => (
                    <tr key={s.sessionId} className="clickable-row" data-session={s.sessionId}>
                      <td className="nowrap">
                        <Link className="row-link" to={`/sessions/${s.sessionId}`}>
                          {s.sessionNumber} of {s.sessionCount}
                        </Link>
                      </td>
                      <td className="nowrap">{formatDateTimeShort(s.scheduledStart)}</td>
                      <td>{s.protocolName}</td>
                      <td>
                        <StateBadge state={s.state} />
                      </td>
                      <td className="num">
                        {s.administeredMg === null ? '—' : formatAmount(s.administeredMg, 3)}
                      </td>
                      <td className="num">
                        {s.alertCount}
                        {s.openAlertCount !== undefined && s.openAlertCount > 0 && (
                          <span className="text-danger"> ({s.openAlertCount} open)</span>
                        )}
                      </td>
                      <td className="nowrap">
                        {s.painBefore ?? '—'} → {s.painAfter ?? '—'}
                      </td>
                      <td className="nowrap">
                        <Link to={`/sessions/${s.sessionId}`}>Open</Link>{' '}
                        <a href={sessionsApi.chartPdfUrl(s.sessionId)} target="_blank" rel="noreferrer">
                          PDF
                        </a>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
