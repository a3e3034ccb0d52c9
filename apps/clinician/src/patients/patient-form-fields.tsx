/** The inputs of the patient record, shared by the create and edit forms. */
import { SelectField, TextField } from '../forms/field';
import {
  PATIENT_FIELD_LABELS as L,
  SEX_OPTIONS,
  type PatientField,
  type PatientFormValues,
} from './patient-form-model';
import { WEIGHT_KG_RANGE, HEIGHT_CM_RANGE } from '@ketapath/core';

interface Props {
  values: PatientFormValues;
  errors: Readonly<Record<string, string>>;
  onChange: (field: PatientField, value: string) => void;
  today: string;
  /** The first weight and height, only when registering. */
  hasMeasurements: boolean;
}

export function PatientFormFields({ values, errors, onChange, today, hasMeasurements }: Props) {
  const text = (field: PatientField, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      field={field}
      label={L[field]}
      value={values[field]}
      error={errors[field]}
      onChange={(value) => {
        onChange(field, value);
      }}
      {...extra}
    />
  );
  return (
    <>
      <fieldset>
        <legend>Identity</legend>
        <div className="field-grid">
          {text('familyName', { isRequired: true, autoComplete: 'off' })}
          {text('givenNames', { isRequired: true })}
          {text('preferredName', { hint: 'What the patient likes to be called' })}
          {text('dateOfBirth', { isRequired: true, type: 'date', max: today })}
          <SelectField
            field="sexAtBirth"
            label={L.sexAtBirth}
            value={values.sexAtBirth}
            options={SEX_OPTIONS}
            placeholder="Choose…"
            isRequired
            error={errors.sexAtBirth}
            onChange={(value) => {
              onChange('sexAtBirth', value);
            }}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        <div className="field-grid">
          {text('phone', { type: 'tel', inputMode: 'tel' })}
          {text('email', { type: 'email', inputMode: 'email' })}
          {text('address.line1', { className: 'field-wide' })}
          {text('address.line2', { className: 'field-wide' })}
          {text('address.city')}
          {text('address.region')}
          {text('address.postalCode')}
          {text('address.country')}
        </div>
      </fieldset>
      {hasMeasurements && (
        <fieldset>
          <legend>First measurements (optional)</legend>
          <div className="field-grid">
            {text('weightKg', {
              inputMode: 'decimal',
              suffix: 'kg',
              hint: `${WEIGHT_KG_RANGE.min}–${WEIGHT_KG_RANGE.max} kg`,
            })}
            {text('heightCm', {
              inputMode: 'decimal',
              suffix: 'cm',
              hint: `${HEIGHT_CM_RANGE.min}–${HEIGHT_CM_RANGE.max} cm`,
            })}
            {text('measuredOn', { type: 'date', max: today })}
          </div>
        </fieldset>
      )}
    </>
  );
}
