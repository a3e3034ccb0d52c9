/**
 * The Plan tab: the signed treatment plan with its versions, and for a physician the plan form — protocol,
 * first session, bag and an optional weight — whose preview (doses from the weight, each order's check, the
 * schedule and the predicted levels) follows every change. Signing makes a version; changing a signed plan
 * makes the next one with a reason. Nurses read the plan; they do not change it.
 */
import { useMemo, useState } from 'react';
import { Link, useOutletContext, useParams } from 'react-router';
import {
  isApiError,
  type PlanSummary,
  type PlanVersionDto,
  type ProtocolSummary,
  type QualificationDto,
} from '@ketapath/api-client';
import { api } from '../../data/api';
import { formatDateTime } from '../../data/dates';
import { patientName } from '../../data/patient-labels';
import { useDebouncedValue } from '../../data/use-debounced-value';
import { useResource } from '../../data/use-resource';
import { FieldFrame, fieldId } from '../../forms/field';
import type { PatientOutletContext } from '../../patients/patient-outlet-context';
import { EvidenceChip } from '../../rules/rule-labels';
import { useCan } from '../../session/session-context';
import { useDocumentTitle } from '../../shell/use-document-title';
import { staffLabel } from '../intake/intake-labels';
import { journey } from '../intake/journey-api';
import { QualificationStatus } from '../intake/qualification-panel';
import {
  buildPlanBody,
  emptyPlanForm,
  localFromIso,
  planFormFrom,
  protocolKey,
  type PlanFormValues,
} from './plan-form-model';
import { PlanPreviewView } from './plan-preview';

const PREVIEW_DELAY_MS = 500;

/** Brings a just-shown notice into view and reading order (signing happens at the bottom of a long form). */
function focusOnMount(el: HTMLElement | null): void {
  el?.focus();
}

/** The request field each box of the form feeds. */
const FORM_FIELDS: Readonly<Record<keyof PlanFormValues, string>> = {
  protocolKey: 'protocolId',
  firstDate: 'firstSessionAt',
  firstTime: 'firstSessionAt',
  drugMg: 'bag.drugMg',
  volumeMl: 'bag.volumeMl',
  weightKg: 'weightKg',
  sessionTimes: 'sessionTimes',
  overrides: 'overrides',
  changeReason: 'changeReason',
};

export function PlanTab() {
  const { patient } = useOutletContext<PatientOutletContext>();
  useDocumentTitle(`Plan · ${patientName(patient)}`);
  const canSign = useCan('plan:sign');
  const [revision, setRevision] = useState(0);
  const plans = useResource(`plans#${patient.id}#${revision}`, (signal) =>
    journey.listPlans(patient.id, { signal }),
  );
  const intakes = useResource(`intakes#${patient.id}#${revision}`, (signal) =>
    journey.listIntakes(patient.id, { signal }),
  );
  /** null: reading; 'new': a first plan; a plan: its next version. */
  const [editing, setEditing] = useState<'new' | PlanSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (plans.error && !plans.data) {
    return (
      <section className="tab-panel">
        <h2>Plan</h2>
        <p className="banner banner-error" role="alert">
          {plans.error.detail}
        </p>
      </section>
    );
  }
  if (!plans.data) {
    return (
      <p className="list-status" role="status">
        Loading the plan…
      </p>
    );
  }
  const list = plans.data.plans;
  const qualification = intakes.data?.qualification ?? null;
  const editingPlan = editing === null || editing === 'new' ? null : editing;
  const isEditingNew = editing === 'new' || (editing === null && list.length === 0 && canSign);

  return (
    <div className="tab-panel plan-tab">
      <header className="card journey-head">
        <div className="card-head">
          <h2>Treatment plan</h2>
          {canSign && list.length > 0 && editing === null && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setNotice(null);
                setEditing('new');
              }}
            >
              New plan
            </button>
          )}
        </div>
        {intakes.data && (
          <QualificationStatus
            qualification={qualification}
            latestIntakeVersion={intakes.data.current?.version ?? null}
          />
        )}
        {!canSign && <p className="muted">Your role reads plans; only a physician signs or changes them.</p>}
      </header>
      {notice && (
        <p className="banner banner-ok" role="status" tabIndex={-1} ref={focusOnMount}>
          <span aria-hidden="true">✓ </span>
          {notice}
        </p>
      )}
      {canSign && (isEditingNew || editingPlan !== null) && (
        <PlanEditor
          key={editingPlan?.planId ?? 'new'}
          patientId={patient.id}
          base={editingPlan}
          qualification={qualification}
          onCancel={
            list.length > 0
              ? () => {
                  setEditing(null);
                }
              : null
          }
          onSigned={(signed) => {
            setNotice(
              `Signed plan version ${signed.version}: ${signed.protocol.name}, ${signed.schedule.length} sessions.`,
            );
            setEditing(null);
            setRevision((r) => r + 1);
          }}
        />
      )}
      {list.length === 0 && !canSign && <p className="empty-state">No treatment plan has been signed.</p>}
      {list.map((plan) => (
        <PlanCard
          key={plan.planId}
          plan={plan}
          canChange={canSign && editing === null}
          onChange={() => {
            setNotice(null);
            setEditing(plan);
          }}
        />
      ))}
    </div>
  );
}

