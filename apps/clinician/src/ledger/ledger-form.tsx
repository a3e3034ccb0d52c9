/**
 * The ledger's forms share one way of sending: a busy state, the server's field messages under their
 * controls (problem+json `errors`), and one line saying what happened. Each write carries a `clientEntryId`
 * kept until the server answers, so pressing Send again after a lost answer cannot record the event twice.
 */
import { useRef, useState, type ReactNode } from 'react';
import { isApiError, isRetryable, type ApiError } from '@ketapath/api-client';
import { FieldFrame } from '../forms/field';
import { FormFrame, focusFirstInvalid, type FormStatus } from '../forms/form';

export { errorFor, FormMessage } from '../forms/form';

export interface LedgerFormState {
  busy: boolean;
  errors: Record<string, string>;
  message: FormStatus | null;
  setErrors: (errors: Record<string, string>) => void;
  clearMessage: () => void;
  /**
   * Sends once: `send` gets the clientEntryId of this attempt. Returns the answer, or null when refused (the
   * messages are set) or when `send` is null (the form found its own errors).
   */
  run: <T>(
    send: ((clientEntryId: string) => Promise<T>) | null,
    options?: { saved?: string | ((result: T) => string); onSaved?: (result: T) => void },
  ) => Promise<T | null>;
}

/** Field messages keyed by the full path and by its last part (`supplier.deaNumber` → `deaNumber`). */
export function fieldMessages(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    const path = field.replace(/^body\./, '');
    out[path] ??= message;
    const last = path.split('.').pop();
    if (last !== undefined) out[last] ??= message;
  }
  return out;
}

export function useLedgerForm(): LedgerFormState {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<LedgerFormState['message']>(null);
  const attemptId = useRef<string | null>(null);

  async function run<T>(
    send: ((clientEntryId: string) => Promise<T>) | null,
    options: { saved?: string | ((result: T) => string); onSaved?: (result: T) => void } = {},
  ): Promise<T | null> {
    setMessage(null);
    if (send === null) return null;
    attemptId.current ??= crypto.randomUUID();
    setBusy(true);
    try {
      const result = await send(attemptId.current);
      attemptId.current = null;
      setErrors({});
      const saved = options.saved ?? 'Saved.';
      setMessage({ kind: 'ok', text: typeof saved === 'string' ? saved : saved(result) });
      options.onSaved?.(result);
      return result;
    } catch (error) {
      if (!isApiError(error)) throw error;
      // No answer: keep the id, so sending again records the event once. An answer: a new attempt next time.
      if (!isRetryable(error)) attemptId.current = null;
      const fields = error.status === 400 || error.status === 422 ? fieldMessages(error) : {};
      setErrors(fields);
      setMessage({
        kind: 'error',
        text: isRetryable(error)
          ? `Not saved: ${error.detail} Send again when the connection is back; it will be recorded once.`
          : // Only a refusal that marked fields points at them; a ledger refusal's detail names each finding.
            Object.keys(fields).length > 0 &&
              (error.errors.length > 1 || (error.errors.length === 1 && error.code === 'VALIDATION_FAILED'))
            ? 'Not saved: check the fields marked.'
            : error.detail,
      });
      focusFirstInvalid('ledger-form');
      return null;
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    errors,
    message,
    setErrors,
    clearMessage: () => {
      setMessage(null);
    },
    run,
  };
}

/** A form that sends with Enter from any field and never reloads the page. */
export function LedgerFormFrame(props: {
  label: string;
  onSubmit: () => void;
  children: ReactNode;
  className?: string;
}) {
  return <FormFrame kind="ledger-form" {...props} />;
}

/** Email and password of a second staff member signing on this screen (not a checkbox: a real sign-in). */
export function WitnessFields({
  prefix,
  title,
  value,
  onChange,
  errors,
  hint,
}: {
  prefix: string;
  title: string;
  value: { email: string; password: string };
  onChange: (value: { email: string; password: string }) => void;
  errors?: { email?: string | undefined; password?: string | undefined };
  hint?: string;
}) {
  return (
    <fieldset className="form-group witness-fields">
      <legend>{title}</legend>
      {hint && <p className="small muted">{hint}</p>}
      <div className="inline-fields">
        <FieldFrame field={`${prefix}.email`} label={`${title}: email`} error={errors?.email}>
          {(control) => (
            <input
              {...control}
              name={`${prefix}.email`}
              type="email"
              autoComplete="off"
              value={value.email}
              onChange={(e) => {
                onChange({ ...value, email: e.target.value });
              }}
            />
          )}
        </FieldFrame>
        <FieldFrame field={`${prefix}.password`} label={`${title}: password`} error={errors?.password}>
          {(control) => (
            <input
              {...control}
              name={`${prefix}.password`}
              type="password"
              autoComplete="new-password"
              value={value.password}
              onChange={(e) => {
                onChange({ ...value, password: e.target.value });
              }}
            />
          )}
        </FieldFrame>
      </div>
    </fieldset>
  );
}

/** The required fields of a witness, named as the server names them. */
export function witnessErrors(w: { email: string; password: string }, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!w.email.trim()) out[`${path}.email`] = 'is required';
  if (!w.password) out[`${path}.password`] = 'is required';
  return out;
}
