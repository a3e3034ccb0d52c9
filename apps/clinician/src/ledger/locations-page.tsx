/**
 * The clinic's registered locations (21 CFR 1304.21(b)–(c): records are kept per registered location and
 * activity): name, DEA registration, address and activity of each. Those who manage the ledger (physician,
 * admin) change a location with the reason for the change (the audit keeps the old and new values) and
 * register a new one; others read the list. Entries already recorded are not changed: the reports print the
 * location's registration as it now stands.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { isApiError, type LedgerLocation } from '@ketapath/api-client';
import { ErrorSummary, fieldId, focusFirstError, TextField } from '../forms/field';
import { useCan } from '../session/session-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { ledgerApi } from './ledger-api';
import { errorFor, FormMessage, LedgerFormFrame, useLedgerForm } from './ledger-form';
import { useLedgerOutlet } from './ledger-layout';

const LOCATION_FIELDS = ['name', 'deaRegistration', 'address', 'activity'] as const;
type LocationField = (typeof LOCATION_FIELDS)[number];
type Values = Record<LocationField, string>;

const LABELS: Readonly<Record<LocationField | 'reason' | 'expectedVersion', string>> = {
  name: 'Name',
  deaRegistration: 'DEA registration',
  address: 'Address',
  activity: 'Registered activity',
  reason: 'Reason for the change',
  expectedVersion: 'Version',
};

const DEA_HINT = 'Two capital letters and 7 digits, as on the certificate; leave empty if not recorded yet';

function valuesOf(location: LedgerLocation | null): Values {
  return {
    name: location?.name ?? '',
    deaRegistration: location?.deaRegistration ?? '',
    address: location?.address ?? '',
    activity: location?.activity ?? '',
  };
}

/** A DEA number as the server takes it: trimmed, capitals; empty means not recorded (null). */
function deaOf(value: string): string | null {
  const dea = value.trim().toUpperCase();
  return dea === '' ? null : dea;
}

/** What an edit changes: only the fields given (a DEA number may be cleared: null). */
export interface LocationChanges {
  name?: string;
  deaRegistration?: string | null;
  address?: string;
  activity?: string;
}

/** The fields that differ from the location as read (text trimmed; a DEA number in capitals or null). */
export function locationChanges(location: LedgerLocation, values: Values): LocationChanges {
  const out: LocationChanges = {};
  const dea = deaOf(values.deaRegistration);
  if (dea !== location.deaRegistration) out.deaRegistration = dea;
  for (const field of ['name', 'address', 'activity'] as const) {
    const value = values[field].trim();
    if (value !== (location[field] ?? '')) out[field] = value;
  }
  return out;
}

