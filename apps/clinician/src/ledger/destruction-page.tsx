/**
 * Destruction of stock (REFERENCE §9 Destruction of stock; 21 CFR 1317.90; DEA Form 41): the containers,
 * each line with NDC, name, strength, form and quantity; the date, method and place; on site, the clinic's
 * number of witnesses (two by default), each signing in on this screen; or the reverse distributor's name,
 * address and DEA number when stock is sent away.
 */
import { useState } from 'react';
import type { ContainerState } from '@ketapath/api-client';
import type { DestructionBody } from '@ketapath/core';
import { todayIso } from '../data/dates';
import { useResource } from '../data/use-resource';
import { TextField } from '../forms/field';
import { useDocumentTitle } from '../shell/use-document-title';
import { ledgerApi } from './ledger-api';
import {
  errorFor,
  FormMessage,
  LedgerFormFrame,
  useLedgerForm,
  WitnessFields,
  witnessErrors,
} from './ledger-form';
import { useLedgerOutlet } from './ledger-layout';
import { concentration, isOnShelf, mg, ml, StatusChip } from './ledger-labels';
import { numberSetting, useLedgerSettings } from './use-ledger-data';

export const DESTRUCTION_WITNESSES_SETTING = 'ledger.destruction-witnesses';
const NO_WITNESS = { email: '', password: '' };

export function DestructionPage() {
  useDocumentTitle('Destruction');
  const { location } = useLedgerOutlet();
  const stock = useResource(`stock:${location.id}`, (signal) => ledgerApi.getStock(location.id, { signal }));
  if (stock.error && !stock.data) {
    return (
      <p className="banner banner-error" role="alert">
        Could not load the stock: {stock.error.detail}
      </p>
    );
  }
  if (!stock.data) {
    return (
      <p className="list-status" role="status">
        Loading the stock…
      </p>
    );
  }
  return (
    <DestructionForm
      containers={stock.data.containers.filter(isOnShelf)}
      locationId={location.id}
      defaultPlace={[location.name, location.address].filter(Boolean).join(', ')}
      onDone={stock.reload}
    />
  );
}

