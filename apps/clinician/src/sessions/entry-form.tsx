/**
 * The small forms of the chart share one way of sending: a busy state, the server's field messages under
 * their controls, and one line saying what happened (saved, refused, not sent yet).
 */
import { useState, type ReactNode } from 'react';
import { FieldFrame } from '../forms/field';
import { FormFrame, focusFirstInvalid, type FormStatus } from '../forms/form';

export { errorFor, FormMessage } from '../forms/form';
import type { RecordOutcome } from './use-chart';

export interface EntryFormState {
  busy: boolean;
  errors: Record<string, string>;
  message: FormStatus | null;
  setErrors: (errors: Record<string, string>) => void;
  /** Runs a send; `onSaved` runs after a recorded entry (e.g. to clear the form). */
  run: (send: () => Promise<RecordOutcome> | null, onSaved?: () => void, savedText?: string) => Promise<void>;
}

export function useEntryForm(): EntryFormState {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<EntryFormState['message']>(null);

  async function run(send: () => Promise<RecordOutcome> | null, onSaved?: () => void, savedText = 'Saved.') {
    setMessage(null);
    const sending = send();
    if (sending === null) return;
    setBusy(true);
    try {
      const outcome = await sending;
      if (outcome.ok) {
        setErrors({});
        setMessage({ kind: 'ok', text: savedText });
        onSaved?.();
      } else {
        setErrors(outcome.fieldErrors);
        setMessage({ kind: 'error', text: outcome.message });
        focusFirstInvalid('entry-form');
      }
    } finally {
      setBusy(false);
    }
  }

  return { busy, errors, message, setErrors, run };
}

/** A form that sends with Enter from any field and never reloads the page. */
export function EntryFormFrame(props: {
  label: string;
  onSubmit: () => void;
  children: ReactNode;
  className?: string;
}) {
  return <FormFrame kind="entry-form" {...props} />;
}

/** A typed number, or undefined when blank; NaN when it is not a number. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return undefined;
  return /^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

/**
 * Reads required and optional numbers from a form; names a field that is not a number. The ranges are the
 * server's to check (its messages come back under the fields).
 */
export function readNumbers<K extends string>(
  values: Readonly<Record<K, string>>,
  required: readonly NoInfer<K>[],
): { numbers: Partial<Record<K, number>>; errors: Record<string, string> } {
  const numbers: Partial<Record<K, number>> = {};
  const errors: Record<string, string> = {};
  for (const key of Object.keys(values) as K[]) {
    const n = parseNumber(values[key]);
    if (n === undefined) {
      if (required.includes(key)) errors[key] = 'is required';
    } else if (Number.isNaN(n)) errors[key] = 'must be a number';
    else numbers[key] = n;
  }
  return { numbers, errors };
}

/** A local date and time (the browser's picker), as the value of a datetime-local input. */
export function DateTimeField({
  field,
  label,
  value,
  onChange,
  error,
  hint,
}: {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <FieldFrame field={field} label={label} error={error} hint={hint} className="field-datetime">
      {(control) => (
        <input
          {...control}
          name={field}
          type="datetime-local"
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      )}
    </FieldFrame>
  );
}
