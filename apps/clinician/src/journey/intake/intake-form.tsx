/**
 * The structured intake, section by section, in the order of an evaluation: basics, pain history and its
 * diagnosis, work-up, treatments tried, current medicines, cardiovascular with the blood pressure at the
 * evaluation, psychiatric, substance use, pregnancy, liver, kidney, pressure in the head and eye, thyroid,
 * allergies and baseline scores. Choices start at "none"; lists start empty with an Add button.
 */
import {
  ALLERGEN_KINDS,
  CARDIOVASCULAR_CONDITION_KINDS,
  INTERACTION_CLASSES,
  OPIOID_DRUGS,
  SUBSTANCE_USE_STATUSES,
  SUBSTANCES,
  TREATMENT_CLASSES,
  TREATMENT_OUTCOMES,
  WORKUP_KINDS,
} from '@ketapath/core';
import { fieldId } from '../../forms/field';
import { SEX_LABELS } from '../../data/patient-labels';
import { BCheck, BChecks, BNumber, BSelect, BText, Section, type Binder } from './bound-fields';
import type { DraftRow, ListName } from './intake-form-model';
import {
  ALLERGEN_LABELS,
  CONDITION_CATEGORY_LABELS,
  CV_CONDITION_LABELS,
  GLAUCOMA_LABELS,
  HEPATIC_LABELS,
  ICD10_CODES,
  icdCode,
  ICP_LABELS,
  INTERACTION_CLASS_LABELS,
  OPIOID_LABELS,
  optionsOf,
  OUTCOME_LABELS,
  PREGNANCY_LABELS,
  PSYCHOSIS_LABELS,
  RISK_FACTOR_LABELS,
  SUBSTANCE_LABELS,
  SUBSTANCE_STATUS_LABELS,
  THYROID_LABELS,
  TREATMENT_CLASS_LABELS,
  WORKUP_LABELS,
} from './intake-labels';

const pick = <K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>) =>
  keys.map((value) => ({ value, label: labels[value] }));

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

interface IntakeFormProps {
  b: Binder;
  lists: Readonly<Record<ListName, readonly DraftRow[]>>;
  onAddRow: (list: ListName) => void;
  onRemoveRow: (list: ListName, index: number) => void;
}

/** First field of a new row, focused after Add. */
const FIRST_FIELD: Readonly<Record<ListName, string>> = {
  'pain.workup': 'kind',
  treatmentsTried: 'class',
  currentMedications: 'name',
  'cardiovascular.conditions': 'kind',
  substanceUse: 'substance',
  allergies: 'kind',
};

function RowList({
  list,
  rows,
  noun,
  emptyText,
  b,
  onAddRow,
  onRemoveRow,
  render,
}: {
  list: ListName;
  rows: readonly DraftRow[];
  noun: string;
  emptyText: string;
  b: Binder;
  onAddRow: (list: ListName) => void;
  onRemoveRow: (list: ListName, index: number) => void;
  render: (prefix: string, row: DraftRow) => React.ReactNode;
}) {
  return (
    <div className="row-list">
      {rows.length === 0 && <p className="empty-state">{emptyText}</p>}
      {rows.map((row, i) => (
        <div className="intake-row" key={row.key} data-row={`${list}.${i}`}>
          <div className="intake-row-head">
            <span className="intake-row-title">
              {noun} {i + 1}
            </span>
            {!b.readOnly && (
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => {
                  onRemoveRow(list, i);
                }}
              >
                Remove {noun.toLowerCase()} {i + 1}
              </button>
            )}
          </div>
          <div className="field-grid intake-row-fields">{render(`${list}.${i}`, row)}</div>
        </div>
      ))}
      {!b.readOnly && (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            onAddRow(list);
            const index = rows.length;
            requestAnimationFrame(() => {
              document.getElementById(fieldId(`${list}.${index}.${FIRST_FIELD[list]}`))?.focus();
            });
          }}
        >
          + Add {noun.toLowerCase()}
        </button>
      )}
    </div>
  );
}