function DestructionForm({
  containers,
  locationId,
  defaultPlace,
  onDone,
}: {
  containers: ContainerState[];
  locationId: string;
  defaultPlace: string;
  onDone: () => void;
}) {
  const settings = useLedgerSettings();
  // §9 Destruction of stock: two authorised employees witness (21 CFR 1317.90); the clinic may ask more.
  const witnessCount = Math.max(1, numberSetting(settings, DESTRUCTION_WITNESSES_SETTING) ?? 2);
  const form = useLedgerForm();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<DestructionBody['mode']>('on-site');
  const [method, setMethod] = useState('');
  const [place, setPlace] = useState(defaultPlace);
  const [destroyedOn, setDestroyedOn] = useState(todayIso);
  const [witnesses, setWitnesses] = useState<Array<{ email: string; password: string }>>([]);
  const [distributor, setDistributor] = useState({ name: '', address: '', deaNumber: '' });
  const chosen = containers.filter((c) => selected.has(c.containerId));
  const e = form.errors;

  const toggle = (id: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  function submit() {
    const errors: Record<string, string> = {};
    if (chosen.length === 0) errors.containerIds = 'choose the containers destroyed';
    if (!method.trim()) errors.method = 'is required';
    if (!place.trim()) errors.place = 'is required';
    if (!destroyedOn) errors.destroyedOn = 'is required';
    if (mode === 'on-site') {
      for (let i = 0; i < witnessCount; i++)
        Object.assign(errors, witnessErrors(witnesses[i] ?? NO_WITNESS, `witnesses.${i}`));
    } else {
      for (const k of ['name', 'address', 'deaNumber'] as const) {
        if (!distributor[k].trim()) errors[`reverseDistributor.${k}`] = 'is required';
      }
    }
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    void form.run(
      (clientEntryId) =>
        ledgerApi.destroy({
          locationId,
          clientEntryId,
          mode,
          containerIds: chosen.map((c) => c.containerId),
          method: method.trim(),
          place: place.trim(),
          destroyedOn,
          ...(mode === 'on-site'
            ? {
                witnesses: Array.from({ length: witnessCount }, (_, i) => witnesses[i] ?? NO_WITNESS).map(
                  (w) => ({ email: w.email.trim(), password: w.password }),
                ),
              }
            : {
                reverseDistributor: {
                  name: distributor.name.trim(),
                  address: distributor.address.trim(),
                  deaNumber: distributor.deaNumber.trim().toUpperCase(),
                },
              }),
        }),
      {
        saved: `Destruction of ${chosen.length} container${chosen.length === 1 ? '' : 's'} recorded (DEA Form 41 data).`,
        onSaved: () => {
          setSelected(new Set());
          setWitnesses([]);
          onDone();
        },
      },
    );
  }

  const expiredOrQuarantined = containers.filter((c) => c.status === 'expired' || c.status === 'quarantined');
  return (
    <LedgerFormFrame label="Destruction" onSubmit={submit} className="card destruction-form">
      <h2>Destroy or return stock</h2>
      <fieldset className="form-group">
        <legend>Containers</legend>
        {containers.length === 0 ? (
          <p className="empty-state">Nothing on the shelf.</p>
        ) : (
          <>
            {expiredOrQuarantined.length > 0 && (
              <p>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    setSelected(new Set(expiredOrQuarantined.map((c) => c.containerId)));
                  }}
                >
                  Choose the {expiredOrQuarantined.length} expired or quarantined
                </button>
              </p>
            )}
            <div className="table-scroll">
              <table className="data-table destruction-table">
                <caption className="visually-hidden">Containers to destroy (DEA Form 41 lines)</caption>
                <thead>
                  <tr>
                    <th scope="col">Destroy</th>
                    <th scope="col">Container</th>
                    <th scope="col">NDC</th>
                    <th scope="col">Drug, strength, form</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Quantity
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {containers.map((c) => (
                    <tr key={c.containerId} data-container={c.label}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Destroy ${c.label}`}
                          checked={selected.has(c.containerId)}
                          onChange={(event) => {
                            toggle(c.containerId, event.target.checked);
                          }}
                        />
                      </td>
                      <th scope="row" className="mono">
                        {c.label}
                      </th>
                      <td className="mono">{c.ndc}</td>
                      <td>
                        {c.drugName} {concentration(c.concentrationUgPerMl)}, {c.form}
                      </td>
                      <td>
                        <StatusChip status={c.status} />
                      </td>
                      <td className="num nowrap">
                        {mg(c.remainingUg)} <span className="muted small">/ {ml(c.remainingUl)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="small" aria-live="polite">
              {chosen.length} chosen: {mg(chosen.reduce((s, c) => s + c.remainingUg, 0))} in all.
            </p>
            {errorFor(e, 'containerIds') && (
              <p className="field-error">
                <span aria-hidden="true">⚠ </span>
                {errorFor(e, 'containerIds')}
              </p>
            )}
          </>
        )}
      </fieldset>
      <fieldset className="form-group">
        <legend>How</legend>
        <div className="inline-checks">
          <label className="radio-label">
            <input
              type="radio"
              name="destruction-mode"
              checked={mode === 'on-site'}
              onChange={() => {
                setMode('on-site');
              }}
            />{' '}
            Destroyed on site, witnessed
          </label>
          <label className="radio-label">
            <input
              type="radio"
              name="destruction-mode"
              checked={mode === 'reverse-distributor'}
              onChange={() => {
                setMode('reverse-distributor');
              }}
            />{' '}
            Sent to a reverse distributor
          </label>
        </div>
        <div className="field-grid">
          <TextField
            field="method"
            label="Method"
            value={method}
            onChange={setMethod}
            error={errorFor(e, 'method')}
            hint="To a non-retrievable state, e.g. the denaturing container used"
            isRequired
          />
          <TextField
            field="place"
            label="Place"
            value={place}
            onChange={setPlace}
            error={errorFor(e, 'place')}
            isRequired
            className="field-wide"
          />
          <TextField
            field="destroyedOn"
            label={mode === 'on-site' ? 'Date destroyed' : 'Date sent'}
            type="date"
            max={todayIso()}
            value={destroyedOn}
            onChange={setDestroyedOn}
            error={errorFor(e, 'destroyedOn')}
            isRequired
          />
        </div>
      </fieldset>
      {mode === 'on-site' ? (
        <div className="witness-group">
          <p className="small muted">
            {witnessCount} authorised staff witness the destruction and sign in here, each with their own
            password (REFERENCE §9; 21 CFR 1317.90).
          </p>
          {Array.from({ length: witnessCount }, (_, i) => (
            <WitnessFields
              key={i}
              prefix={`witnesses.${i}`}
              title={`Witness ${i + 1}`}
              value={witnesses[i] ?? NO_WITNESS}
              onChange={(w) => {
                setWitnesses((all) => {
                  const next = [...all];
                  while (next.length <= i) next.push(NO_WITNESS);
                  next[i] = w;
                  return next;
                });
              }}
              errors={{
                email: errorFor(e, `witnesses.${i}.email`),
                password: errorFor(e, `witnesses.${i}.password`, `witnesses.${i}`),
              }}
            />
          ))}
        </div>
      ) : (
        <fieldset className="form-group">
          <legend>Reverse distributor</legend>
          <div className="field-grid">
            {(['name', 'address', 'deaNumber'] as const).map((k) => (
              <TextField
                key={k}
                field={`reverseDistributor.${k}`}
                label={k === 'name' ? 'Name' : k === 'address' ? 'Address' : 'DEA number'}
                value={distributor[k]}
                onChange={(v) => {
                  setDistributor((d) => ({ ...d, [k]: v }));
                }}
                error={errorFor(e, `reverseDistributor.${k}`)}
                isRequired
              />
            ))}
          </div>
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Recording…' : mode === 'on-site' ? 'Record the destruction' : 'Record the return'}
        </button>
      </div>
      <FormMessage state={form} />
    </LedgerFormFrame>
  );
}