function PlanCard({
  plan,
  canChange,
  onChange,
}: {
  plan: PlanSummary;
  canChange: boolean;
  onChange: () => void;
}) {
  const c = plan.current;
  return (
    <section className="card plan-card" aria-labelledby={`plan-${plan.planId}-heading`}>
      <div className="card-head">
        <h2 id={`plan-${plan.planId}-heading`}>
          {c.protocol.name} <span className="muted">· version {c.version}</span>
        </h2>
        {canChange && (
          <button type="button" className="button" onClick={onChange}>
            Change plan
          </button>
        )}
      </div>
      <p className="muted">
        Signed by {staffLabel(c.signedBy)} on {formatDateTime(c.signedAt)} · protocol {c.protocol.id} v
        {c.protocol.version} · {c.schedule.length} sessions
        {c.changeReason ? ` · change: “${c.changeReason}”` : ''}
      </p>
      <table className="data-table plan-versions">
        <caption>Versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Signed by</th>
            <th scope="col">When</th>
            <th scope="col">Reason for the change</th>
          </tr>
        </thead>
        <tbody>
          {[...plan.versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <tr key={v.version} aria-current={v.version === c.version ? 'true' : undefined}>
                <td>
                  <Link to={`${plan.planId}/v/${v.version}`}>Version {v.version}</Link>
                  {v.version === c.version && <span className="muted"> (current)</span>}
                </td>
                <td>{staffLabel(v.signedBy)}</td>
                <td>{formatDateTime(v.signedAt)}</td>
                <td>{v.changeReason ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <PlanPreviewView preview={c} />
    </section>
  );
}

function ProtocolPicker({
  protocols,
  value,
  onChange,
  error,
}: {
  protocols: readonly ProtocolSummary[];
  value: string;
  onChange: (key: string) => void;
  error: string | undefined;
}) {
  const sorted = [...protocols].sort((a, b) =>
    a.origin === b.origin ? a.name.localeCompare(b.name) : a.origin === 'clinic' ? -1 : 1,
  );
  const id = fieldId('protocolId');
  return (
    <fieldset
      className={`protocol-picker${error ? ' field-invalid' : ''}`}
      id={id}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>
        Protocol{' '}
        <span className="required" aria-hidden="true">
          *
        </span>
      </legend>
      <ul className="protocol-options">
        {sorted.map((p) => {
          const key = protocolKey(p.id, p.version);
          return (
            <li key={key}>
              <label className={`protocol-option${value === key ? ' is-chosen' : ''}`}>
                <input
                  type="radio"
                  name="protocol"
                  value={key}
                  checked={value === key}
                  onChange={() => {
                    onChange(key);
                  }}
                />
                <span className="protocol-option-text">
                  <span className="protocol-option-name">{p.name}</span>
                  <span className="protocol-option-meta">
                    <EvidenceChip evidence={p.evidence} />{' '}
                    <span className={`chip chip-origin-${p.origin}`}>
                      {p.origin === 'clinic' ? 'Clinic' : 'Library'}
                    </span>{' '}
                    <span className="mono small">
                      {p.id} v{p.version}
                    </span>
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function PlanEditor({
  patientId,
  base,
  qualification,
  onCancel,
  onSigned,
}: {
  patientId: string;
  base: PlanSummary | null;
  qualification: QualificationDto | null;
  onCancel: (() => void) | null;
  onSigned: (signed: PlanVersionDto) => void;
}) {
  const protocols = useResource('protocols', (signal) => api.listProtocols({ signal }));
  const [values, setValues] = useState<PlanFormValues>(() =>
    base ? planFormFrom(base.current) : emptyPlanForm(),
  );
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ text: string; link?: { to: string; label: string } } | null>(null);
  const [isSigning, setIsSigning] = useState(false);

  const built = useMemo(() => buildPlanBody(values), [values]);
  const settled = useDebouncedValue(built.body, PREVIEW_DELAY_MS);
  const previewKey = settled ? JSON.stringify(settled) : null;
  const preview = useResource(previewKey, (signal) =>
    settled ? journey.previewPlan(patientId, settled, { signal }) : Promise.reject(new Error('incomplete')),
  );
  const nextVersion = base ? base.current.version + 1 : 1;

  function change(patch: Partial<PlanFormValues>) {
    setProblem(null);
    setValues((v) => ({ ...v, ...patch }));
    // An edited box is no longer known to be wrong: its server error goes.
    const fields = Object.keys(patch).map((k) => FORM_FIELDS[k as keyof PlanFormValues]);
    setServerErrors((e) =>
      Object.fromEntries(
        Object.entries(e).filter(([k]) => !fields.some((f) => k === f || k.startsWith(`${f}.`))),
      ),
    );
  }

  const previewFieldErrors = preview.error?.fieldErrors() ?? {};
  const errorOf = (field: string): string | undefined =>
    serverErrors[field] ?? previewFieldErrors[field] ?? (showAll ? built.errors[field] : undefined);

  async function sign() {
    setProblem(null);
    const changeReasonMissing = base !== null && values.changeReason.trim() === '';
    if (!built.body || changeReasonMissing) {
      setShowAll(true);
      if (changeReasonMissing) setServerErrors((e) => ({ ...e, changeReason: 'say why the plan changes' }));
      const first = [
        'protocolId',
        'firstSessionAt',
        'bag.drugMg',
        'bag.volumeMl',
        'weightKg',
        'changeReason',
      ].find((f) => f in built.errors || (f === 'changeReason' && changeReasonMissing));
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setIsSigning(true);
    try {
      const signed = await journey.signPlan(patientId, {
        ...built.body,
        ...(base
          ? {
              planId: base.planId,
              expectedVersion: base.current.version,
              changeReason: values.changeReason.trim(),
            }
          : {}),
      });
      onSigned(signed);
    } catch (e) {
      if (!isApiError(e)) setProblem({ text: 'Signing failed. Try again.' });
      else if (e.code === 'QUALIFICATION_REQUIRED') {
        setProblem({
          text: `${e.detail} A plan needs a current, signed qualification.`,
          link: {
            to: `/patients/${patientId}/intake`,
            label: 'Open the Intake tab to sign the qualification',
          },
        });
      } else if (e.code === 'PLAN_BLOCKED') {
        setProblem({ text: `${e.detail} Change the bag, weight or protocol until no step is blocked.` });
      } else if (e.status === 409) {
        setProblem({ text: `${e.detail} Reload the tab to see the newest version before changing it.` });
      } else if (e.errors.length > 0) {
        const fieldErrors = e.fieldErrors();
        setServerErrors(fieldErrors);
        setProblem({
          text: Object.entries(fieldErrors)
            .map(([f, m]) => `${f}: ${m}`)
            .join(' '),
        });
      } else setProblem({ text: e.detail });
    } finally {
      setIsSigning(false);
    }
  }

  const data = preview.data;
  const sessionTimes =
    values.sessionTimes ?? (data ? data.schedule.map((s) => localFromIso(s.startsAt)) : []);
  const previewErrors: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...built.errors, ...serverErrors }))
    if (k.startsWith('overrides') || k.startsWith('sessionTimes')) previewErrors[k] = v;
  const qualificationOk = qualification?.current === true;

  return (
    <section className="card plan-editor" aria-labelledby="plan-editor-heading">
      <div className="card-head">
        <h2 id="plan-editor-heading">
          {base ? `Change plan: version ${nextVersion}` : 'New treatment plan'}
        </h2>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {!qualificationOk && (
        <p className="banner banner-caution">
          The patient has no current signed qualification; the plan can be previewed but not signed.{' '}
          <Link to={`/patients/${patientId}/intake`}>Go to the Intake tab</Link>.
        </p>
      )}
      <form
        noValidate
        className="plan-form"
        onSubmit={(e) => {
          e.preventDefault();
          void sign();
        }}
      >
        <div className="plan-form-grid">
          {protocols.data ? (
            <ProtocolPicker
              protocols={protocols.data}
              value={values.protocolKey}
              onChange={(key) => {
                change({ protocolKey: key, sessionTimes: null, overrides: {} });
              }}
              error={errorOf('protocolId')}
            />
          ) : (
            <p role="status">{protocols.error ? protocols.error.detail : 'Loading protocols…'}</p>
          )}
          <div className="plan-inputs">
            <fieldset>
              <legend>First session</legend>
              <div className="inline-fields">
                <FieldFrame field="firstSessionAt" label="Date" error={errorOf('firstSessionAt')} isRequired>
                  {(control) => (
                    <input
                      {...control}
                      type="date"
                      value={values.firstDate}
                      onChange={(e) => {
                        change({ firstDate: e.target.value, sessionTimes: null });
                      }}
                    />
                  )}
                </FieldFrame>
                <FieldFrame field="firstSessionTime" label="Time" isRequired>
                  {(control) => (
                    <input
                      {...control}
                      type="time"
                      value={values.firstTime}
                      onChange={(e) => {
                        change({ firstTime: e.target.value, sessionTimes: null });
                      }}
                    />
                  )}
                </FieldFrame>
              </div>
            </fieldset>
            <fieldset>
              <legend>Bag</legend>
              <div className="inline-fields">
                <NumberBox
                  field="bag.drugMg"
                  label="Ketamine in the bag"
                  suffix="mg"
                  value={values.drugMg}
                  error={errorOf('bag.drugMg')}
                  onChange={(v) => {
                    change({ drugMg: v });
                  }}
                  isRequired
                />
                <NumberBox
                  field="bag.volumeMl"
                  label="Bag volume"
                  suffix="mL"
                  value={values.volumeMl}
                  error={errorOf('bag.volumeMl')}
                  onChange={(v) => {
                    change({ volumeMl: v });
                  }}
                  isRequired
                />
              </div>
            </fieldset>
            <NumberBox
              field="weightKg"
              label="Weight for this plan (optional)"
              suffix="kg"
              value={values.weightKg}
              error={errorOf('weightKg')}
              hint="Leave empty to dose from the latest weight recorded on or before the first session"
              onChange={(v) => {
                change({ weightKg: v });
              }}
            />
          </div>
        </div>

        <div className="plan-preview-area" aria-live="polite">
          <p className="panel-status" role="status">
            {!built.body
              ? 'Choose a protocol, the first session and the bag to see the preview.'
              : preview.isLoading || settled !== built.body
                ? 'Working out the plan…'
                : data
                  ? `Preview: ${data.steps.length} order${data.steps.length === 1 ? '' : 's'}, ${data.schedule.length} sessions${data.canSign ? ', ready to sign' : ''}.`
                  : ''}
          </p>
          {preview.error && preview.error.code !== 'CLIENT_ERROR' && (
            <p className="banner banner-error" role="alert">
              {preview.error.detail}
            </p>
          )}
          {data && built.body && (
            <div className={preview.isLoading ? 'is-stale' : undefined}>
              <PlanPreviewView
                preview={data}
                editing={{
                  overrides: values.overrides,
                  onOverride: (ruleId, reason) => {
                    change({ overrides: { ...values.overrides, [ruleId]: reason } });
                  },
                  errors: previewErrors,
                  sessionTimes,
                  onSessionTime: (index, local) => {
                    const next = [...sessionTimes];
                    next[index] = local;
                    change({ sessionTimes: next });
                  },
                }}
              />
            </div>
          )}
        </div>

        {base && (
          <FieldFrame
            field="changeReason"
            label="Reason for the change"
            error={errorOf('changeReason')}
            isRequired
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={values.changeReason}
                onChange={(e) => {
                  change({ changeReason: e.target.value });
                }}
              />
            )}
          </FieldFrame>
        )}
        {problem && (
          <div className="banner banner-error" role="alert">
            <p>{problem.text}</p>
            {problem.link && (
              <p>
                <Link to={problem.link.to}>{problem.link.label}</Link>
              </p>
            )}
          </div>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={isSigning || !data?.canSign || !qualificationOk || preview.isLoading}
          >
            {isSigning ? 'Signing…' : `Sign plan (version ${nextVersion})`}
          </button>
          {data && !data.canSign && (
            <span className="muted">Resolve what the preview lists before signing.</span>
          )}
        </div>
      </form>
    </section>
  );
}

function NumberBox({
  field,
  label,
  suffix,
  value,
  error,
  hint,
  onChange,
  isRequired,
}: {
  field: string;
  label: string;
  suffix: string;
  value: string;
  error: string | undefined;
  hint?: string;
  onChange: (value: string) => void;
  isRequired?: boolean;
}) {
  return (
    <FieldFrame field={field} label={label} error={error} hint={hint} isRequired={isRequired}>
      {(control) => (
        <span className="input-with-suffix">
          <input
            {...control}
            name={field}
            inputMode="decimal"
            autoComplete="off"
            value={value}
            onChange={(e) => {
              onChange(e.target.value);
            }}
          />
          <span className="input-suffix">{suffix}</span>
        </span>
      )}
    </FieldFrame>
  );
}

/** One signed plan version, read-only. */
export function PlanVersionTab() {
  const { patient } = useOutletContext<PatientOutletContext>();
  const { planId = '', version: versionText = '' } = useParams();
  const version = Number(versionText);
  useDocumentTitle(`Plan version ${versionText} · ${patientName(patient)}`);
  const loaded = useResource(Number.isInteger(version) ? `${planId}#${version}` : null, (signal) =>
    journey.getPlanVersion(patient.id, planId, version, { signal }),
  );
  const data = loaded.data?.version === version && loaded.data.planId === planId ? loaded.data : undefined;
  return (
    <div className="tab-panel plan-tab">
      <p className="breadcrumb">
        <Link to={`/patients/${patient.id}/plan`}>‹ Back to the current plan</Link>
      </p>
      {loaded.error && (
        <p className="banner banner-error" role="alert">
          {loaded.error.detail}
        </p>
      )}
      {data ? (
        <section className="card" aria-labelledby="plan-version-heading">
          <h2 id="plan-version-heading">
            {data.protocol.name} <span className="muted">· version {data.version} (read-only)</span>
          </h2>
          <p className="muted">
            Signed by {staffLabel(data.signedBy)} on {formatDateTime(data.signedAt)}
            {data.changeReason ? ` · change: “${data.changeReason}”` : ''}
          </p>
          <PlanPreviewView preview={data} />
        </section>
      ) : (
        !loaded.error && (
          <p className="list-status" role="status">
            Loading version {versionText}…
          </p>
        )
      )}
    </div>
  );
}
