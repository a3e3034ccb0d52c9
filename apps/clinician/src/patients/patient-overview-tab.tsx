/** Overview: demographics and contact, weight history with its chart, height history, adding a measurement. */
import { useMemo, useState } from 'react';
import { Link, useOutletContext } from 'react-router';
import type { Measurement } from '@ketapath/core';
import { api } from '../data/api';
import { useResource } from '../data/use-resource';
import { formatDate, formatDateTime, todayIso } from '../data/dates';
import { patientName, SEX_LABELS } from '../data/patient-labels';
import { useCan } from '../session/session-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { MeasurementForm } from './measurement-form';
import type { PatientOutletContext } from './patient-outlet-context';
import { WeightChart } from './weight-chart';
import { QualificationCard } from '../journey/intake/qualification-status';

export function PatientOverviewTab() {
  const { patient, revision, reloadPatient } = useOutletContext<PatientOutletContext>();
  useDocumentTitle(patientName(patient));
  const canEdit = useCan('patient:write');
  const canMeasure = useCan('measurement:write');
  const canReadChart = useCan('chart:read');
  const [today] = useState(todayIso);
  const measurements = useResource(`${patient.id}#${revision}`, (signal) =>
    api.listMeasurements(patient.id, undefined, { signal }),
  );
  const weights = useMemo(
    () => (measurements.data ?? []).filter((m) => m.kind === 'weight'),
    [measurements.data],
  );
  const heights = useMemo(
    () => (measurements.data ?? []).filter((m) => m.kind === 'height'),
    [measurements.data],
  );
  const a = patient.address;
  const addressLines = a
    ? [a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(' '), a.country].filter(
        (x) => x !== undefined && x !== '',
      )
    : [];

  return (
    <div className="tab-panel overview">
      {canReadChart && <QualificationCard patientId={patient.id} revision={revision} />}
      <section className="card" aria-labelledby="demographics-heading">
        <div className="card-head">
          <h2 id="demographics-heading">Demographics and contact</h2>
          {canEdit && (
            <Link to="edit" className="button">
              Edit
            </Link>
          )}
        </div>
        <dl className="detail-list">
          <dt>Family name</dt>
          <dd>{patient.familyName}</dd>
          <dt>Given names</dt>
          <dd>{patient.givenNames}</dd>
          <dt>Preferred name</dt>
          <dd>{patient.preferredName ?? <span className="muted">—</span>}</dd>
          <dt>Date of birth</dt>
          <dd>{formatDate(patient.dateOfBirth)}</dd>
          <dt>Sex at birth</dt>
          <dd>{SEX_LABELS[patient.sexAtBirth]}</dd>
          <dt>Phone</dt>
          <dd>{patient.phone ?? <span className="muted">—</span>}</dd>
          <dt>Email</dt>
          <dd>{patient.email ?? <span className="muted">—</span>}</dd>
          <dt>Address</dt>
          <dd>
            {addressLines.length > 0 ? (
              addressLines.map((line) => <div key={line}>{line}</div>)
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
          <dt>Record</dt>
          <dd className="muted">
            Version {patient.version}, updated {formatDateTime(patient.updatedAt)}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="weight-heading">
        <h2 id="weight-heading">Weight</h2>
        {measurements.error && (
          <p className="banner banner-error" role="alert">
            {measurements.error.detail}
          </p>
        )}
        {weights.length === 0 ? (
          <p className="empty-state">{measurements.isLoading ? 'Loading…' : 'No weight recorded yet.'}</p>
        ) : (
          <div className="weight-layout">
            <WeightChart weights={weights} />
            <MeasurementTable caption="Weight history, newest first" rows={weights} unit="kg" />
          </div>
        )}
        <h2 id="height-heading">Height</h2>
        {heights.length === 0 ? (
          <p className="empty-state">{measurements.isLoading ? 'Loading…' : 'No height recorded yet.'}</p>
        ) : (
          <MeasurementTable caption="Height history, newest first" rows={heights} unit="cm" />
        )}
        {canMeasure && <MeasurementForm patientId={patient.id} today={today} onSaved={reloadPatient} />}
      </section>
    </div>
  );
}

function MeasurementTable({
  caption,
  rows,
  unit,
}: {
  caption: string;
  rows: readonly Measurement[];
  unit: string;
}) {
  return (
    <table className="data-table measurement-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Measured on</th>
          <th scope="col" className="num">
            {unit === 'kg' ? 'Weight (kg)' : 'Height (cm)'}
          </th>
          <th scope="col">Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <td>{formatDate(m.measuredOn)}</td>
            <td className="num">{m.value}</td>
            <td>{m.recordedBy.displayName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
