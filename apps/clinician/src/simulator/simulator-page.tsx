/**
 * The dose simulator: pick a published PK model, enter or fetch the patient, build a regimen, and see the
 * predicted plasma concentrations, population band, metrics and the model's warnings, updated as you type.
 * Everything is computed in the browser by @ketapath/pharmacology; nothing is saved.
 */
import { useMemo, useState } from 'react';
import { listModels, runSimulation, type SimulateResult } from '@ketapath/pharmacology';
import { fieldId } from '../forms/field';
import { useDebouncedValue } from '../data/use-debounced-value';
import { useDocumentTitle } from '../shell/use-document-title';
import { ConcentrationChart, CHART_COLORS, type ChartSeries } from './concentration-chart';
import { formatNgPerMl, formatHours } from './display-units';
import { ModelPicker, DRUG_LABELS } from './model-picker';
import { EMPTY_PATIENT, PatientInputs, type PatientState } from './patient-inputs';
import { POPULATION_PATIENTS, POPULATION_SEED } from './population-messages';
import { RegimenEditor } from './regimen-editor';
import { FIELD_LABELS, type RegimenRow, type RowField } from './regimen-rows';
import {
  buildSimulationRequest,
  PATIENT_FIELD_LABELS,
  TIME_SHOWN_CHOICES_H,
  type SimulatorForm,
  type TimeShown,
} from './simulation-input';
import { SimulationMetrics } from './simulation-metrics';
import { SimulationWarnings } from './simulation-warnings';
import { usePopulationBands } from './use-population-bands';
import { ValuesTable } from './values-table';

const INPUT_DELAY_MS = 300;
/** The band waits a little longer: a few hundred patients per run, restarted on every change. */
const POPULATION_DELAY_MS = 450;
const MODELS = listModels();
const DEFAULT_MODEL_ID = MODELS.find((m) => m.isDefault)?.id ?? MODELS[0]?.id ?? '';

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Dose 2, End (min)" for the error list. */
function errorLabel(key: string, rows: readonly RegimenRow[]): string {
  const dose = /^dose\.([^.]+)\.(\w+)$/.exec(key);
  if (dose) {
    const index = rows.findIndex((r) => r.key === dose[1]);
    return `Dose ${index + 1}, ${FIELD_LABELS[dose[2] as RowField]}`;
  }
  const patient = /^patient\.(\w+)$/.exec(key);
  if (patient) return PATIENT_FIELD_LABELS[patient[1] as keyof typeof PATIENT_FIELD_LABELS];
  if (key === 'thresholdNgPerMl') return 'Threshold (ng/mL)';
  return 'Request';
}

function simulateSafely(request: Parameters<typeof runSimulation>[0] | null): { result: SimulateResult | null; error: string | null } {
  if (request === null) return { result: null, error: null };
  try {
    return { result: runSimulation(request), error: null };
  } catch (error) {
    return { result: null, error: error instanceof Error ? error.message : 'The simulation failed.' };
  }
}

