/**
 * Copy a protocol for this clinic (/protocols/:id/copy?from=version) or save a new version of a clinic
 * protocol (/protocols/:id/edit). The form starts from the protocol: id (copies only), name, the numbers of
 * each step, sessions, and every soft and hard limit with its source; a changed limit takes the clinic as
 * its source. A reason is required and kept with the version. Errors, the browser's and the server's, sit
 * beside the field they name and are listed above the form.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '@ketapath/api-client';
import type { Protocol } from '@ketapath/core';
import { api } from '../data/api';
import { todayIso } from '../data/dates';
import { useResource } from '../data/use-resource';
import { ErrorSummary, FieldFrame, fieldId, focusFirstError, SelectField, TextField } from '../forms/field';
import { useDocumentTitle } from '../shell/use-document-title';
import {
  buildProtocol,
  DOSE_UNIT_OPTIONS,
  fieldLabels,
  formFields,
  FORM_KEYS,
  initialTexts,
  isLimitChanged,
  limitKey,
  limitNoteKey,
  normaliseKey,
  RATE_UNIT_OPTIONS,
  type FormField,
} from './protocol-form-model';
import { MEASURES, ROUTE_LABELS, SourceTag } from './protocol-labels';

type Mode = 'copy' | 'edit';

export function ProtocolEditPage({ mode }: { mode: Mode }) {
  const { protocolId = '' } = useParams();
  const [params] = useSearchParams();
  const from = Number(params.get('from') ?? '');
  const fromVersion = Number.isInteger(from) && from > 0 ? from : undefined;
  useDocumentTitle(mode === 'copy' ? 'Copy protocol' : 'Edit protocol');

  const source = useResource(`protocol-form:${mode}:${protocolId}@${fromVersion ?? 'latest'}`, (signal) =>
    mode === 'copy' && fromVersion !== undefined
      ? api.getProtocolVersion(protocolId, fromVersion, { signal })
      : api.getProtocol(protocolId, { signal }),
  );
  const base = source.data?.protocol;
  const origin = source.data?.origin;

  return (
    <section className="form-page protocol-form-page rules-page">
      <p className="breadcrumb">
        <Link to={`/protocols/${protocolId}`}>← Back to the protocol</Link>
      </p>
      {source.error && (
        <p className="banner banner-error" role="alert">
          {source.error.detail}
        </p>
      )}
      {!base && !source.error && <p role="status">Loading the protocol…</p>}
      {base && mode === 'edit' && origin === 'library' && (
        <div className="banner banner-caution" role="alert">
          <p>Library protocols are read-only. Make a copy for this clinic and change the copy.</p>
          <p>
            <Link to={`/protocols/${base.id}/copy?from=${base.version}`}>Copy for this clinic</Link>
          </p>
        </div>
      )}
      {base && (mode === 'copy' || origin === 'clinic') && (
        <ProtocolForm key={`${base.id}@${base.version}`} base={base} mode={mode} />
      )}
    </section>
  );
}

function ProtocolForm({ base, mode }: { base: Protocol; mode: Mode }) {
  const navigate = useNavigate();
  const fields = useMemo(() => formFields(base), [base]);
  const labels = useMemo(() => fieldLabels(fields), [fields]);
  const [texts, setTexts] = useState<Record<string, string>>(() => initialTexts(base, fields, mode));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summaryTitle, setSummaryTitle] = useState('The protocol was not saved. Check these fields:');
  const [formError, setFormError] = useState<{ message: string; isConflict: boolean } | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [today] = useState(todayIso);
  const formErrorRef = useRef<HTMLDivElement>(null);

  // A refusal that names no field is shown above the form; bring it into view from the Save button.
  useEffect(() => {
    if (formError) formErrorRef.current?.focus();
  }, [formError]);
  const order = [
    ...fields.flatMap((f) => [f.key, ...(f.limit ? [`${f.key}.source.note`] : [])]),
    FORM_KEYS.reason,
  ];

  const set = (key: string) => (value: string) => {
    setTexts((t) => ({ ...t, [key]: value }));
  };

  function showErrors(found: Record<string, string>, title: string) {
    setSummaryTitle(title);
    setErrors(found);
    requestAnimationFrame(() => {
      focusFirstError(found, order);
    });
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const built = buildProtocol(base, fields, texts, today);
    if (!built.ok) {
      showErrors(built.errors, 'The protocol was not saved. Check these fields:');
      return;
    }
    setErrors({});
    setIsSaving(true);
    try {
      const saved =
        mode === 'copy'
          ? await api.createClinicProtocol({
              basedOn: { protocolId: base.id, version: base.version },
              protocol: built.protocol,
              reason: built.reason,
            })
          : await api.updateClinicProtocol(base.id, {
              protocol: built.protocol,
              reason: built.reason,
              expectedVersion: base.version,
            });
      void navigate(`/protocols/${saved.protocol.id}`, {
        state: {
          notice:
            mode === 'copy'
              ? `Saved “${saved.protocol.name}” as a clinic protocol (version ${saved.protocol.version}).`
              : `Saved version ${saved.protocol.version} of “${saved.protocol.name}”.`,
        },
      });
    } catch (e) {
      if (isApiError(e) && e.errors.length > 0) {
        const found: Record<string, string> = {};
        for (const [field, message] of Object.entries(e.fieldErrors()))
          found[normaliseKey(field)] ??= message;
        showErrors(found, e.detail);
      } else {
        setFormError({
          message: isApiError(e) ? e.detail : 'Saving failed. Try again.',
          isConflict: isApiError(e) && e.status === 409,
        });
      }
    } finally {
      setIsSaving(false);
    }
  }

  const byKey = new Map(fields.map((f) => [f.key, f]));
  const field = (key: string) => byKey.get(key);

  /** A step's rate or dose fields follow the unit chosen beside them. */
  function unitOf(f: FormField): string | undefined {
    const sibling = /^(protocol\.steps\.\d+\.(?:rate|dose|titration))\.(?:min|max|start|step)$/.exec(
      f.key,
    )?.[1];
    return (sibling === undefined ? undefined : texts[`${sibling}.unit`]) ?? f.unit;
  }

  function input(f: FormField | undefined, className?: string) {
    if (!f) return null;
    const unit = unitOf(f);
    const common = {
      field: f.key,
      label: unit ? `${shortLabel(f.label)} (${unit})` : shortLabel(f.label),
      value: texts[f.key] ?? '',
      onChange: set(f.key),
      error: errors[f.key],
      ...(className ? { className } : {}),
    };
    switch (f.kind) {
      case 'rate-unit':
        return <SelectField {...common} label="Unit" options={RATE_UNIT_OPTIONS} isRequired />;
      case 'dose-unit':
        return <SelectField {...common} label="Unit" options={DOSE_UNIT_OPTIONS} isRequired />;
      case 'long-text':
        return (
          <FieldFrame
            field={f.key}
            label={shortLabel(f.label)}
            error={errors[f.key]}
            className={className ?? 'field-wide'}
          >
            {(control) => (
              <textarea
                {...control}
                name={f.key}
                rows={2}
                value={texts[f.key] ?? ''}
                onChange={(e) => {
                  set(f.key)(e.target.value);
                }}
              />
            )}
          </FieldFrame>
        );
      case 'text':
        return <TextField {...common} isRequired />;
      case 'number':
      case 'optional-number':
        return (
          <TextField
            {...common}
            inputMode="decimal"
            isRequired={f.kind === 'number'}
            {...(f.kind === 'optional-number' ? { hint: 'Leave empty if not fixed' } : {})}
          />
        );
    }
  }

  return (
    <>
      <h1>
        {mode === 'copy' ? 'Copy for this clinic' : 'New version'}: {base.name}
      </h1>
      <p className="page-intro">
        {mode === 'copy'
          ? `Starts from ${base.id} version ${base.version}. The library protocol stays as it is; the copy is this clinic’s own and can be changed later as new versions.`
          : `Saves version ${base.version + 1} of ${base.id}; version ${base.version} stays in the history.`}{' '}
        A limit you change takes “clinic” as its source; a limit left empty reads “clinic must set”.
      </p>
      <ErrorSummary title={summaryTitle} errors={errors} labels={labels} />
      {formError && (
        <div className="banner banner-error" role="alert" ref={formErrorRef} tabIndex={-1}>
          <p>{formError.message}</p>
          {formError.isConflict && (
            <p>
              <Link to={`/protocols/${base.id}`}>Open the current version</Link> to see what changed, then
              edit it again.
            </p>
          )}
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Protocol">
        <fieldset>
          <legend>Protocol</legend>
          <div className="field-grid">
            {mode === 'copy' ? (
              <TextField
                field={FORM_KEYS.id}
                label="Protocol id"
                value={texts[FORM_KEYS.id] ?? ''}
                onChange={set(FORM_KEYS.id)}
                error={errors[FORM_KEYS.id]}
                hint="Lower-case words joined by hyphens; not used by any other protocol."
                isRequired
              />
            ) : (
              <div className="field">
                <span className="field-static-label">Protocol id</span>
                <span className="mono">{base.id}</span>
              </div>
            )}
            {input(field(FORM_KEYS.name), 'field-wide')}
          </div>
        </fieldset>

        {base.steps.map((step, i) => {
          const at = `protocol.steps.${i}`;
          const stepFields = fields.filter((f) => f.key.startsWith(`${at}.`));
          return (
            <fieldset key={i}>
              <legend>
                Step {i + 1} · {ROUTE_LABELS[step.route]}
              </legend>
              <div className="field-grid protocol-step-fields">
                {stepFields.map((f) => (
                  <Fragment key={f.key}>
                    {input(f, f.kind === 'long-text' || f.kind === 'text' ? 'field-full' : undefined)}
                  </Fragment>
                ))}
              </div>
            </fieldset>
          );
        })}

        <fieldset>
          <legend>Sessions and spacing</legend>
          <div className="field-grid">
            {input(field('protocol.sessions.count'))}
            {input(field('protocol.sessions.spacingDays'))}
            {input(field('protocol.sessions.text'))}
          </div>
        </fieldset>

        {base.limits.map((routeLimits, r) => (
          <fieldset key={routeLimits.route} className="limit-fieldset">
            <legend>Limits · {ROUTE_LABELS[routeLimits.route]}</legend>
            <p className="field-hint">
              Above the soft limit an order needs a physician’s recorded reason; above the hard limit it is
              refused. Empty = clinic must set.
            </p>
            <table className="data-table limit-edit-table">
              <thead>
                <tr>
                  <th scope="col">Quantity</th>
                  <th scope="col">Soft limit</th>
                  <th scope="col">Hard limit</th>
                </tr>
              </thead>
              <tbody>
                {MEASURES.map((m) => (
                  <tr key={m.key}>
                    <th scope="row">
                      {m.label} <span className="muted">({m.unit})</span>
                    </th>
                    {(['soft', 'hard'] as const).map((bound) => {
                      const key = limitKey(r, m.key, bound);
                      const f = field(key);
                      if (!f) return <td key={bound} />;
                      const original = routeLimits[m.key][bound];
                      const changed = isLimitChanged(base, f, texts[key] ?? '');
                      const noteKey = limitNoteKey(r, m.key, bound);
                      return (
                        <td key={bound}>
                          <LimitInput
                            field={f}
                            value={texts[key] ?? ''}
                            onChange={set(key)}
                            error={errors[key]}
                          />
                          {changed ? (
                            (texts[key] ?? '').trim() !== '' && (
                              <LimitNote
                                field={noteKey}
                                label={`${f.label}: source note`}
                                value={texts[noteKey] ?? ''}
                                onChange={set(noteKey)}
                                error={errors[noteKey]}
                              />
                            )
                          ) : original === null ? (
                            <span className="limit-unset small">not set: clinic must set</span>
                          ) : (
                            <span className="small">
                              Source: <SourceTag source={original.source} />
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
        ))}

        <fieldset>
          <legend>Why</legend>
          <FieldFrame
            field={FORM_KEYS.reason}
            label="Reason for this version"
            hint="Kept with the version and shown in its history (3–500 characters)."
            error={errors[FORM_KEYS.reason]}
            isRequired
          >
            {(control) => (
              <textarea
                {...control}
                name="reason"
                rows={3}
                value={texts[FORM_KEYS.reason] ?? ''}
                onChange={(e) => {
                  set(FORM_KEYS.reason)(e.target.value);
                }}
              />
            )}
          </FieldFrame>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={isSaving}>
            {isSaving
              ? 'Saving…'
              : mode === 'copy'
                ? 'Save clinic protocol'
                : `Save version ${base.version + 1}`}
          </button>
          <Link to={`/protocols/${base.id}`} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

/** "Step 1: rate, lowest" → "Rate, lowest": the fieldset already names the step. */
function shortLabel(label: string): string {
  const tail = label.replace(/^Step \d+: /, '');
  return tail.charAt(0).toUpperCase() + tail.slice(1);
}

function LimitInput({
  field: f,
  value,
  onChange,
  error,
}: {
  field: FormField;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const id = fieldId(f.key);
  return (
    <div className={`limit-input${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="visually-hidden">
        {f.label} ({f.unit})
      </label>
      <span className="input-with-suffix">
        <input
          id={id}
          name={f.key}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
        <span className="input-suffix">{f.unit}</span>
      </span>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

function LimitNote({
  field,
  label,
  value,
  onChange,
  error,
}: {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const id = fieldId(field);
  return (
    <div className="limit-note">
      <label htmlFor={id} className="small">
        Source: clinic — basis
        <span className="visually-hidden"> for {label}</span>
      </label>
      <input
        id={id}
        name={field}
        value={value}
        placeholder="e.g. REFERENCE §2.1 S7; else the reason below is used"
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}
