/**
 * One clinical setting: the value in force with its unit and origin, the default and its evidence, the
 * citations and the rules that read it; a change form (with a required reason) for those allowed to change
 * it, and the parameter's change history.
 */
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { isApiError, type ClinicalSetting, type SettingValue } from '@ketapath/api-client';
import { api } from '../data/api';
import { formatDateTimeShort } from '../data/dates';
import { useResource } from '../data/use-resource';
import { FieldFrame, fieldId, SelectField, TextField } from '../forms/field';
import { roleLabel } from './staff-labels';
import { CitationList, formatNumber, formatSettingValue } from './rule-labels';

export const REASON_MIN_CHARS = 3;
export const REASON_MAX_CHARS = 500;

export function reasonProblem(reason: string): string | null {
  const t = reason.trim();
  if (t.length < REASON_MIN_CHARS) return `is required: say why (at least ${REASON_MIN_CHARS} characters)`;
  if (t.length > REASON_MAX_CHARS) return `must be at most ${REASON_MAX_CHARS} characters`;
  return null;
}

/** "0.35 mg/kg/h", or "default" for a change back to the default. */
function changeValue(value: SettingValue | null, unit: string | undefined): string {
  return value === null ? 'default' : formatSettingValue(value, unit);
}

export function SettingCard({
  setting: s,
  canManage,
  onSaved,
  onConflict,
}: {
  setting: ClinicalSetting;
  canManage: boolean;
  onSaved: (next: ClinicalSetting) => void;
  onConflict: () => void;
}) {
  const [isEditing, setIsEditing] = useState(false);
  const [isHistoryOpen, setIsHistoryOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const needsValue = s.value === null;

  return (
    <article
      className={`setting-card${needsValue ? ' setting-needs-value' : ''}${s.origin === 'clinic' ? ' setting-clinic' : ''}`}
      id={`setting-${s.id}`}
      aria-labelledby={titleId}
    >
      <div className="setting-head">
        <div>
          <h3 id={titleId}>{s.label}</h3>
          <p className="mono small muted setting-id">{s.id}</p>
        </div>
        <div className="setting-value">
          <span className="setting-current" data-testid="setting-value">
            {needsValue ? 'Not set' : formatSettingValue(s.value, s.unit)}
          </span>
          <span className={`chip chip-origin chip-origin-${needsValue ? 'missing' : s.origin}`}>
            {needsValue ? 'clinic must set' : s.origin === 'clinic' ? 'clinic setting' : s.defaultBasis}
          </span>
        </div>
      </div>
      {needsValue && (
        <p className="needs-action">
          <span aria-hidden="true">⚠ </span>
          <strong>No default: clinic must set.</strong> Until a value is saved, the rules using it ask for an
          acknowledgement instead of running.
        </p>
      )}
      <p className="setting-description">{s.description}</p>
      <dl className="detail-list compact setting-facts">
        <dt>Default</dt>
        <dd>
          {s.default === null ? (
            <strong>none</strong>
          ) : (
            <strong>{formatSettingValue(s.default, s.unit)}</strong>
          )}{' '}
          · {s.defaultBasis}
        </dd>
        {s.kind === 'number' && s.min !== undefined && s.max !== undefined && (
          <>
            <dt>Accepted</dt>
            <dd>
              {formatNumber(s.min)}–{formatNumber(s.max)} {s.unit}
              {s.integer === true ? ', whole numbers' : ''}{' '}
              <span className="muted">(data-entry range, not a clinical limit)</span>
            </dd>
          </>
        )}
        {s.kind === 'choice' && s.choices && (
          <>
            <dt>Choices</dt>
            <dd>{s.choices.join(', ')}</dd>
          </>
        )}
        <dt>Sources</dt>
        <dd>
          <CitationList citations={s.citations} />
        </dd>
        <dt>Used by</dt>
        <dd>
          {s.usedBy.length === 0 ? (
            <span className="muted">no rule</span>
          ) : (
            <ul className="inline-list">
              {s.usedBy.map((ruleId) => (
                <li key={ruleId}>
                  <Link to={`/rules?q=${encodeURIComponent(ruleId)}`} className="mono">
                    {ruleId}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Last change</dt>
        <dd>
          {s.changedAt === null ? (
            <span className="muted">never changed by the clinic</span>
          ) : (
            <>
              {formatDateTimeShort(s.changedAt)}
              {s.changedBy && (
                <>
                  {' '}
                  by {s.changedBy.email} ({roleLabel(s.changedBy.role)})
                </>
              )}
            </>
          )}
        </dd>
      </dl>
      <p className="form-status" role="status">
        {notice}
      </p>
      <div className="button-row">
        {canManage && !isEditing && (
          <button
            ref={changeButton}
            type="button"
            className={`button${needsValue ? ' button-primary' : ''}`}
            onClick={() => {
              setIsEditing(true);
              setNotice(null);
            }}
          >
            {needsValue ? 'Set a value' : 'Change'}
            <span className="visually-hidden"> {s.label}</span>
          </button>
        )}
        <button
          type="button"
          className="button button-quiet"
          aria-expanded={isHistoryOpen}
          onClick={() => {
            setIsHistoryOpen((open) => !open);
          }}
        >
          {isHistoryOpen ? 'Hide history' : 'History'}
          <span className="visually-hidden"> of {s.label}</span>
        </button>
      </div>
      {isEditing && (
        <SettingEditForm
          setting={s}
          onCancel={() => {
            setIsEditing(false);
            requestAnimationFrame(() => changeButton.current?.focus());
          }}
          onSaved={(next) => {
            setIsEditing(false);
            setNotice(
              next.origin === 'clinic'
                ? `Saved: ${next.label} is now ${formatSettingValue(next.value, next.unit)} for this clinic.`
                : `Saved: ${next.label} is back to its default (${formatSettingValue(next.value, next.unit)}).`,
            );
            onSaved(next);
            requestAnimationFrame(() => changeButton.current?.focus());
          }}
          onConflict={onConflict}
        />
      )}
      {isHistoryOpen && <SettingHistory setting={s} />}
    </article>
  );
}

function initialText(s: ClinicalSetting): string {
  if (s.value === null) return '';
  if (typeof s.value === 'number') return formatNumber(s.value);
  return String(s.value);
}

/** The value typed, or why it is not acceptable (mirrors the server's check; the server decides). */
function parseValue(s: ClinicalSetting, text: string): { value: SettingValue } | { problem: string } {
  const t = text.trim();
  switch (s.kind) {
    case 'number': {
      if (t === '') return { problem: `is required: enter a number in ${s.unit ?? 'the unit shown'}` };
      const n = Number(t.replace(',', '.'));
      if (!Number.isFinite(n)) return { problem: `must be a number in ${s.unit ?? 'the unit shown'}` };
      if (s.integer === true && !Number.isInteger(n)) return { problem: 'must be a whole number' };
      if (s.min !== undefined && s.max !== undefined && (n < s.min || n > s.max)) {
        return {
          problem: `must be between ${formatNumber(s.min)} and ${formatNumber(s.max)} ${s.unit ?? ''}`.trim(),
        };
      }
      return { value: n };
    }
    case 'boolean':
      return t === 'true' || t === 'false' ? { value: t === 'true' } : { problem: 'choose Yes or No' };
    case 'choice':
      return t !== '' && (s.choices ?? []).includes(t)
        ? { value: t }
        : { problem: 'choose one of the options' };
  }
}

function SettingEditForm({
  setting: s,
  onCancel,
  onSaved,
  onConflict,
}: {
  setting: ClinicalSetting;
  onCancel: () => void;
  onSaved: (next: ClinicalSetting) => void;
  onConflict: () => void;
}) {
  const [text, setText] = useState(() => initialText(s));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ value?: string; reason?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const valueField = `${s.id}.value`;
  const reasonField = `${s.id}.reason`;

  function focus(field: string) {
    requestAnimationFrame(() => document.getElementById(fieldId(field))?.focus());
  }

  async function save(value: SettingValue | null) {
    setFormError(null);
    const reasonError = reasonProblem(reason);
    if (reasonError) {
      setErrors({ reason: reasonError });
      focus(reasonField);
      return;
    }
    setErrors({});
    setIsSaving(true);
    try {
      const next = await api.updateClinicalSetting(s.id, {
        value,
        reason: reason.trim(),
        expectedVersion: s.version,
      });
      onSaved(next);
    } catch (e) {
      if (!isApiError(e)) {
        setFormError('Saving failed. Try again.');
      } else if (e.status === 409) {
        setFormError(
          `${e.detail} The page now shows the current value; check it and save again if your change still applies.`,
        );
        onConflict();
      } else if (e.field === 'value' || e.field === 'reason') {
        const fieldErrors = e.fieldErrors();
        const found = {
          ...(fieldErrors.value ? { value: fieldErrors.value } : {}),
          ...(fieldErrors.reason ? { reason: fieldErrors.reason } : {}),
        };
        setErrors(found);
        focus(found.value ? valueField : reasonField);
      } else {
        setFormError(e.detail);
      }
    } finally {
      setIsSaving(false);
    }
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseValue(s, text);
    const reasonError = reasonProblem(reason);
    if ('problem' in parsed || reasonError) {
      setErrors({
        ...('problem' in parsed ? { value: parsed.problem } : {}),
        ...(reasonError ? { reason: reasonError } : {}),
      });
      focus('problem' in parsed ? valueField : reasonField);
      return;
    }
    void save(parsed.value);
  }

  const range =
    s.kind === 'number' && s.min !== undefined && s.max !== undefined
      ? `Accepted: ${formatNumber(s.min)}–${formatNumber(s.max)} ${s.unit ?? ''}`.trim()
      : undefined;
  return (
    <form className="setting-form" onSubmit={submit} noValidate aria-label={`Change ${s.label}`}>
      {formError && (
        <p className="banner banner-error" role="alert">
          {formError}
        </p>
      )}
      <div className="inline-fields">
        {s.kind === 'number' ? (
          <TextField
            field={valueField}
            label={`New value${s.unit ? ` (${s.unit})` : ''}`}
            value={text}
            onChange={setText}
            inputMode="decimal"
            {...(s.unit ? { suffix: s.unit } : {})}
            hint={range}
            error={errors.value}
            isRequired
          />
        ) : (
          <SelectField
            field={valueField}
            label="New value"
            value={text}
            onChange={setText}
            options={
              s.kind === 'boolean'
                ? [
                    { value: 'true', label: 'Yes' },
                    { value: 'false', label: 'No' },
                  ]
                : (s.choices ?? []).map((c) => ({ value: c, label: c }))
            }
            placeholder="Choose…"
            error={errors.value}
            isRequired
          />
        )}
        <FieldFrame
          field={reasonField}
          label="Reason for the change"
          hint="Kept in the history with your name, e.g. “Medical director’s protocol of 2026-03”."
          error={errors.reason}
          isRequired
          className="field-reason"
        >
          {(control) => (
            <textarea
              {...control}
              name="reason"
              rows={2}
              maxLength={REASON_MAX_CHARS + 50}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
              }}
            />
          )}
        </FieldFrame>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {isSaving ? 'Saving…' : 'Save change'}
        </button>
        {s.origin === 'clinic' && (
          <button type="button" className="button" disabled={isSaving} onClick={() => void save(null)}>
            Return to default{s.default === null ? '' : ` (${formatSettingValue(s.default, s.unit)})`}
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={isSaving}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function SettingHistory({ setting: s }: { setting: ClinicalSetting }) {
  const history = useResource(`${s.id}#${s.version}`, (signal) =>
    api.getClinicalSettingHistory(s.id, { signal }),
  );
  const changes = history.data ?? [];
  return (
    <div className="setting-history">
      <h4>Change history</h4>
      {history.error && (
        <p className="banner banner-error" role="alert">
          {history.error.detail}
        </p>
      )}
      {history.isLoading && !history.data ? (
        <p role="status">Loading the history…</p>
      ) : changes.length === 0 ? (
        <p className="empty-state">
          Never changed: the default from the clinical reference has always applied.
        </p>
      ) : (
        <ol className="history-list">
          {changes.map((c) => (
            <li key={c.version}>
              <p className="history-change">
                {changeValue(c.previousValue, s.unit)} <span aria-hidden="true">→</span>
                <span className="visually-hidden"> to </span> <strong>{changeValue(c.value, s.unit)}</strong>
              </p>
              <p className="history-reason">“{c.reason}”</p>
              <p className="small muted">
                {formatDateTimeShort(c.changedAt)} · {c.changedBy.email} ({roleLabel(c.changedBy.role)}) ·
                change {c.version}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
