/**
 * Labelled form controls with their hint and error wired for assistive technology: the error sits right
 * under the control, is announced, and is marked with a symbol and text, never by colour alone.
 */
import type { ReactNode } from 'react';

/** The DOM id of the control for a field path such as `address.line1`. */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

interface FieldFrameProps {
  field: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  isRequired?: boolean | undefined;
  className?: string | undefined;
  children: (control: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
    required: boolean;
  }) => ReactNode;
}

export function FieldFrame({
  field,
  label,
  error,
  hint,
  isRequired = false,
  className,
  children,
}: FieldFrameProps) {
  const id = fieldId(field);
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((x) => x !== null).join(' ') ||
    undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {isRequired && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': describedBy,
        required: isRequired,
      })}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  isRequired?: boolean;
  type?: 'text' | 'email' | 'tel' | 'date';
  inputMode?: 'text' | 'decimal' | 'numeric' | 'tel' | 'email';
  autoComplete?: string;
  max?: string;
  suffix?: string;
  className?: string;
}

export function TextField({
  field,
  label,
  value,
  onChange,
  error,
  hint,
  isRequired,
  type = 'text',
  inputMode,
  autoComplete,
  max,
  suffix,
  className,
}: TextFieldProps) {
  return (
    <FieldFrame
      field={field}
      label={label}
      error={error}
      hint={hint}
      isRequired={isRequired}
      className={className}
    >
      {(control) => {
        const input = (
          <input
            {...control}
            name={field}
            type={type}
            value={value}
            inputMode={inputMode}
            autoComplete={autoComplete ?? 'off'}
            max={max}
            onChange={(e) => {
              onChange(e.target.value);
            }}
          />
        );
        return suffix ? (
          <span className="input-with-suffix">
            {input}
            <span className="input-suffix">{suffix}</span>
          </span>
        ) : (
          input
        );
      }}
    </FieldFrame>
  );
}

interface SelectFieldProps {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  error?: string | undefined;
  isRequired?: boolean;
  placeholder?: string;
  className?: string;
}

export function SelectField({
  field,
  label,
  value,
  onChange,
  options,
  error,
  isRequired,
  placeholder,
  className,
}: SelectFieldProps) {
  return (
    <FieldFrame field={field} label={label} error={error} isRequired={isRequired} className={className}>
      {(control) => (
        <select
          {...control}
          name={field}
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** The list of problems above a form; each links to its field. Announced when it appears. */
export function ErrorSummary({
  title,
  errors,
  labels,
}: {
  title: string;
  errors: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
}) {
  const entries = Object.entries(errors);
  return (
    <div role="alert" aria-live="assertive">
      {entries.length > 0 && (
        <div className="banner banner-error error-summary">
          <p className="banner-title">{title}</p>
          <ul>
            {entries.map(([field, message]) => (
              <li key={field}>
                <a
                  href={`#${fieldId(field)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(fieldId(field))?.focus();
                  }}
                >
                  {labels[field] ?? field}: {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Field path → first message, from zod issues (`['address','line1']` → `address.line1`). */
export function fieldErrorsFromIssues(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'form';
    out[field] ??= issue.message;
  }
  return out;
}

/** Moves focus to the control of the first field with an error, if it is on the page. */
export function focusFirstError(errors: Readonly<Record<string, string>>, order: readonly string[]): void {
  const first = order.find((f) => f in errors) ?? Object.keys(errors)[0];
  if (first) document.getElementById(fieldId(first))?.focus();
}
