/**
 * Receiving stock: one receipt line (one lot) at a time, as on the supplier's invoice — drug, NDC, form,
 * concentration, container volume and count, lot and expiry, the supplier with its address and DEA number,
 * the invoice reference and the actual date of receipt (REFERENCE §9 Receipt, Dates; 21 CFR 1304.21(d),
 * 1304.22(c)). The total is computed as you type; the server's field messages show under their fields.
 * The supplier is remembered in this browser for the next line of the same invoice.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { formatUgAsMg, parseThousandths, type ReceiptResult } from '@ketapath/api-client';
import { todayIso } from '../data/dates';
import { ErrorSummary, focusFirstError, TextField } from '../forms/field';
import { useDocumentTitle } from '../shell/use-document-title';
import { ledgerApi } from './ledger-api';
import { errorFor, FormMessage, LedgerFormFrame, useLedgerForm } from './ledger-form';
import { useLedgerOutlet } from './ledger-layout';
import { mg, ml } from './ledger-labels';

const SUPPLIER_KEY = 'ketapath.ledger.supplier';

const FIELDS = [
  'drugName',
  'ndc',
  'form',
  'concentrationMgPerMl',
  'volumeMlPerContainer',
  'containerCount',
  'lot',
  'expiresOn',
  'supplier.name',
  'supplier.address',
  'supplier.deaNumber',
  'invoiceRef',
  'receivedOn',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

export const RECEIVE_LABELS: Readonly<Record<Field, string>> = {
  drugName: 'Drug name',
  ndc: 'NDC',
  form: 'Dosage form',
  concentrationMgPerMl: 'Concentration',
  volumeMlPerContainer: 'Volume per container',
  containerCount: 'Number of containers',
  lot: 'Lot',
  expiresOn: 'Expires on',
  'supplier.name': 'Supplier name',
  'supplier.address': 'Supplier address',
  'supplier.deaNumber': 'Supplier DEA number',
  invoiceRef: 'Invoice reference',
  receivedOn: 'Date received',
};

function rememberedSupplier(): Pick<Values, 'supplier.name' | 'supplier.address' | 'supplier.deaNumber'> {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(SUPPLIER_KEY) ?? 'null');
    if (typeof value === 'object' && value !== null) {
      const v = value as Record<string, unknown>;
      return {
        'supplier.name': typeof v.name === 'string' ? v.name : '',
        'supplier.address': typeof v.address === 'string' ? v.address : '',
        'supplier.deaNumber': typeof v.deaNumber === 'string' ? v.deaNumber : '',
      };
    }
  } catch {
    // Nothing remembered.
  }
  return { 'supplier.name': '', 'supplier.address': '', 'supplier.deaNumber': '' };
}

function emptyValues(today: string): Values {
  return {
    drugName: 'Ketamine hydrochloride',
    ndc: '',
    form: 'injection, solution (vial)',
    concentrationMgPerMl: '',
    volumeMlPerContainer: '',
    containerCount: '',
    lot: '',
    expiresOn: '',
    ...rememberedSupplier(),
    invoiceRef: '',
    receivedOn: today,
  };
}

/** The content of one container and of the line, exact to the µg; null while a number is missing. */
export function receiptTotals(
  v: Pick<Values, 'concentrationMgPerMl' | 'volumeMlPerContainer' | 'containerCount'>,
) {
  const ugPerMl = parseThousandths(v.concentrationMgPerMl);
  const ul = parseThousandths(v.volumeMlPerContainer);
  const count = /^\d+$/.test(v.containerCount.trim()) ? Number(v.containerCount.trim()) : null;
  if (ugPerMl === null || ul === null || count === null || ugPerMl <= 0 || ul <= 0 || count <= 0) return null;
  const product = BigInt(ugPerMl) * BigInt(ul);
  return {
    ugPerContainer: Number(product / 1000n),
    isWholeUg: product % 1000n === 0n,
    ul,
    count,
    totalUg: Number((product / 1000n) * BigInt(count)),
  };
}

