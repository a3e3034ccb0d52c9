/**
 * A plan as Ketapath worked it out: the weight it dosed from, each step's order and its check (verdict,
 * findings with the slip they look like, the pump numbers and the reverse check), the session schedule and
 * the predicted ketamine level of the whole series. Editable parts (override reasons, session times) appear
 * only while a physician prepares a plan.
 */
import type { OrderCheckDto, PlanPreview, PlanStepDto } from '@ketapath/api-client';
import { formatDate } from '../../data/dates';
import { fieldId } from '../../forms/field';
import { formatNumber } from '../../rules/rule-labels';
import { WEIGHT_BASIS_LABELS } from '../../rules/protocol-labels';
import { FindingCard } from '../intake/eligibility-panel';
import { PredictionChart } from './prediction-chart';

const VERDICT_LABELS: Readonly<Record<OrderCheckDto['verdict'], string>> = {
  accept: 'Accepted',
  warn: 'Accepted with warnings',
  'override-required': 'Needs a physician’s reason',
  blocked: 'Blocked',
};
const VERDICT_ICONS: Readonly<Record<OrderCheckDto['verdict'], string>> = {
  accept: '✓',
  warn: '⚠',
  'override-required': '⚑',
  blocked: '✖',
};

export function VerdictChip({ verdict }: { verdict: OrderCheckDto['verdict'] }) {
  return (
    <span className={`chip chip-verdict chip-verdict-${verdict}`}>
      <span aria-hidden="true">{VERDICT_ICONS[verdict]} </span>
      {VERDICT_LABELS[verdict]}
    </span>
  );
}

const num = (value: number | null | undefined, unit: string, digits = 4) =>
  value === null || value === undefined ? '—' : `${formatNumber(Number(value.toPrecision(digits)))} ${unit}`;

function minutes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value % 60 === 0 ? `${value} min (${value / 60} h)` : `${value} min`;
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatSessionTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE_TIME.format(d);
}

function orderText(step: PlanStepDto): string {
  const o = step.order;
  const amount = o.rate
    ? `${formatNumber(o.rate.value)} ${o.rate.unit}`
    : o.dose
      ? `${formatNumber(o.dose.value)} ${o.dose.unit}`
      : '';
  const duration = o.durationMin !== undefined ? ` for ${minutes(o.durationMin)}` : '';
  const bag = o.bag
    ? `, bag ${formatNumber(o.bag.drugMg)} mg in ${formatNumber(o.bag.volumeMl)} mL`
    : o.concentrationMgPerMl !== undefined
      ? `, ${formatNumber(o.concentrationMgPerMl)} mg/mL`
      : '';
  return `${o.kind === 'infusion' ? 'Infusion' : 'Bolus'} ${amount}${duration}${bag}`;
}

export interface PreviewEditing {
  overrides: Readonly<Record<string, string>>;
  onOverride: (ruleId: string, reason: string) => void;
  errors: Readonly<Record<string, string>>;
  /** Local 'YYYY-MM-DDTHH:mm' per session, as shown in the schedule's boxes. */
  sessionTimes: readonly string[];
  onSessionTime: (index: number, local: string) => void;
}

function StepCheck({ step, editing }: { step: PlanStepDto; editing: PreviewEditing | undefined }) {
  const { check } = step;
  const p = check.pump;
  const r = check.reverseCheck;
  return (
    <li className={`plan-step plan-step-${check.verdict}`} data-step={step.stepIndex}>
      <div className="plan-step-head">
        <h4>
          Step {step.stepIndex + 1}: {step.label}
        </h4>
        <VerdictChip verdict={check.verdict} />
      </div>
      <p className="plan-order">
        <span className="muted">Order:</span> <strong>{orderText(step)}</strong>
      </p>
      {step.basis && <p className="small muted plan-step-basis">From the protocol: {step.basis}</p>}
      <dl className="pump-facts">
        <div>
          <dt>Rate</dt>
          <dd>{num(p.rateMgPerH, 'mg/h')}</dd>
        </div>
        <div>
          <dt>Per kg</dt>
          <dd>{num(p.rateMgPerKgPerH, 'mg/kg/h')}</dd>
        </div>
        <div>
          <dt>Pump</dt>
          <dd>
            <strong>{num(p.rateMlPerH, 'mL/h')}</strong>
          </dd>
        </div>
        <div>
          <dt>Volume</dt>
          <dd>{num(p.volumeMl, 'mL')}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{minutes(p.durationMin)}</dd>
        </div>
        <div>
          <dt>Session dose</dt>
          <dd>{num(p.sessionDoseMg, 'mg')}</dd>
        </div>
        <div>
          <dt>Concentration</dt>
          <dd>{num(p.concentrationMgPerMl, 'mg/mL')}</dd>
        </div>
      </dl>
      <p className={`reverse-check${r.matches === false ? ' reverse-mismatch' : ''}`}>
        <span className="muted">Reverse check:</span>{' '}
        {r.programmedRateMlPerH === null ? (
          'no pump rate to check'
        ) : (
          <>
            {num(r.programmedRateMlPerH, 'mL/h')} delivers {num(r.deliveredMgPerKgPerH, 'mg/kg/h')}
            {r.matches === true && (
              <span className="ok-text">
                {' '}
                <span aria-hidden="true">✓</span> matches the order
              </span>
            )}
            {r.matches === false && (
              <strong>
                {' '}
                <span aria-hidden="true">✖</span> does not match the order
              </strong>
            )}
          </>
        )}
      </p>
      {check.findings.length > 0 && (
        <ul className="finding-list">
          {check.findings.map((f, i) => (
            <FindingCard key={`${f.ruleId}-${i}`} f={f} />
          ))}
        </ul>
      )}
      {editing &&
        [...new Set(check.findings.filter((f) => f.severity === 'needs-ack').map((f) => f.ruleId))].map(
          (ruleId) => {
            const title = check.findings.find((f) => f.ruleId === ruleId)?.title ?? ruleId;
            const id = fieldId(`overrides.${ruleId}`);
            const error = editing.errors[`overrides.${ruleId}`];
            return (
              <div key={ruleId} className={`field override-field${error ? ' field-invalid' : ''}`}>
                <label htmlFor={`${id}-${step.stepIndex}`}>
                  Physician’s reason to go ahead despite “{title}”{' '}
                  <span className="required" aria-hidden="true">
                    *
                  </span>
                </label>
                <textarea
                  id={`${id}-${step.stepIndex}`}
                  rows={2}
                  value={editing.overrides[ruleId] ?? ''}
                  aria-invalid={Boolean(error)}
                  onChange={(e) => {
                    editing.onOverride(ruleId, e.target.value);
                  }}
                />
                {error && (
                  <p className="field-error">
                    <span aria-hidden="true">⚠ </span>
                    {error}
                  </p>
                )}
              </div>
            );
          },
        )}
    </li>
  );
}