export function SimulatorPage() {
  useDocumentTitle('Dose simulator');
  const [modelId, setModelId] = useState(DEFAULT_MODEL_ID);
  const [patient, setPatient] = useState<PatientState>(EMPTY_PATIENT);
  const [rows, setRows] = useState<RegimenRow[]>([]);
  const [timeShown, setTimeShown] = useState<TimeShown>('auto');
  const [threshold, setThreshold] = useState('');
  const [isTableShown, setIsTableShown] = useState(false);

  const form = useMemo<SimulatorForm>(
    () => ({ modelId, patient: patient.form, rows, timeShown, threshold }),
    [modelId, patient.form, rows, timeShown, threshold],
  );
  const settled = useDebouncedValue(form, INPUT_DELAY_MS);
  const built = useMemo(() => buildSimulationRequest(settled), [settled]);
  const { result, error: runError } = useMemo(() => simulateSafely(built.request), [built.request]);
  const model = MODELS.find((m) => m.id === modelId);
  const hasBand = model?.hasPublishedIiv === true;
  const requestJson = useMemo(
    () => (hasBand && built.json !== null && built.json.regimen.doses.length > 0 ? JSON.stringify(built.json) : null),
    [hasBand, built.json],
  );
  const populationJson = useDebouncedValue(requestJson, POPULATION_DELAY_MS);
  const population = usePopulationBands(populationJson);
  // A band is drawn only for exactly the request the curve shows, never a stale one.
  const bands = population.status === 'done' && populationJson === requestJson && result ? population.bands : null;
  const isBandPending = requestJson !== null && (populationJson !== requestJson || population.status === 'running');

  const hasDoses = rows.length > 0;
  // Until there is a dose, an empty patient is not an error yet.
  const errors = hasDoses ? built.errors : {};
  const errorEntries = Object.entries(errors);
  // Series are named by the model that produced them (esketamine/noresketamine for Perez-Ruixo).
  const parentName = result ? capitalise(result.model.analytes.parent) : 'Parent drug';
  const metaboliteName = result?.model.analytes.metabolite ? capitalise(result.model.analytes.metabolite) : null;

  const parentSeries = useMemo<ChartSeries | null>(
    () =>
      result
        ? { label: capitalise(result.model.analytes.parent), ngPerMl: result.ketamineNgPerMl, bands: bands?.parent ?? null }
        : null,
    [result, bands],
  );
  const metaboliteSeries = useMemo<ChartSeries | null>(
    () =>
      result?.norketamineNgPerMl && result.model.analytes.metabolite
        ? {
            label: capitalise(result.model.analytes.metabolite),
            ngPerMl: result.norketamineNgPerMl,
            bands: bands?.metabolite ?? null,
          }
        : null,
    [result, bands],
  );

  const chartSummary = result
    ? `${parentName} peaks at ${formatNgPerMl(result.summary.ketamine.cmaxNgPerMl)} at ${formatHours(result.summary.ketamine.tmaxMin)}` +
      (result.summary.norketamine && metaboliteName
        ? `; ${metaboliteName} peaks at ${formatNgPerMl(result.summary.norketamine.cmaxNgPerMl)} at ${formatHours(result.summary.norketamine.tmaxMin)}`
        : '') +
      '. The table below the chart gives the values.'
    : '';

  return (
    <section className="simulator-page">
      <div className="page-head">
        <h1>Dose simulator</h1>
      </div>
      <p className="notice decision-support">
        Predictions come from the published model named below ({model ? model.title.split(':')[0] : '—'}
        {model ? `, ${DRUG_LABELS[model.drug]}` : ''}) for a typical patient with these covariates. They are decision
        support, not a measurement: real concentrations vary between patients. Nothing here is saved.
      </p>
      <div className="simulator-layout">
        <div className="simulator-inputs">
          <ModelPicker models={MODELS} modelId={modelId} onChange={setModelId} />
          <PatientInputs state={patient} errors={errors} onChange={setPatient} />
          <RegimenEditor rows={rows} routes={model?.routes ?? []} errors={errors} onChange={setRows} />
          <fieldset className="sim-section">
            <legend>Display</legend>
            <div className="inline-fields">
              <div className="field">
                <label htmlFor="field-timeShown">Time shown</label>
                <select
                  id="field-timeShown"
                  value={String(timeShown)}
                  onChange={(e) => {
                    setTimeShown(e.target.value === 'auto' ? 'auto' : Number(e.target.value));
                  }}
                >
                  <option value="auto">Auto: last dose + 6 h ({formatHours(built.untilMin)})</option>
                  {TIME_SHOWN_CHOICES_H.map((h) => (
                    <option key={h} value={h}>
                      {h} h
                    </option>
                  ))}
                </select>
              </div>
              <div className={`field${errors.thresholdNgPerMl ? ' field-invalid' : ''}`}>
                <label htmlFor={fieldId('thresholdNgPerMl')}>Threshold (ng/mL), optional</label>
                <input
                  id={fieldId('thresholdNgPerMl')}
                  inputMode="decimal"
                  autoComplete="off"
                  value={threshold}
                  aria-invalid={Boolean(errors.thresholdNgPerMl)}
                  aria-describedby={`${fieldId('thresholdNgPerMl')}-hint${errors.thresholdNgPerMl ? ` ${fieldId('thresholdNgPerMl')}-error` : ''}`}
                  onChange={(e) => {
                    setThreshold(e.target.value);
                  }}
                />
                <p className="field-hint" id={`${fieldId('thresholdNgPerMl')}-hint`}>
                  Drawn as a dashed line; time above it is reported. No default: set the level you care about.
                </p>
                {errors.thresholdNgPerMl && (
                  <p className="field-error" id={`${fieldId('thresholdNgPerMl')}-error`}>
                    <span aria-hidden="true">⚠ </span>
                    {errors.thresholdNgPerMl}
                  </p>
                )}
              </div>
            </div>
          </fieldset>
        </div>

        <div className="simulator-output" aria-labelledby="prediction-heading">
          <h2 id="prediction-heading">Predicted plasma concentration</h2>
          <div role="alert" aria-live="assertive">
            {hasDoses && errorEntries.length > 0 && (
              <div className="banner banner-error error-summary">
                <p className="banner-title">
                  No prediction until {errorEntries.length === 1 ? 'this is' : `these ${errorEntries.length} are`} fixed:
                </p>
                <ul>
                  {errorEntries.map(([key, message]) => (
                    <li key={key}>
                      <a
                        href={`#${fieldId(key)}`}
                        onClick={(e) => {
                          e.preventDefault();
                          document.getElementById(fieldId(key))?.focus();
                        }}
                      >
                        {errorLabel(key, rows)}: {message}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {runError && <p className="banner banner-error">{runError}</p>}
          </div>
          {!hasDoses ? (
            <p className="empty-state">Enter the patient and add a dose to see the curves.</p>
          ) : result && parentSeries ? (
            <>
              <SimulationWarnings warnings={result.warnings} assumptions={bands?.assumptions ?? []} />
              <ConcentrationChart
                timesMin={result.timesMin}
                parent={parentSeries}
                metabolite={metaboliteSeries}
                thresholdNgPerMl={result.summary.thresholdNgPerMl}
                summary={chartSummary}
              />
              <ChartLegend
                parentName={parentName}
                metaboliteName={metaboliteSeries ? metaboliteName : null}
                hasBand={bands !== null}
                hasThreshold={result.summary.thresholdNgPerMl !== null}
              />
              <p className="population-status" role="status" aria-live="polite">
                {!hasBand
                  ? 'This model publishes no inter-individual variability, so no population band is drawn; the curve is the typical patient.'
                  : isBandPending
                    ? `Simulating ${POPULATION_PATIENTS} virtual patients… ${population.status === 'running' ? Math.round(population.fraction * 100) : 0} %`
                    : population.status === 'error'
                      ? `Population band not available: ${population.message}`
                      : bands
                        ? `Band: ${bands.nPatients} virtual patients (seed ${POPULATION_SEED}) with the published variability of ${bands.variabilityNote}.`
                        : ''}
              </p>
              <SimulationMetrics
                parent={{ label: parentName, summary: result.summary.ketamine }}
                metabolite={result.summary.norketamine && metaboliteName ? { label: metaboliteName, summary: result.summary.norketamine } : null}
                thresholdNgPerMl={result.summary.thresholdNgPerMl}
              />
              <button
                type="button"
                className="button"
                aria-expanded={isTableShown}
                aria-controls="values-table"
                onClick={() => {
                  setIsTableShown((v) => !v);
                  requestAnimationFrame(() => {
                    document.getElementById('values-table')?.scrollIntoView({ block: 'nearest' });
                  });
                }}
              >
                {isTableShown ? 'Hide the values table' : 'Show the values as a table'}
              </button>
              <div id="values-table">
                {isTableShown && (
                  <ValuesTable timesMin={result.timesMin} series={metaboliteSeries ? [parentSeries, metaboliteSeries] : [parentSeries]} />
                )}
              </div>
            </>
          ) : (
            errorEntries.length === 0 && <p className="empty-state">Calculating…</p>
          )}
        </div>
      </div>
    </section>
  );
}

function ChartLegend({
  parentName,
  metaboliteName,
  hasBand,
  hasThreshold,
}: {
  parentName: string;
  metaboliteName: string | null;
  hasBand: boolean;
  hasThreshold: boolean;
}) {
  return (
    <ul className="chart-legend" aria-label="Chart legend">
      <li>
        <span className="swatch swatch-line" style={{ background: CHART_COLORS.parent }} aria-hidden="true" />
        {parentName}, typical patient
      </li>
      {metaboliteName && (
        <li>
          <span className="swatch swatch-line" style={{ background: CHART_COLORS.metabolite }} aria-hidden="true" />
          {metaboliteName}, typical patient
        </li>
      )}
      {hasBand && (
        <>
          <li>
            <span className="swatch swatch-band" style={{ background: CHART_COLORS.parentInner }} aria-hidden="true" />
            25–75 % of virtual patients (in each curve’s colour)
          </li>
          <li>
            <span className="swatch swatch-band" style={{ background: CHART_COLORS.parentOuter }} aria-hidden="true" />
            5–95 % of virtual patients
          </li>
        </>
      )}
      {hasThreshold && (
        <li>
          <span className="swatch swatch-dash" style={{ borderColor: CHART_COLORS.threshold }} aria-hidden="true" />
          Threshold
        </li>
      )}
    </ul>
  );
}