export function ReceivePage() {
  useDocumentTitle('Receive stock');
  const { location } = useLedgerOutlet();
  const [today] = useState(todayIso);
  const [values, setValues] = useState<Values>(() => emptyValues(today));
  const [received, setReceived] = useState<ReceiptResult | null>(null);
  const form = useLedgerForm();
  const totals = receiptTotals(values);
  const e = form.errors;

  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (field in e) {
      const { [field]: _gone, ...rest } = e;
      form.setErrors(rest);
    }
  };

  function localErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of FIELDS) if (!values[f].trim()) out[f] = 'is required';
    for (const f of ['concentrationMgPerMl', 'volumeMlPerContainer'] as const) {
      if (values[f].trim() && parseThousandths(values[f]) === null)
        out[f] = 'must be a number with at most 3 decimals';
    }
    if (values.containerCount.trim() && !/^\d+$/.test(values.containerCount.trim())) {
      out.containerCount = 'must be a whole number of containers';
    }
    if (totals && !totals.isWholeUg)
      out.volumeMlPerContainer = 'concentration × volume must be a whole number of micrograms';
    return out;
  }

  function submit() {
    const errors = localErrors();
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      focusFirstError(errors, FIELDS);
      return;
    }
    const v = values;
    const supplier = {
      name: v['supplier.name'].trim(),
      address: v['supplier.address'].trim(),
      deaNumber: v['supplier.deaNumber'].trim().toUpperCase(),
    };
    void form.run(
      (clientEntryId) =>
        ledgerApi.receive({
          locationId: location.id,
          clientEntryId,
          ndc: v.ndc.trim(),
          drugName: v.drugName.trim(),
          form: v.form.trim(),
          concentrationMgPerMl: Number(v.concentrationMgPerMl.replace(',', '.')),
          volumeMlPerContainer: Number(v.volumeMlPerContainer.replace(',', '.')),
          containerCount: Number(v.containerCount),
          lot: v.lot.trim(),
          expiresOn: v.expiresOn,
          supplier,
          invoiceRef: v.invoiceRef.trim(),
          receivedOn: v.receivedOn,
        }),
      {
        saved: (r) =>
          `Received ${r.containers.length} container${r.containers.length === 1 ? '' : 's'} of lot ${v.lot.trim()}.`,
        onSaved: (r) => {
          setReceived(r);
          try {
            window.localStorage.setItem(SUPPLIER_KEY, JSON.stringify(supplier));
          } catch {
            // Not remembered; nothing lost.
          }
        },
      },
    );
  }

  function nextLine() {
    setReceived(null);
    form.clearMessage();
    setValues((v) => ({
      ...v,
      ndc: '',
      concentrationMgPerMl: '',
      volumeMlPerContainer: '',
      containerCount: '',
      lot: '',
      expiresOn: '',
    }));
  }

  return (
    <div className="tab-panel receive-page">
      {received ? (
        <section className="card banner-ok receipt-done" aria-labelledby="received-heading">
          <h2 id="received-heading">
            <span aria-hidden="true">✓ </span>Received: lot{' '}
            {typeof received.entry.payload.lot === 'string' ? received.entry.payload.lot : values.lot}
          </h2>
          <p>
            {received.containers.length} container{received.containers.length === 1 ? '' : 's'} recorded as
            entry <span className="mono">#{received.entry.seq}</span> of the {location.name} ledger, sealed:{' '}
            <span className="mono">{received.containers.map((c) => c.label).join(', ')}</span>.
          </p>
          {received.containers[0] && (
            <p>
              Each {mg(received.containers[0].remainingUg)} in {ml(received.containers[0].volumeUl)}; in all{' '}
              <strong>{mg(received.containers.reduce((s, c) => s + c.remainingUg, 0))}</strong>.
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={nextLine}>
              Receive another lot
            </button>
            <Link to="/ledger" className="button">
              See the stock
            </Link>
          </div>
        </section>
      ) : (
        <LedgerFormFrame label="Receive stock" onSubmit={submit} className="card">
          <h2>Receive stock at {location.name}</h2>
          <p className="small muted">
            One lot per line of the invoice. Record the actual date of receipt (REFERENCE §9 Dates, 21 CFR
            1304.21(d)); the supplier’s name, address and DEA number are part of the receipt record (§9
            Receipt).
          </p>
          <ErrorSummary
            title="Check these fields:"
            errors={Object.fromEntries(Object.entries(e).filter(([k]) => FIELDS.some((f) => f === k)))}
            labels={RECEIVE_LABELS}
          />
          <fieldset className="form-group">
            <legend>Drug</legend>
            <div className="field-grid">
              <TextField
                field="drugName"
                label={RECEIVE_LABELS.drugName}
                value={values.drugName}
                onChange={set('drugName')}
                error={errorFor(e, 'drugName')}
                isRequired
              />
              <TextField
                field="ndc"
                label={RECEIVE_LABELS.ndc}
                value={values.ndc}
                onChange={set('ndc')}
                error={errorFor(e, 'ndc')}
                hint="With hyphens, as printed: 0409-2051-05"
                isRequired
              />
              <TextField
                field="form"
                label={RECEIVE_LABELS.form}
                value={values.form}
                onChange={set('form')}
                error={errorFor(e, 'form')}
                isRequired
              />
              <TextField
                field="concentrationMgPerMl"
                label={RECEIVE_LABELS.concentrationMgPerMl}
                suffix="mg/mL"
                inputMode="decimal"
                value={values.concentrationMgPerMl}
                onChange={set('concentrationMgPerMl')}
                error={errorFor(e, 'concentrationMgPerMl')}
                isRequired
              />
              <TextField
                field="volumeMlPerContainer"
                label={RECEIVE_LABELS.volumeMlPerContainer}
                suffix="mL"
                inputMode="decimal"
                value={values.volumeMlPerContainer}
                onChange={set('volumeMlPerContainer')}
                error={errorFor(e, 'volumeMlPerContainer')}
                isRequired
              />
              <TextField
                field="containerCount"
                label={RECEIVE_LABELS.containerCount}
                inputMode="numeric"
                value={values.containerCount}
                onChange={set('containerCount')}
                error={errorFor(e, 'containerCount')}
                isRequired
              />
              <TextField
                field="lot"
                label={RECEIVE_LABELS.lot}
                value={values.lot}
                onChange={set('lot')}
                error={errorFor(e, 'lot')}
                isRequired
              />
              <TextField
                field="expiresOn"
                label={RECEIVE_LABELS.expiresOn}
                type="date"
                value={values.expiresOn}
                onChange={set('expiresOn')}
                error={errorFor(e, 'expiresOn')}
                isRequired
              />
            </div>
            <p className="receipt-total" aria-live="polite" data-testid="receipt-total">
              {totals ? (
                <>
                  {totals.count} × {formatUgAsMg(totals.ugPerContainer)} mg ({ml(totals.ul)} each) ={' '}
                  <strong>{mg(totals.totalUg)}</strong>
                  {!totals.isWholeUg && (
                    <span className="text-danger"> — not a whole number of micrograms per container</span>
                  )}
                </>
              ) : (
                <span className="muted">Enter the concentration, volume and count to see the total.</span>
              )}
            </p>
          </fieldset>
          <fieldset className="form-group">
            <legend>Supplier and invoice</legend>
            <div className="field-grid">
              <TextField
                field="supplier.name"
                label={RECEIVE_LABELS['supplier.name']}
                value={values['supplier.name']}
                onChange={set('supplier.name')}
                error={errorFor(e, 'supplier.name')}
                isRequired
              />
              <TextField
                field="supplier.address"
                label={RECEIVE_LABELS['supplier.address']}
                value={values['supplier.address']}
                onChange={set('supplier.address')}
                error={errorFor(e, 'supplier.address')}
                isRequired
                className="field-wide"
              />
              <TextField
                field="supplier.deaNumber"
                label={RECEIVE_LABELS['supplier.deaNumber']}
                value={values['supplier.deaNumber']}
                onChange={set('supplier.deaNumber')}
                error={errorFor(e, 'supplier.deaNumber', 'deaNumber')}
                hint="Two letters and 7 digits"
                isRequired
              />
              <TextField
                field="invoiceRef"
                label={RECEIVE_LABELS.invoiceRef}
                value={values.invoiceRef}
                onChange={set('invoiceRef')}
                error={errorFor(e, 'invoiceRef')}
                isRequired
              />
              <TextField
                field="receivedOn"
                label={RECEIVE_LABELS.receivedOn}
                type="date"
                max={today}
                value={values.receivedOn}
                onChange={set('receivedOn')}
                error={errorFor(e, 'receivedOn')}
                isRequired
              />
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={form.busy}>
              {form.busy ? 'Recording…' : 'Record the receipt'}
            </button>
          </div>
          <FormMessage state={form} />
        </LedgerFormFrame>
      )}
    </div>
  );
}