export function PlanPreviewView({ preview, editing }: { preview: PlanPreview; editing?: PreviewEditing }) {
  const w = preview.weight;
  const basisLabel = preview.protocol.weightBasis
    ? WEIGHT_BASIS_LABELS[preview.protocol.weightBasis]
    : 'none';
  return (
    <div className="plan-preview">
      <section className="card" aria-labelledby="plan-weight-heading">
        <h3 id="plan-weight-heading">Weight used</h3>
        <p className="plan-weight">
          <strong>{num(w.weightKg, 'kg')}</strong>{' '}
          {w.measuredOn ? (
            <span>measured on {formatDate(w.measuredOn)} (the latest on or before the first session)</span>
          ) : (
            <span>entered for this plan</span>
          )}
          {' · '}weight basis: <strong>{basisLabel}</strong>
          {' · '}dose weight: <strong>{num(w.doseWeightKg, 'kg')}</strong>
        </p>
        {preview.protocol.weightBasis === null && (
          <p className="small muted">The protocol doses nothing per kg; the weight is used by the checks.</p>
        )}
      </section>

      <section className="card" aria-labelledby="plan-steps-heading">
        <h3 id="plan-steps-heading">Orders and their checks</h3>
        <ol className="plan-steps">
          {preview.steps.map((s) => (
            <StepCheck key={s.stepIndex} step={s} editing={editing} />
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="plan-schedule-heading">
        <h3 id="plan-schedule-heading">
          Schedule <span className="muted">({preview.schedule.length} sessions)</span>
        </h3>
        <table className="data-table plan-schedule">
          <thead>
            <tr>
              <th scope="col" className="num">
                Session
              </th>
              <th scope="col">Starts</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {preview.schedule.map((s, i) => (
              <tr key={s.sessionNumber}>
                <td className="num">{s.sessionNumber}</td>
                <td>
                  {editing && i > 0 ? (
                    <>
                      <label className="visually-hidden" htmlFor={fieldId(`sessionTimes.${i}`)}>
                        Session {s.sessionNumber} starts
                      </label>
                      <input
                        id={fieldId(`sessionTimes.${i}`)}
                        type="datetime-local"
                        className="session-time"
                        value={editing.sessionTimes[i] ?? ''}
                        aria-invalid={Boolean(editing.errors[`sessionTimes.${i}`])}
                        onChange={(e) => {
                          editing.onSessionTime(i, e.target.value);
                        }}
                      />{' '}
                      <span className="muted small">{formatSessionTime(s.startsAt)}</span>
                      {editing.errors[`sessionTimes.${i}`] && (
                        <span className="field-error"> ⚠ {editing.errors[`sessionTimes.${i}`]}</span>
                      )}
                    </>
                  ) : (
                    formatSessionTime(s.startsAt)
                  )}
                </td>
                <td>{minutes(s.durationMin)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="plan-prediction-heading">
        <h3 id="plan-prediction-heading" className="visually-hidden">
          Predicted levels
        </h3>
        {preview.prediction ? (
          <PredictionChart prediction={preview.prediction} />
        ) : (
          <p className="empty-state">No prediction for this plan.</p>
        )}
      </section>

      {preview.blockers.length > 0 && (
        <div className="banner banner-error" role="note">
          <p className="banner-title">Cannot be signed yet</p>
          <ul className="plain-list">
            {preview.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
