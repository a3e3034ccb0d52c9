/** One patient: the identity header every tab shares, the tab bar, and the selected tab. */
import { useState } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { api } from '../data/api';
import { useResource } from '../data/use-resource';
import { formatDate, todayIso } from '../data/dates';
import { dateOfBirthWithAge, patientName, SEX_LABELS } from '../data/patient-labels';
import { useSession } from '../session/session-context';
import { PATIENT_TABS } from './patient-tabs';
import type { PatientOutletContext } from './patient-outlet-context';

function noticeFrom(state: unknown): string | null {
  if (typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string')
    return state.notice;
  return null;
}

export function PatientPage() {
  const { patientId = '' } = useParams();
  const location = useLocation();
  const permissions = useSession().user.permissions;
  const [revision, setRevision] = useState(0);
  const resource = useResource(`${patientId}#${revision}`, (signal) => api.getPatient(patientId, { signal }));
  const [today] = useState(todayIso);
  const notice = noticeFrom(location.state);
  // The segment after the id names the tab; editing belongs to the Overview.
  const segment = location.pathname.split('/')[3] ?? '';
  const currentTab = segment === 'edit' ? '' : segment;

  if (resource.error && !resource.data) {
    return (
      <section className="empty-page">
        <p className="breadcrumb">
          <Link to="/patients">Patients</Link> ›
        </p>
        <h1>{resource.error.status === 404 ? 'Patient not found' : 'Could not open the patient'}</h1>
        <p role="alert">{resource.error.detail}</p>
      </section>
    );
  }
  const patient = resource.data?.id === patientId ? resource.data : undefined;
  if (!patient) {
    return (
      <p className="list-status" role="status">
        Loading patient…
      </p>
    );
  }

  const context: PatientOutletContext = {
    patient,
    revision,
    reloadPatient: () => {
      setRevision((r) => r + 1);
    },
  };
  const w = patient.latestWeight;
  const h = patient.latestHeight;
  return (
    <div className="patient-page">
      <p className="breadcrumb">
        <Link to="/patients">Patients</Link> ›
      </p>
      <header className="patient-header">
        <div className="patient-title">
          <h1>
            {patientName(patient)}
            {patient.preferredName && <span className="preferred-name"> “{patient.preferredName}”</span>}
          </h1>
          {patient.isDemo && <span className="badge badge-demo">Demo patient</span>}
        </div>
        <dl className="patient-facts">
          <div>
            <dt>MRN</dt>
            <dd className="mono">{patient.mrn}</dd>
          </div>
          <div>
            <dt>Born</dt>
            <dd>{dateOfBirthWithAge(patient.dateOfBirth, today)}</dd>
          </div>
          <div>
            <dt>Sex at birth</dt>
            <dd>{SEX_LABELS[patient.sexAtBirth]}</dd>
          </div>
          <div>
            <dt>Weight</dt>
            <dd>
              {w ? (
                <>
                  {w.weightKg} kg <span className="muted">on {formatDate(w.measuredOn)}</span>
                </>
              ) : (
                <span className="muted">not recorded</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Height</dt>
            <dd>
              {h ? (
                <>
                  {h.heightCm} cm <span className="muted">on {formatDate(h.measuredOn)}</span>
                </>
              ) : (
                <span className="muted">not recorded</span>
              )}
            </dd>
          </div>
        </dl>
      </header>
      {notice && (
        <p className="banner banner-ok" role="status">
          <span aria-hidden="true">✓ </span>
          {notice}
        </p>
      )}
      <nav className="tabs" aria-label="Patient record">
        {PATIENT_TABS.filter((t) => !('permission' in t) || permissions.includes(t.permission)).map((t) => (
          <Link
            key={t.path}
            to={t.path === '' ? `/patients/${patient.id}` : `/patients/${patient.id}/${t.path}`}
            aria-current={t.path === currentTab ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <Outlet context={context} />
    </div>
  );
}