export function IntakeForm({ b, lists, onAddRow, onRemoveRow }: IntakeFormProps) {
  const rowProps = { b, onAddRow, onRemoveRow };
  const sex = b.value('patient.sex');
  return (
    <div className="intake-form">
      <Section id="basics" title="Basics">
        <div className="field-grid">
          <BText b={b} path="evaluatedOn" label="Evaluated on" type="date" isRequired />
          <BNumber b={b} path="patient.ageYears" label="Age" suffix="years" isWhole isRequired />
          <BSelect b={b} path="patient.sex" label="Sex at birth" options={optionsOf(SEX_LABELS)} isRequired />
          <BNumber
            b={b}
            path="patient.weightKg"
            label="Weight"
            suffix="kg"
            hint="From the latest recorded weight"
          />
        </div>
        <BCheck
          b={b}
          path="plannedTreatment.recurrentDosing"
          label="A series of infusions is planned (recurrent dosing)"
        />
      </Section>

      <Section id="pain" title="Pain history">
        <div className="field-grid">
          <BText
            b={b}
            path="pain.primaryCondition.code"
            label="ICD-10-CM code"
            list="icd10-codes"
            placeholder="G90.511"
            hint="Type to pick from REFERENCE §8.1; any valid code is accepted"
            isRequired
          />
          <BText
            b={b}
            path="pain.primaryCondition.label"
            label="Diagnosis"
            className="field-wide"
            isRequired
          />
          <BSelect
            b={b}
            path="pain.conditionCategory"
            label="Condition"
            options={optionsOf(CONDITION_CATEGORY_LABELS)}
            placeholder="Choose…"
            isRequired
          />
          <BText b={b} path="pain.onsetOn" label="Onset" type="date" hint="Or the duration" />
          <BNumber b={b} path="pain.durationMonths" label="Duration" suffix="months" />
          <BText
            b={b}
            path="pain.sites"
            label="Pain sites"
            hint="Separate with commas"
            className="field-wide"
            isRequired
          />
          <BText
            b={b}
            path="pain.character"
            label="Character"
            hint="e.g. burning, allodynia"
            className="field-wide"
          />
        </div>
        <datalist id="icd10-codes">
          {ICD10_CODES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.title}
            </option>
          ))}
        </datalist>
        <CodeMatch b={b} />
      </Section>

      <Section id="workup" title="Work-up">
        <RowList
          {...rowProps}
          list="pain.workup"
          rows={lists['pain.workup']}
          noun="Investigation"
          emptyText="No investigations recorded."
          render={(p) => (
            <>
              <BSelect b={b} path={`${p}.kind`} label="Kind" options={pick(WORKUP_KINDS, WORKUP_LABELS)} />
              <BText b={b} path={`${p}.description`} label="What was done" isRequired />
              <BText b={b} path={`${p}.performedOn`} label="Date" type="date" isRequired />
              <BText b={b} path={`${p}.result`} label="Result" className="field-wide" isRequired />
            </>
          )}
        />
      </Section>

      <Section id="treatments" title="Treatments tried">
        <RowList
          {...rowProps}
          list="treatmentsTried"
          rows={lists.treatmentsTried}
          noun="Treatment"
          emptyText="No treatments recorded."
          render={(p, row) => (
            <>
              <BSelect
                b={b}
                path={`${p}.class`}
                label="Class"
                options={pick(TREATMENT_CLASSES, TREATMENT_CLASS_LABELS)}
              />
              {row.values.class === 'opioid' && (
                <>
                  <BSelect
                    b={b}
                    path={`${p}.drug`}
                    label="Opioid"
                    options={pick(OPIOID_DRUGS, OPIOID_LABELS)}
                    placeholder="Choose…"
                    isRequired
                  />
                  {row.values.drug === 'fentanyl-transdermal' ? (
                    <BNumber b={b} path={`${p}.patchMcgPerH`} label="Patch strength" suffix="mcg/h" />
                  ) : (
                    <BNumber b={b} path={`${p}.dailyDoseMg`} label="Daily dose" suffix="mg/day" />
                  )}
                </>
              )}
              <BText b={b} path={`${p}.name`} label="Name and dose" />
              <BSelect
                b={b}
                path={`${p}.outcome`}
                label="Outcome"
                options={pick(TREATMENT_OUTCOMES, OUTCOME_LABELS)}
              />
              <BText b={b} path={`${p}.note`} label="Note" />
            </>
          )}
        />
      </Section>

      <Section id="medications" title="Current medications">
        <RowList
          {...rowProps}
          list="currentMedications"
          rows={lists.currentMedications}
          noun="Medication"
          emptyText="No current medications."
          render={(p) => (
            <>
              <BText b={b} path={`${p}.name`} label="Medicine" isRequired />
              <BText b={b} path={`${p}.doseText`} label="Dose" />
              <div className="field-full">
                <BChecks
                  b={b}
                  path={`${p}.classes`}
                  legend="Interaction classes (REFERENCE §5.2)"
                  options={pick(INTERACTION_CLASSES, INTERACTION_CLASS_LABELS)}
                />
              </div>
            </>
          )}
        />
      </Section>

      <Section id="cardiovascular" title="Cardiovascular and blood pressure at evaluation">
        <div className="field-grid">
          <BNumber b={b} path="vitals.systolicMmHg" label="Systolic" suffix="mmHg" isWhole isRequired />
          <BNumber b={b} path="vitals.diastolicMmHg" label="Diastolic" suffix="mmHg" isWhole isRequired />
          <BNumber b={b} path="vitals.heartRatePerMin" label="Heart rate" suffix="/min" isWhole isRequired />
        </div>
        <BChecks
          b={b}
          path="cardiovascular.riskFactors"
          legend="Risk factors"
          options={optionsOf(RISK_FACTOR_LABELS)}
        />
        <BCheck
          b={b}
          path="cardiovascular.suspectedDisease"
          label="Cardiovascular disease suspected but not yet diagnosed"
        />
        <RowList
          {...rowProps}
          list="cardiovascular.conditions"
          rows={lists['cardiovascular.conditions']}
          noun="Condition"
          emptyText="No cardiovascular conditions."
          render={(p) => (
            <>
              <BSelect
                b={b}
                path={`${p}.kind`}
                label="Condition"
                options={pick(CARDIOVASCULAR_CONDITION_KINDS, CV_CONDITION_LABELS)}
              />
              <BText b={b} path={`${p}.description`} label="Details" />
              <BCheck b={b} path={`${p}.controlled`} label="Well controlled now" />
            </>
          )}
        />
      </Section>

      <Section id="psychiatric" title="Psychiatric">
        <div className="field-grid">
          <BSelect
            b={b}
            path="psychiatric.psychosis"
            label="Psychosis"
            options={optionsOf(PSYCHOSIS_LABELS)}
          />
          <BText
            b={b}
            path="psychiatric.other"
            label="Other diagnoses"
            hint="Separate with commas"
            className="field-wide"
          />
        </div>
        <div className="inline-checks">
          <BCheck b={b} path="psychiatric.depression" label="Depression" />
          <BCheck b={b} path="psychiatric.ptsd" label="PTSD" />
        </div>
      </Section>

      <Section id="substances" title="Substance use">
        <RowList
          {...rowProps}
          list="substanceUse"
          rows={lists.substanceUse}
          noun="Substance"
          emptyText="No substance use recorded."
          render={(p) => (
            <>
              <BSelect
                b={b}
                path={`${p}.substance`}
                label="Substance"
                options={pick(SUBSTANCES, SUBSTANCE_LABELS)}
              />
              <BSelect
                b={b}
                path={`${p}.status`}
                label="Use"
                options={pick(SUBSTANCE_USE_STATUSES, SUBSTANCE_STATUS_LABELS)}
              />
              <BText b={b} path={`${p}.description`} label="Details" />
              <BCheck b={b} path={`${p}.misuse`} label="Misuse or use disorder" />
            </>
          )}
        />
      </Section>

      <Section id="pregnancy" title="Pregnancy">
        <div className="field-grid">
          <BSelect
            b={b}
            path="pregnancy.status"
            label="Pregnancy"
            options={optionsOf(PREGNANCY_LABELS)}
            hint={sex === 'male' ? 'Not applicable for a male patient' : undefined}
          />
        </div>
        <BCheck b={b} path="pregnancy.breastfeeding" label="Breastfeeding" />
      </Section>

      <Section id="hepatic" title="Liver">
        <div className="field-grid">
          <BSelect
            b={b}
            path="hepatic.diseaseSeverity"
            label="Known liver disease"
            options={optionsOf(HEPATIC_LABELS)}
          />
          <BText b={b} path="hepatic.description" label="Details" className="field-wide" />
          <BNumber b={b} path="hepatic.labs.altIuPerL" label="ALT" suffix="IU/L" />
          <BNumber b={b} path="hepatic.labs.astIuPerL" label="AST" suffix="IU/L" />
          <BNumber b={b} path="hepatic.labs.alpIuPerL" label="ALP" suffix="IU/L" />
          <BText b={b} path="hepatic.labs.measuredOn" label="Labs taken on" type="date" />
        </div>
        <BCheck b={b} path="hepatic.chronicHepatitis" label="Chronic hepatitis" />
      </Section>

      <Section id="renal" title="Kidney">
        <div className="field-grid">
          <BNumber b={b} path="renal.egfrMlPerMinPer173m2" label="eGFR" suffix="mL/min/1.73m²" />
          <BText b={b} path="renal.measuredOn" label="Measured on" type="date" />
        </div>
      </Section>

      <Section id="pressure" title="Intracranial and intraocular pressure">
        <div className="field-grid">
          <BSelect
            b={b}
            path="intracranial.pressure"
            label="Raised intracranial pressure"
            options={optionsOf(ICP_LABELS)}
          />
          <BText b={b} path="intracranial.description" label="Details" />
          <BSelect b={b} path="intraocular.glaucoma" label="Glaucoma" options={optionsOf(GLAUCOMA_LABELS)} />
          <BNumber b={b} path="intraocular.iopMmHg" label="Intraocular pressure" suffix="mmHg" />
          <BText b={b} path="intraocular.measuredOn" label="IOP measured on" type="date" />
        </div>
      </Section>

      <Section id="thyroid" title="Thyroid">
        <div className="field-grid">
          <BSelect b={b} path="thyroid.disease" label="Thyroid disease" options={optionsOf(THYROID_LABELS)} />
          {b.value('thyroid.disease') !== 'none' && (
            <BSelect
              b={b}
              path="thyroid.controlled"
              label="Controlled"
              options={YES_NO}
              placeholder="Not known"
            />
          )}
        </div>
      </Section>

      <Section id="allergies" title="Allergies">
        <RowList
          {...rowProps}
          list="allergies"
          rows={lists.allergies}
          noun="Allergy"
          emptyText="No known allergies."
          render={(p) => (
            <>
              <BSelect
                b={b}
                path={`${p}.kind`}
                label="Allergen"
                options={pick(ALLERGEN_KINDS, ALLERGEN_LABELS)}
              />
              <BText b={b} path={`${p}.substance`} label="Substance" isRequired />
              <BText b={b} path={`${p}.reaction`} label="Reaction" />
            </>
          )}
        />
      </Section>

      <Section id="scores" title="Baseline scores">
        <div className="field-grid">
          <BNumber b={b} path="baselineScores.nrs" label="Pain now (NRS 0–10)" isWhole isRequired />
          <BNumber b={b} path="baselineScores.phq9Total" label="PHQ-9 total (0–27)" isWhole isRequired />
          <BNumber b={b} path="baselineScores.phq9Item9" label="PHQ-9 item 9 (0–3)" isWhole />
          <BNumber b={b} path="baselineScores.gad7Total" label="GAD-7 total (0–21)" isWhole isRequired />
          <BNumber b={b} path="baselineScores.pegMean" label="PEG-3 mean (0–10)" />
        </div>
      </Section>
    </div>
  );
}

/** Shows the §8.1 title of the typed code under the code field, so a wrong code is seen at once. */
function CodeMatch({ b }: { b: Binder }) {
  const code = b.value('pain.primaryCondition.code');
  const known = typeof code === 'string' ? icdCode(code) : undefined;
  if (!known) return null;
  return (
    <p className="code-match">
      <span aria-hidden="true">✓ </span>
      {known.code}: {known.title} · {CONDITION_CATEGORY_LABELS[known.category]}{' '}
      <span className="muted">(REFERENCE §8.1, S25)</span>
    </p>
  );
}
