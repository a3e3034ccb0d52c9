/**
 * The simulated patient's covariates: typed in, or filled from a record; each filled value says where it
 * came from until someone changes it.
 */
import { FieldFrame, TextField } from '../forms/field';
import { PatientRecordPicker, type PatientFromRecord, type PatientSources } from './patient-record-picker';
import { PATIENT_FIELD_LABELS, type PatientForm } from './simulation-input';

export interface PatientState {
  readonly form: PatientForm;
  readonly sources: PatientSources;
  readonly recordLabel: string | null;
  readonly sexPrompt: string | null;
  readonly weightPrompt: string | null;
}

export const EMPTY_PATIENT: PatientState = {
  form: { weightKg: '', ageYears: '', sex: '', heightCm: '' },
  sources: {},
  recordLabel: null,
  sexPrompt: null,
  weightPrompt: null,
};

function sourceNote(state: PatientState, key: keyof PatientForm): string {
  const source = state.sources[key];
  const value = state.form[key];
  if (source === undefined) return state.recordLabel !== null && value !== '' ? 'Typed in' : '';
  return source.value === value ? source.note : `Typed in (${source.note.replace(/^From the record: /, 'the record gave ')})`;
}

export function PatientInputs({
  state,
  errors,
  onChange,
}: {
  state: PatientState;
  errors: Readonly<Record<string, string>>;
  onChange: (state: PatientState) => void;
}) {
  function set<K extends keyof PatientForm>(key: K, value: PatientForm[K]) {
    onChange({ ...state, form: { ...state.form, [key]: value } });
  }
  function fill(picked: PatientFromRecord) {
    onChange({
      form: picked.form,
      sources: picked.sources,
      recordLabel: picked.label,
      sexPrompt: picked.sexPrompt,
      weightPrompt: picked.weightPrompt,
    });
  }
  const hint = (key: keyof PatientForm) => sourceNote(state, key) || undefined;
  const sexHint = hint('sex') ?? 'The model’s covariate: male or female';

  return (
    <fieldset className="sim-section">
      <legend>Patient</legend>
      <PatientRecordPicker onPick={fill} />
      {state.recordLabel !== null && (
        <p className="record-filled" role="status">
          Filled from the record of <strong>{state.recordLabel}</strong>.{' '}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              onChange({ ...EMPTY_PATIENT, form: state.form });
            }}
          >
            Detach from the record
          </button>
        </p>
      )}
      {state.sexPrompt !== null && state.form.sex === '' && (
        <p className="banner banner-caution" role="alert">
          {state.sexPrompt}
        </p>
      )}
      {state.weightPrompt !== null && state.form.weightKg === '' && (
        <p className="banner banner-caution" role="alert">
          {state.weightPrompt}
        </p>
      )}
      <div className="field-grid patient-grid">
        <TextField
          field="patient.weightKg"
          label={PATIENT_FIELD_LABELS.weightKg}
          value={state.form.weightKg}
          inputMode="decimal"
          isRequired
          error={errors['patient.weightKg']}
          hint={hint('weightKg')}
          onChange={(v) => {
            set('weightKg', v);
          }}
        />
        <TextField
          field="patient.ageYears"
          label={PATIENT_FIELD_LABELS.ageYears}
          value={state.form.ageYears}
          inputMode="decimal"
          isRequired
          error={errors['patient.ageYears']}
          hint={hint('ageYears')}
          onChange={(v) => {
            set('ageYears', v);
          }}
        />
        <FieldFrame
          field="patient.sex"
          label={PATIENT_FIELD_LABELS.sex}
          isRequired
          error={errors['patient.sex']}
          hint={sexHint}
        >
          {(control) => (
            <select
              {...control}
              name="patient.sex"
              value={state.form.sex}
              onChange={(e) => {
                const v = e.target.value;
                set('sex', v === 'male' || v === 'female' ? v : '');
              }}
            >
              <option value="">Choose…</option>
              <option value="female">Female</option>
              <option value="male">Male</option>
            </select>
          )}
        </FieldFrame>
        <TextField
          field="patient.heightCm"
          label={`${PATIENT_FIELD_LABELS.heightCm}, optional`}
          value={state.form.heightCm}
          inputMode="decimal"
          error={errors['patient.heightCm']}
          hint={hint('heightCm')}
          onChange={(v) => {
            set('heightCm', v);
          }}
        />
      </div>
    </fieldset>
  );
}
