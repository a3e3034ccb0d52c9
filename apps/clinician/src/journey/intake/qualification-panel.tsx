/**
 * The physician's qualification of the latest saved intake: every finding that needs acknowledgement gets
 * its own reason, a not-eligible intake cannot be signed, and the validity the clinic set tells when the
 * qualification will expire. What the server refuses is said in words, with the way to fix it.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError, type IntakeVersionDto, type QualificationDto } from '@ketapath/api-client';
import { api } from '../../data/api';
import { formatDateTime } from '../../data/dates';
import { useResource } from '../../data/use-resource';
import { fieldId } from '../../forms/field';
import { formatSettingValue, SeverityChip } from '../../rules/rule-labels';
import { StatusBadge } from './eligibility-panel';
import { staffLabel } from './intake-labels';
import { journey, QUALIFICATION_VALIDITY_SETTING } from './journey-api';

export { QualificationStatus } from './qualification-status';

/** The shortest reason the server accepts. */
const MIN_REASON_CHARS = 3;

const SETTINGS_LINK = `/settings/clinical#setting-${QUALIFICATION_VALIDITY_SETTING}`;

function ValidityNote() {
  const settings = useResource('clinical-settings', (signal) => api.listClinicalSettings({ signal }));
  const setting = settings.data?.find((s) => s.id === QUALIFICATION_VALIDITY_SETTING);
  if (!settings.data) return null;
  if (!setting || setting.value === null) {
    return (
      <p className="banner banner-caution">
        The clinic has not set how long a qualification stays valid, so none can be signed yet.{' '}
        <Link to={SETTINGS_LINK}>
          Set “{setting?.label ?? QUALIFICATION_VALIDITY_SETTING}” in the clinical settings
        </Link>
        .
      </p>
    );
  }
  return (
    <p className="muted">
      Valid for {formatSettingValue(setting.value, setting.unit)} from signing (clinic setting).
    </p>
  );
}

export function QualificationPanel({
  patientId,
  intake,
  qualification,
  onSigned,
}: {
  patientId: string;
  intake: IntakeVersionDto;
  qualification: QualificationDto | null;
  onSigned: (q: QualificationDto) => void;
}) {
  const ackFindings = intake.eligibility.findings.filter((f) => f.severity === 'needs-ack');
  const blocking = intake.eligibility.findings.filter((f) => f.severity === 'block');
  const isBlocked = intake.eligibility.status === 'not-eligible';
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ text: string; showSettingsLink: boolean } | null>(null);
  const [isSigning, setIsSigning] = useState(false);
  const alreadySigned = qualification?.current === true && qualification.intakeVersion === intake.version;
  const ruleIds = [...new Set(ackFindings.map((f) => f.ruleId))];

  async function sign() {
    setProblem(null);
    const missing: Record<string, string> = {};
    for (const id of ruleIds) {
      const reason = reasons[id]?.trim() ?? '';
      if (reason === '') missing[id] = 'give the reason for going ahead';
      else if (reason.length < MIN_REASON_CHARS)
        missing[id] = `must be at least ${MIN_REASON_CHARS} characters`;
    }
    setErrors(missing);
    const first = ruleIds.find((id) => id in missing);
    if (first) {
      document.getElementById(fieldId(`overrides.${first}`))?.focus();
      return;
    }
    setIsSigning(true);
    try {
      const signed = await journey.signQualification(patientId, {
        intakeVersion: intake.version,
        overrides: ruleIds.map((ruleId) => ({ ruleId, reason: (reasons[ruleId] ?? '').trim() })),
      });
      setReasons({});
      onSigned(signed);
    } catch (e) {
      if (!isApiError(e)) setProblem({ text: 'Signing failed. Try again.', showSettingsLink: false });
      else if (e.code === 'QUALIFICATION_VALIDITY_UNSET') {
        setProblem({
          text: `${e.detail} A qualification needs an expiry, and the clinic decides how long it lasts.`,
          showSettingsLink: true,
        });
      } else if (e.code === 'QUALIFICATION_BLOCKED') {
        setProblem({
          text: `${e.detail} Re-screened now, the intake is not eligible; correct the intake and save it first.`,
          showSettingsLink: false,
        });
      } else if (e.status === 400 && e.errors.length > 0) {
        const byRule: Record<string, string> = {};
        const other: string[] = [];
        for (const issue of e.errors) {
          const id = ruleIds.find((r) => issue.field.includes(r) || issue.message.includes(r));
          if (id) byRule[id] ??= issue.message;
          else other.push(`${issue.field}: ${issue.message}`);
        }
        setErrors(byRule);
        if (other.length > 0) setProblem({ text: other.join(' '), showSettingsLink: false });
      } else setProblem({ text: e.detail, showSettingsLink: false });
    } finally {
      setIsSigning(false);
    }
  }

  return (
    <section className="card qualification-panel" aria-labelledby="qualification-heading">
      <div className="card-head">
        <h2 id="qualification-heading">Sign qualification</h2>
        <StatusBadge status={intake.eligibility.status} />
      </div>
      <p>
        For intake version {intake.version}, saved {formatDateTime(intake.createdAt)} by{' '}
        {staffLabel(intake.createdBy)}. The server screens it again when you sign.
      </p>
      <ValidityNote />
      {isBlocked ? (
        <div className="banner banner-error" role="note">
          <p className="banner-title">Not eligible: a qualification cannot be signed.</p>
          <ul className="plain-list">
            {blocking.map((f, i) => (
              <li key={`${f.ruleId}-${i}`}>
                {f.title}: {f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void sign();
          }}
        >
          {ruleIds.length === 0 ? (
            <p className="muted">No finding needs an acknowledgement.</p>
          ) : (
            <ol className="ack-list">
              {ruleIds.map((ruleId) => {
                const f = ackFindings.find((x) => x.ruleId === ruleId);
                const id = fieldId(`overrides.${ruleId}`);
                const error = errors[ruleId];
                return (
                  <li key={ruleId} className={`ack-item${error ? ' field-invalid' : ''}`}>
                    <p className="ack-finding">
                      <SeverityChip severity="needs-ack" /> <strong>{f?.title}</strong>: {f?.message}
                    </p>
                    <label htmlFor={id}>
                      Reason for going ahead{' '}
                      <span className="required" aria-hidden="true">
                        *
                      </span>
                    </label>
                    <textarea
                      id={id}
                      rows={2}
                      value={reasons[ruleId] ?? ''}
                      aria-invalid={Boolean(error)}
                      aria-describedby={error ? `${id}-error` : undefined}
                      onChange={(e) => {
                        setReasons((r) => ({ ...r, [ruleId]: e.target.value }));
                        setErrors(({ [ruleId]: _gone, ...rest }) => rest);
                      }}
                    />
                    {error && (
                      <p className="field-error" id={`${id}-error`}>
                        <span aria-hidden="true">⚠ </span>
                        {error}
                      </p>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          {problem && (
            <div className="banner banner-error" role="alert">
              <p>{problem.text}</p>
              {problem.showSettingsLink && (
                <p>
                  <Link to={SETTINGS_LINK}>Open the clinical settings to set the qualification validity</Link>
                </p>
              )}
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={isSigning}>
              {isSigning ? 'Signing…' : alreadySigned ? 'Sign again' : 'Sign qualification'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
