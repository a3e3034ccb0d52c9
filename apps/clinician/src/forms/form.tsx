/**
 * What every small form of the app shares, whatever it sends (a chart entry, a ledger entry): the form
 * element that sends with Enter and never reloads the page, the one line saying what happened, looking a
 * field's message up by its path, and moving to the first control a refusal marked.
 */
import type { ReactNode } from 'react';

export interface FormStatus {
  kind: 'ok' | 'error';
  text: string;
}

/** A field's message by its path, its last part, or any path ending in it. */
export function errorFor(errors: Readonly<Record<string, string>>, ...names: string[]): string | undefined {
  for (const name of names) {
    const direct = errors[name];
    if (direct !== undefined) return direct;
    const found = Object.entries(errors).find(([k]) => k.endsWith(`.${name}`));
    if (found) return found[1];
  }
  return undefined;
}

export function FormMessage({ state }: { state: { message: FormStatus | null } }) {
  return (
    <p className="form-status" role="status" aria-live="polite">
      {state.message && (
        <span className={state.message.kind === 'ok' ? 'text-ok' : 'text-danger'}>
          <span aria-hidden="true">{state.message.kind === 'ok' ? '✓ ' : '⚠ '}</span>
          {state.message.text}
        </span>
      )}
    </p>
  );
}

/** A form (of class `kind`, plus `className`) that sends with Enter from any field and never reloads the page. */
export function FormFrame({
  kind,
  label,
  onSubmit,
  children,
  className,
}: {
  kind: string;
  label: string;
  onSubmit: () => void;
  children: ReactNode;
  className?: string | undefined;
}) {
  return (
    <form
      aria-label={label}
      className={`${kind}${className ? ` ${className}` : ''}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** After the messages render, moves to the first control marked invalid in a form of class `kind`. */
export function focusFirstInvalid(kind: string): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`.${kind} [aria-invalid="true"]`)?.focus();
  });
}
