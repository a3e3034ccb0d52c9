/** Recording a weight or height measured on a date; history is kept, never overwritten. */
import { useState, type SubmitEvent } from 'react';
import { isApiError } from '@ketapath/api-client';
import {
  checkMeasuredOn,
  HEIGHT_CM_RANGE,
  WEIGHT_KG_RANGE,
  ZCreateMeasurementBody,
  type MeasurementKind,
} from '@ketapath/core';
import { fieldErrorsFromIssues, focusFirstError, SelectField, TextField } from '../forms/field';
import { api } from '../data/api';
import { formatDate } from '../data/dates';
import { parseNumberInput } from './patient-form-model';

const ORDER = ['kind', 'weightKg', 'heightCm', 'measuredOn'];

export function MeasurementForm({
  patientId,
  today,
  onSaved,
}: {
  patientId: string;
  today: string;
  onSaved: () => void;
}) {
  const [kind, setKind] = useState<MeasurementKind>('weight');
  const [value, setValue] = useState('');
  const [measuredOn, setMeasuredOn] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const valueField = kind === 'weight' ? 'weightKg' : 'heightCm';

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setSaved(null);
    const number = parseNumberInput(value);
    const input =
      kind === 'weight' ? { kind, weightKg: number, measuredOn } : { kind, heightCm: number, measuredOn };
    const parsed = ZCreateMeasurementBody.safeParse(input);
    const found = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues);
    if (number === undefined) found[valueField] = 'is required';
    const dateProblem = measuredOn ? checkMeasuredOn(measuredOn, today) : 'is required';
    if (dateProblem) found.measuredOn = dateProblem;
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstError(found, ORDER);
      return;
    }
    setErrors({});
    setIsSaving(true);
    try {
      const m = await api.addMeasurement(patientId, parsed.data);
      setValue('');
      setSaved(`Recorded ${m.kind} ${m.value} ${m.unit} on ${formatDate(m.measuredOn)}.`);
      onSaved();
    } catch (e) {
      if (isApiError(e) && e.errors.length > 0) {
        const fieldErrors = e.fieldErrors();
        setErrors(fieldErrors);
        focusFirstError(fieldErrors, ORDER);
      } else setFormError(isApiError(e) ? e.detail : 'Saving failed. Try again.');
    } finally {
      setIsSaving(false);
    }
  }

  const range = kind === 'weight' ? WEIGHT_KG_RANGE : HEIGHT_CM_RANGE;
  const unit = kind === 'weight' ? 'kg' : 'cm';
  return (
    <form
      className="measurement-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="measurement-form-title"
    >
      <h3 id="measurement-form-title">Add a measurement</h3>
      <div role="alert">{formError && <p className="banner banner-error">{formError}</p>}</div>
      <div className="inline-fields">
        <SelectField
          field="kind"
          label="Measurement"
          value={kind}
          options={[
            { value: 'weight', label: 'Weight' },
            { value: 'height', label: 'Height' },
          ]}
          error={errors.kind}
          onChange={(v) => {
            setKind(v === 'height' ? 'height' : 'weight');
            setErrors({});
          }}
        />
        <TextField
          field={valueField}
          label={kind === 'weight' ? 'Weight (kg)' : 'Height (cm)'}
          value={value}
          inputMode="decimal"
          suffix={unit}
          hint={`${range.min}–${range.max} ${unit}`}
          error={errors[valueField]}
          isRequired
          onChange={setValue}
        />
        <TextField
          field="measuredOn"
          label="Measured on"
          type="date"
          max={today}
          value={measuredOn}
          error={errors.measuredOn}
          isRequired
          onChange={setMeasuredOn}
        />
        <div className="field field-action">
          <button type="submit" className="button button-primary" disabled={isSaving}>
            {isSaving ? 'Saving…' : 'Add'}
          </button>
        </div>
      </div>
      <p role="status" className="form-status">
        {saved}
      </p>
    </form>
  );
}