export function LocationsPage() {
  useDocumentTitle('Registered locations');
  const { locations, reloadLocations } = useLedgerOutlet();
  const canManage = useCan('ledger:manage');
  const [open, setOpen] = useState<{ kind: 'edit'; id: string } | { kind: 'new' } | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const editing = open?.kind === 'edit' ? locations.find((l) => l.id === open.id) : undefined;

  /** Closes the form and gives the keyboard back to the button that opened it. */
  function close(returnTo: string) {
    setOpen(null);
    requestAnimationFrame(() => {
      document.getElementById(returnTo)?.focus();
    });
  }

  return (
    <div className="tab-panel locations-page">
      <section className="card" aria-labelledby="locations-heading">
        <div className="card-head">
          <h2 id="locations-heading">Registered locations</h2>
          {canManage && (
            <button
              type="button"
              id="location-new-button"
              className="button"
              aria-expanded={open?.kind === 'new'}
              onClick={() => {
                setNotice(null);
                setOpen({ kind: 'new' });
              }}
            >
              New location
            </button>
          )}
        </div>
        <p className="small muted">
          Records are kept per registered location and activity (REFERENCE §9, 21 CFR 1304.21(b)–(c)). The
          reports print each location’s registration as it stands now; entries already recorded are not
          changed.
          {!canManage && ' A physician or an administrator can change these.'}
        </p>
        <p className="form-status" role="status" aria-live="polite">
          {notice && (
            <span className={notice.kind === 'ok' ? 'text-ok' : 'text-danger'}>
              <span aria-hidden="true">{notice.kind === 'ok' ? '✓ ' : '⚠ '}</span>
              {notice.text}
            </span>
          )}
        </p>
        <table className="data-table locations-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">DEA registration</th>
              <th scope="col">Address</th>
              <th scope="col">Activity</th>
              {canManage && (
                <th scope="col">
                  <span className="visually-hidden">Change</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {locations.map((l) => (
              <tr key={l.id} data-location={l.id} aria-current={editing?.id === l.id ? 'true' : undefined}>
                <th scope="row">{l.name}</th>
                <td>
                  {l.deaRegistration ? (
                    <span className="mono">{l.deaRegistration}</span>
                  ) : (
                    <span className="text-danger">not recorded</span>
                  )}
                </td>
                <td>{l.address ?? <span className="muted">—</span>}</td>
                <td>{l.activity ?? <span className="muted">—</span>}</td>
                {canManage && (
                  <td className="nowrap">
                    <button
                      type="button"
                      id={`location-edit-${l.id}`}
                      className="button button-small"
                      aria-label={`Edit ${l.name}`}
                      aria-expanded={editing?.id === l.id}
                      onClick={() => {
                        setNotice(null);
                        setOpen({ kind: 'edit', id: l.id });
                      }}
                    >
                      Edit
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {canManage && editing && (
        <EditLocationForm
          // A new version (saved here or by someone else) starts the form afresh from it.
          key={`${editing.id}:${editing.version}`}
          location={editing}
          onSaved={(saved) => {
            setNotice({ kind: 'ok', text: `Saved: ${saved.name} (version ${saved.version}).` });
            reloadLocations();
            close(`location-edit-${saved.id}`);
          }}
          onStale={(detail) => {
            setNotice({
              kind: 'error',
              text: `Not saved: ${detail} The form now shows the location as saved.`,
            });
            reloadLocations();
          }}
          onCancel={() => {
            close(`location-edit-${editing.id}`);
          }}
        />
      )}
      {canManage && open?.kind === 'new' && (
        <NewLocationForm
          onSaved={(saved) => {
            setNotice({ kind: 'ok', text: `Registered ${saved.name}.` });
            reloadLocations();
            close('location-new-button');
          }}
          onCancel={() => {
            close('location-new-button');
          }}
        />
      )}
    </div>
  );
}

/** The four fields of a location, named as the server names them (one form is open at a time). */
function LocationFields({
  values,
  set,
  errors,
}: {
  values: Values;
  set: (field: LocationField) => (value: string) => void;
  errors: Readonly<Record<string, string>>;
}) {
  return (
    <div className="field-grid">
      <TextField
        field="name"
        label={LABELS.name}
        value={values.name}
        onChange={set('name')}
        error={errorFor(errors, 'name')}
        isRequired
      />
      <TextField
        field="deaRegistration"
        label={LABELS.deaRegistration}
        value={values.deaRegistration}
        onChange={set('deaRegistration')}
        error={errorFor(errors, 'deaRegistration')}
        hint={DEA_HINT}
      />
      <TextField
        field="address"
        label={LABELS.address}
        value={values.address}
        onChange={set('address')}
        error={errorFor(errors, 'address')}
        isRequired
        className="field-wide"
      />
      <TextField
        field="activity"
        label={LABELS.activity}
        value={values.activity}
        onChange={set('activity')}
        error={errorFor(errors, 'activity')}
        hint="e.g. Practitioner (Schedule III)"
        isRequired
      />
    </div>
  );
}

/** Focuses the form's first field as it opens; Escape anywhere in it cancels. */
function useFormKeyboard(firstField: string, onCancel: () => void) {
  useEffect(() => {
    document.getElementById(fieldId(firstField))?.focus();
  }, [firstField]);
  return (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };
}

function EditLocationForm({
  location,
  onSaved,
  onStale,
  onCancel,
}: {
  location: LedgerLocation;
  onSaved: (saved: LedgerLocation) => void;
  onStale: (detail: string) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(location));
  const [reason, setReason] = useState('');
  const form = useLedgerForm();
  const refusal = useRef<unknown>(null);
  const onKeyDown = useFormKeyboard('name', onCancel);
  const e = form.errors;

  const set = (field: LocationField | 'reason') => (value: string) => {
    if (field === 'reason') setReason(value);
    else setValues((v) => ({ ...v, [field]: value }));
    if (field in e) {
      const { [field]: _gone, ...rest } = e;
      form.setErrors(rest);
    }
  };

  async function submit() {
    const changes = locationChanges(location, values);
    const errors: Record<string, string> = {};
    if (Object.keys(changes).length === 0) errors.name = 'change at least one of these fields';
    if (!reason.trim()) errors.reason = 'is required';
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      focusFirstError(errors, [...LOCATION_FIELDS, 'reason']);
      return;
    }
    refusal.current = null;
    const saved = await form.run(
      async () => {
        try {
          return await ledgerApi.updateLocation(location.id, {
            ...changes,
            reason: reason.trim(),
            expectedVersion: location.version,
          });
        } catch (error) {
          refusal.current = error;
          throw error;
        }
      },
      { saved: 'Saved.', onSaved },
    );
    const error = refusal.current;
    if (saved !== null || !isApiError(error) || error.status !== 409) return;
    if (error.code === 'LEDGER_LOCATION_VERSION_CONFLICT') onStale(error.detail);
    // The name another location has: said under the name, as a 400 would be.
    else if (error.field === 'name') form.setErrors({ name: error.errors[0]?.message ?? error.detail });
  }

  return (
    <section className="card" aria-labelledby="location-edit-heading" onKeyDown={onKeyDown}>
      <LedgerFormFrame label={`Edit ${location.name}`} onSubmit={() => void submit()}>
        <h2 id="location-edit-heading">Edit {location.name}</h2>
        <p className="small muted">
          Give the reason (for example, the registration certificate received or renewed): it is kept in the
          audit log with the old and new values. Escape closes the form without saving.
        </p>
        <ErrorSummary
          title="Check these fields:"
          errors={Object.fromEntries(
            Object.entries(e).filter(([k]) => k in LABELS && k !== 'expectedVersion'),
          )}
          labels={LABELS}
        />
        <LocationFields values={values} set={set} errors={e} />
        <div className="field-grid">
          <TextField
            field="reason"
            label={LABELS.reason}
            value={reason}
            onChange={set('reason')}
            error={errorFor(e, 'reason')}
            isRequired
            className="field-wide"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? 'Saving…' : 'Save the change'}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        <FormMessage state={form} />
      </LedgerFormFrame>
    </section>
  );
}

function NewLocationForm({
  onSaved,
  onCancel,
}: {
  onSaved: (saved: LedgerLocation) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(null));
  const form = useLedgerForm();
  const onKeyDown = useFormKeyboard('name', onCancel);
  const e = form.errors;

  const set = (field: LocationField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (field in e) {
      const { [field]: _gone, ...rest } = e;
      form.setErrors(rest);
    }
  };

  function submit() {
    const errors: Record<string, string> = {};
    for (const f of ['name', 'address', 'activity'] as const)
      if (!values[f].trim()) errors[f] = 'is required';
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      focusFirstError(errors, LOCATION_FIELDS);
      return;
    }
    void form.run(
      () =>
        ledgerApi.createLocation({
          name: values.name.trim(),
          deaRegistration: deaOf(values.deaRegistration),
          address: values.address.trim(),
          activity: values.activity.trim(),
        }),
      { saved: 'Registered.', onSaved },
    );
  }

  return (
    <section className="card" aria-labelledby="location-new-heading" onKeyDown={onKeyDown}>
      <LedgerFormFrame label="New location" onSubmit={submit}>
        <h2 id="location-new-heading">New location</h2>
        <p className="small muted">
          A location with its own DEA registration keeps its own ledger. Escape closes the form without
          saving.
        </p>
        <ErrorSummary title="Check these fields:" errors={e} labels={LABELS} />
        <LocationFields values={values} set={set} errors={e} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? 'Registering…' : 'Register the location'}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        <FormMessage state={form} />
      </LedgerFormFrame>
    </section>
  );
}
