/**
 * Editing demographics. Sends only what changed plus the version it started from; if someone else saved
 * first (409), says so and offers to reload their version.
 */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useOutletContext } from 'react-router';
import { isApiError } from '@ketapath/api-client';
import { ErrorSummary, focusFirstError } from '../forms/field';
import { api } from '../data/api';
import { todayIso } from '../data/dates';
import { patientName } from '../data/patient-labels';
import { useDocumentTitle } from '../shell/use-document-title';
import { NotAllowedPage } from '../shell/simple-pages';
import { useCan } from '../session/session-context';
import { PatientFormFields } from './patient-form-fields';
import {
  isEmptyUpdate,
  PATIENT_FIELD_LABELS,
  PATIENT_FIELD_ORDER,
  patientFormFrom,
  validateUpdatePatient,
} from './patient-form-model';
import type { PatientOutletContext } from './patient-outlet-context';
import { usePatientForm } from './use-patient-form';

export function PatientEditTab() {
  const { patient } = useOutletContext<PatientOutletContext>();
  const canEdit = useCan('patient:write');
  if (!canEdit) return <NotAllowedPage />;
  // A new version (after a reload) starts a fresh form.
  return <PatientEditForm key={`${patient.id}@${patient.version}`} />;
}

function PatientEditForm() {
  const { patient, reloadPatient } = useOutletContext<PatientOutletContext>();
  useDocumentTitle(`Edit · ${patientName(patient)}`);
  const navigate = useNavigate();
  const [today] = useState(todayIso);
  const { values, errors, setErrors, change } = usePatientForm(() => patientFormFrom(patient));
  const [formError, setFormError] = useState<string | null>(null);
  const [hasConflict, setHasConflict] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const reloadButton = useRef<HTMLButtonElement>(null);

  // The Save button sits below the form; take the reader to the conflict and its one way forward.
  useEffect(() => {
    if (hasConflict) reloadButton.current?.focus();
  }, [hasConflict]);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const result = validateUpdatePatient(values, patient, today);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError(result.errors, PATIENT_FIELD_ORDER);
      return;
    }
    setErrors({});
    if (isEmptyUpdate(result.body)) {
      void navigate(`/patients/${patient.id}`, { state: { notice: 'Nothing changed.' } });
      return;
    }
    setIsSaving(true);
    try {
      await api.updatePatient(patient.id, result.body);
      reloadPatient();
      void navigate(`/patients/${patient.id}`, { state: { notice: 'Changes saved.' } });
    } catch (e) {
      setIsSaving(false);
      if (isApiError(e) && e.code === 'PATIENT_VERSION_CONFLICT') {
        setHasConflict(true);
      } else if (isApiError(e) && e.errors.length > 0) {
        const fieldErrors = e.fieldErrors();
        setErrors(fieldErrors);
        focusFirstError(fieldErrors, PATIENT_FIELD_ORDER);
      } else {
        setFormError(isApiError(e) ? e.detail : 'Saving failed. Try again.');
      }
    }
  }

  return (
    <section className="tab-panel form-page">
      <h2>Edit demographics and contact</h2>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Edit patient">
        <div role="alert" aria-live="assertive">
          {hasConflict && (
            <div className="banner banner-error">
              <p className="banner-title">Someone else changed this patient after you opened it.</p>
              <p>Your changes were not saved. Reload to see their version, then make your changes again.</p>
              <button
                ref={reloadButton}
                type="button"
                className="button button-primary"
                onClick={reloadPatient}
              >
                Reload patient
              </button>
            </div>
          )}
          {formError && <p className="banner banner-error">{formError}</p>}
        </div>
        <ErrorSummary title="Check these fields:" errors={errors} labels={PATIENT_FIELD_LABELS} />
        <PatientFormFields
          values={values}
          errors={errors}
          onChange={change}
          today={today}
          hasMeasurements={false}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isSaving || hasConflict}>
            {isSaving ? 'Saving…' : 'Save changes'}
          </button>
          <Link to={`/patients/${patient.id}`} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
