/**
 * One line on a patient's qualification: signed and until when, expired, signed for an older intake version,
 * or none; and the small card the Overview shows it in. Light on imports: the Overview loads it eagerly.
 */
import type { QualificationDto } from '@ketapath/api-client';
import { Link } from 'react-router';
import { formatDateTime } from '../../data/dates';
import { useResource } from '../../data/use-resource';
import { staffLabel } from './intake-labels';
import { journey } from './journey-api';

/** Signed, expired, or signed for an older intake version: one line for the tab header and the overview. */
export function QualificationStatus({
  qualification,
  latestIntakeVersion,
}: {
  qualification: QualificationDto | null;
  latestIntakeVersion: number | null;
}) {
  if (!qualification) {
    return (
      <p className="qualification-status qualification-none">
        <span aria-hidden="true">○ </span>
        Not qualified: no physician has signed a qualification yet.
      </p>
    );
  }
  const q = qualification;
  const until = q.expiresAt ? formatDateTime(q.expiresAt) : 'no expiry recorded';
  if (q.expired) {
    return (
      <p className="qualification-status qualification-expired">
        <span aria-hidden="true">✖ </span>
        Qualification expired on {until} (signed by {staffLabel(q.signedBy)}). Sign a new one.
      </p>
    );
  }
  if (!q.current) {
    return (
      <p className="qualification-status qualification-stale">
        <span aria-hidden="true">⚑ </span>
        Qualification signed for intake version {q.intakeVersion}
        {latestIntakeVersion !== null && `; version ${latestIntakeVersion} has been saved since`}. Sign again
        for the current intake.
      </p>
    );
  }
  return (
    <p className="qualification-status qualification-current">
      <span aria-hidden="true">✓ </span>
      Qualified ({q.eligibilityStatus.replace(/-/g, ' ')}) on intake version {q.intakeVersion}, signed by{' '}
      {staffLabel(q.signedBy)} on {formatDateTime(q.signedAt)}; valid until <strong>{until}</strong>.
    </p>
  );
}

/** The Overview's card: the qualification and a link to the Intake tab (for roles that read the chart). */
export function QualificationCard({ patientId, revision }: { patientId: string; revision: number }) {
  const intakes = useResource(`intakes#${patientId}#${revision}`, (signal) =>
    journey.listIntakes(patientId, { signal }),
  );
  return (
    <section className="card qualification-card" aria-labelledby="qualification-card-heading">
      <div className="card-head">
        <h2 id="qualification-card-heading">Qualification</h2>
        <Link to="intake">Intake</Link>
      </div>
      {intakes.error && (
        <p className="banner banner-error" role="alert">
          {intakes.error.detail}
        </p>
      )}
      {intakes.data ? (
        <QualificationStatus
          qualification={intakes.data.qualification}
          latestIntakeVersion={intakes.data.current?.version ?? null}
        />
      ) : (
        !intakes.error && <p className="empty-state">Loading…</p>
      )}
    </section>
  );
}
