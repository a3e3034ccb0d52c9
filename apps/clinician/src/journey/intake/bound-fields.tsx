/**
 * Form controls bound to a draft by field path: each reads its value, writes changes and shows its own error
 * (labelled, announced, never by colour alone) through one Binder, so the intake form is a list of fields.
 */
import type { ReactNode } from 'react';
import { FieldFrame, fieldId } from '../../forms/field';
import type { DraftValue } from './intake-form-model';

export interface Binder {
  value(path: string): DraftValue;
  set(path: string, value: DraftValue): void;
  error(path: string): string | undefined;
  readOnly: boolean;
}

function text(b: Binder, path: string): string {
  const v = b.value(path);
  return typeof v === 'string' ? v : '';
}

interface TextProps {
  b: Binder;
  path: string;
  label: string;
  hint?: string;
  suffix?: string;
  type?: 'text' | 'date';
  inputMode?: 'decimal' | 'numeric' | 'text';
  list?: string;
  isRequired?: boolean;
  className?: string;
  placeholder?: string;
}

export function BText({
  b,
  path,
  label,
  hint,
  suffix,
  type = 'text',
  inputMode,
  list,
  isRequired,
  className,
  placeholder,
}: TextProps) {
  return (
    <FieldFrame
      field={path}
      label={label}
      hint={hint}
      error={b.error(path)}
      isRequired={isRequired}
      className={className}
    >
      {(control) => {
        const input = (
          <input
            {...control}
            name={path}
            type={type}
            value={text(b, path)}
            inputMode={inputMode}
            list={list}
            placeholder={placeholder}
            autoComplete="off"
            readOnly={b.readOnly}
            onChange={(e) => {
              b.set(path, e.target.value);
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

/** A number with its unit after the box; decimal keyboard on phones. */
export function BNumber(props: Omit<TextProps, 'type' | 'inputMode'> & { isWhole?: boolean }) {
  const { isWhole, ...rest } = props;
  return <BText {...rest} inputMode={isWhole ? 'numeric' : 'decimal'} />;
}

export function BSelect({
  b,
  path,
  label,
  options,
  placeholder,
  isRequired,
  className,
  hint,
}: {
  b: Binder;
  path: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  isRequired?: boolean;
  className?: string;
  hint?: string | undefined;
}) {
  return (
    <FieldFrame
      field={path}
      label={label}
      hint={hint}
      error={b.error(path)}
      isRequired={isRequired}
      className={className}
    >
      {(control) => (
        <select
          {...control}
          name={path}
          value={text(b, path)}
          disabled={b.readOnly}
          onChange={(e) => {
            b.set(path, e.target.value);
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

export function BCheck({ b, path, label, hint }: { b: Binder; path: string; label: string; hint?: string }) {
  const id = fieldId(path);
  const error = b.error(path);
  return (
    <div className={`field field-check${error ? ' field-invalid' : ''}`}>
      <label className="checkbox-label" htmlFor={id}>
        <input
          id={id}
          name={path}
          type="checkbox"
          checked={b.value(path) === true}
          disabled={b.readOnly}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          onChange={(e) => {
            b.set(path, e.target.checked);
          }}
        />
        {label}
      </label>
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

/** Several choices as a group of checkboxes (keyboard: Tab between them, Space to tick). */
export function BChecks({
  b,
  path,
  legend,
  options,
}: {
  b: Binder;
  path: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const raw = b.value(path);
  const chosen: readonly string[] = Array.isArray(raw) ? (raw as readonly string[]) : [];
  const error = b.error(path);
  const id = fieldId(path);
  return (
    <div
      className={`check-group${error ? ' field-invalid' : ''}`}
      role="group"
      aria-labelledby={`${id}-legend`}
      id={id}
    >
      <span className="field-static-label" id={`${id}-legend`}>
        {legend}
      </span>
      <div className="check-group-options">
        {options.map((o) => (
          <label key={o.value} className="checkbox-label">
            <input
              type="checkbox"
              name={`${path}.${o.value}`}
              checked={chosen.includes(o.value)}
              disabled={b.readOnly}
              onChange={(e) => {
                b.set(path, e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value));
              }}
            />
            {o.label}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

/** A titled group of fields with its own heading, for the sections of a long form. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <fieldset className="intake-section" id={`section-${id}`}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
