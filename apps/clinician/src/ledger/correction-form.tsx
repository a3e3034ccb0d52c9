/**
 * Correcting one ledger entry (those who manage the ledger: physician, admin). Entries are never changed: a
 * correction is a new entry naming the one it corrects, with what was wrong (the field, what was recorded,
 * what it should be), the reason, and, only when the entry's quantity was wrong, the stock change in mg.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { parseThousandths, type LedgerEntryView, type LedgerWriteResult } from '@ketapath/api-client';
import { fieldId, TextField } from '../forms/field';
import { ledgerApi } from './ledger-api';
import { errorFor, FormMessage, LedgerFormFrame, useLedgerForm } from './ledger-form';
import { KIND_LABELS } from './ledger-labels';

/** The form's fields, named as the server names them, in the order they are shown. */
const FIELDS = ['field', 'from', 'to', 'deltaUg', 'reason'] as const;
type Field = (typeof FIELDS)[number];

/** The control of a field (one correction form is open at a time). */
const controlOf = (field: Field): string => `correction.${field}`;

/** "Receipt, KX-5001": the entry as its row in the entries table names it. */
function describeEntry(entry: Pick<LedgerEntryView, 'kind' | 'lot'>): string {
  return entry.lot ? `${KIND_LABELS[entry.kind]}, ${entry.lot}` : KIND_LABELS[entry.kind];
}

/** Typed mg as whole µg, exactly; a typographic minus is read as a minus. Null: not a plain decimal. */
function stockChangeUg(text: string): number | null {
  return parseThousandths(text.replace('\u2212', '-'));
}

export function CorrectionForm({
  entry,
  locationId,
  onDone,
  onCancel,
}: {
  entry: LedgerEntryView;
  locationId: string;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const form = useLedgerForm();
  const [values, setValues] = useState<Record<Field, string>>({
    field: '',
    from: '',
    to: '',
    deltaUg: '',
    reason: '',
  });
  // A stock change moves a container; an entry without one (a receipt of several, a note) has none to move.
  const hasContainer = entry.containerId !== null;
  const e = form.errors;
  const what = `Correct entry #${entry.seq}`;
  const recorded = (r: LedgerWriteResult) =>
    `Correction of entry #${entry.seq} recorded as entry #${r.entry.seq}.`;

  useEffect(() => {
    document.getElementById(fieldId(controlOf('field')))?.focus();
  }, []);

  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (field in e) {
      const { [field]: _gone, ...rest } = e;
      form.setErrors(rest);
    }
  };

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  async function submit() {
    const field = values.field.trim();
    const from = values.from.trim();
    const to = values.to.trim();
    const reason = values.reason.trim();
    const deltaText = hasContainer ? values.deltaUg.trim() : '';
    const deltaUg = deltaText ? stockChangeUg(deltaText) : null;
    const errors: Record<string, string> = {};
    if (!field) errors.field = 'is required';
    if (deltaText && deltaUg === null) errors.deltaUg = 'enter mg with at most 3 decimals, e.g. -2.5';
    if (from === to && !deltaUg && !errors.deltaUg) {
      errors.to = to
        ? 'is the same as recorded'
        : hasContainer
          ? 'say what it should be, or give the stock change'
          : 'say what it should be';
    }
    if (!reason) errors.reason = 'is required';
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      const first = FIELDS.find((f) => f in errors);
      if (first) document.getElementById(fieldId(controlOf(first)))?.focus();
      return;
    }
    await form.run(
      (clientEntryId) =>
        ledgerApi.correct({
          locationId,
          clientEntryId,
          correctsSeq: entry.seq,
          reason,
          field,
          from: from || null,
          to: to || null,
          ...(deltaUg ? { deltaUg } : {}),
        }),
      {
        saved: recorded,
        onSaved: (r) => {
          onDone(recorded(r));
        },
      },
    );
  }

  return (
    <div className="correction-form" onKeyDown={onKeyDown}>
      <LedgerFormFrame label={what} onSubmit={() => void submit()}>
        <h3>
          Correct entry #{entry.seq} — {describeEntry(entry)}
        </h3>
        <p className="small muted">
          Entries are never changed: the correction is a new entry naming #{entry.seq}, with your reason; the
          reports show it with the entry. Escape closes the form without saving.
        </p>
        <div className="field-grid">
          <TextField
            field={controlOf('field')}
            label="What was wrong"
            value={values.field}
            onChange={set('field')}
            error={errorFor(e, 'field')}
            hint="The detail of the entry, e.g. invoice reference"
            isRequired
          />
          <TextField
            field={controlOf('from')}
            label="Recorded as"
            value={values.from}
            onChange={set('from')}
            error={errorFor(e, 'from')}
          />
          <TextField
            field={controlOf('to')}
            label="Should be"
            value={values.to}
            onChange={set('to')}
            error={errorFor(e, 'to')}
          />
          {hasContainer && (
            <TextField
              field={controlOf('deltaUg')}
              label="Stock change (optional)"
              value={values.deltaUg}
              onChange={set('deltaUg')}
              error={errorFor(e, 'deltaUg')}
              inputMode="decimal"
              suffix="mg"
              className="field-wide"
              hint="Only for a quantity this entry got wrong: a negative number takes stock away from the container, a positive one adds to it (at most 3 decimals)."
            />
          )}
          <TextField
            field={controlOf('reason')}
            label="Reason"
            value={values.reason}
            onChange={set('reason')}
            error={errorFor(e, 'reason')}
            isRequired
            className="field-wide"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? 'Recording…' : 'Record the correction'}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        <FormMessage state={form} />
      </LedgerFormFrame>
    </div>
  );
}
