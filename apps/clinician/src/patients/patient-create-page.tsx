/** Registering a new patient: the record, and optionally a first weight and height. */
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '@ketapath/api-client';
import { ErrorSummary, focusFirstError } from '../forms/field';
import { api } from '../data/api';
import { todayIso } from '../data/dates';
import { useDocumentTitle } from '../shell/use-document-title';
import { PatientFormFields } from './patient-form-fields';
import {
  emptyPatientForm,
  PATIENT_FIELD_LABELS,
  PATIENT_FIELD_ORDER,
  validateCreatePatient,
} from './patient-form-model';
import { usePatientForm } from './use-patient-form';

export function PatientCreatePage() {
  useDocumentTitle('New patient');
  const navigate = useNavigate();
  const [today] = useState(todayIso);
  const { values, errors, setErrors, change } = usePatientForm(() => emptyPatientForm(today));
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const result = validateCreatePatient(values, today);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstError(result.errors, PATIENT_FIELD_ORDER);
      return;
    }
    setIsSaving(true);
    try {
      const patient = await api.createPatient(result.body);
      void navigate(`/patients/${patient.id}`, {
        state: { notice: `Registered ${patient.givenNames} ${patient.familyName} (MRN ${patient.mrn}).` },
      });
    } catch (e) {
      setIsSaving(false);
      if (isApiError(e) && e.errors.length > 0) {
        const fieldErrors = e.fieldErrors();
        setErrors(fieldErrors);
        focusFirstError(fieldErrors, PATIENT_FIELD_ORDER);
      } else {
        setFormError(isApiError(e) ? e.detail : 'Saving failed. Try again.');
      }
    }
  }

  return (
    <section className="form-page">
      <p className="breadcrumb">
        <Link to="/patients">Patients</Link> ›
      </p>
      <h1>New patient</h1>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="New patient">
        <ErrorSummary title="Check these fields:" errors={errors} labels={PATIENT_FIELD_LABELS} />
        <div role="alert">{formError && <p className="banner banner-error">{formError}</p>}</div>
        <PatientFormFields values={values} errors={errors} onChange={change} today={today} hasMeasurements />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isSaving}>
            {isSaving ? 'Saving…' : 'Register patient'}
          </button>
          <Link to="/patients" className="button">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
