/**
 * Inventories (REFERENCE §9 Initial, Biennial inventory, Inventory counting and contents; 21 CFR 1304.11):
 * the date, whether taken at the opening or the close of business, and every container on the shelf —
 * sealed ones counted, opened ones measured or estimated (allowed for Schedule III). With no stock, a zero
 * inventory is recorded. Past inventories are listed with their report.
 */
import { useState } from 'react';
import type { ContainerState, InventorySummary } from '@ketapath/api-client';
import { INVENTORY_TYPES, type InventoryTakenAt, type InventoryType } from '@ketapath/core';
import { formatDate, todayIso } from '../data/dates';
import { useResource } from '../data/use-resource';
import { SelectField, TextField } from '../forms/field';
import { useCan } from '../session/session-context';
import { useDocumentTitle } from '../shell/use-document-title';
import {
  containersToCount,
  CountLinesEditor,
  CountProgress,
  countLinesOf,
  isEntered,
  type CountEntries,
} from './count-lines';
import { ledgerApi } from './ledger-api';
import { errorFor, FormMessage, LedgerFormFrame, useLedgerForm } from './ledger-form';
import { useLedgerOutlet } from './ledger-layout';
import { INVENTORY_TYPE_LABELS } from './ledger-labels';
import { numberSetting, useLedgerSettings } from './use-ledger-data';

/** "3 containers" from an inventory's lines (one line per product, with its number of containers). */
function containersIn(inventory: InventorySummary): string {
  const lines = inventory.lines ?? [];
  const n = lines.reduce((sum, l) => sum + (typeof l.containers === 'number' ? l.containers : 0), 0);
  return `${n} container${n === 1 ? '' : 's'} in ${lines.length} line${lines.length === 1 ? '' : 's'}`;
}

export function InventoryPage() {
  useDocumentTitle('Inventory');
  const { location } = useLedgerOutlet();
  const canManage = useCan('ledger:manage');
  const canReport = useCan('ledger:report');
  const inventories = useResource(`inventories:${location.id}`, (signal) =>
    ledgerApi.listInventories(location.id, { signal }),
  );
  const stock = useResource(`stock:${location.id}`, (signal) => ledgerApi.getStock(location.id, { signal }));
  const settings = useLedgerSettings();
  const intervalMonths = numberSetting(settings, 'ledger.inventory-interval-months');
  const list = [...(inventories.data ?? [])].sort((a, b) => b.takenOn.localeCompare(a.takenOn));
  // Said at the page: the form starts afresh after each inventory.
  const [recorded, setRecorded] = useState<string | null>(null);

  return (
    <div className="tab-panel">
      <section className="card" aria-labelledby="inventories-heading">
        <h2 id="inventories-heading">Inventories at {location.name}</h2>
        <p className="small muted">
          An initial inventory when the clinic first handles controlled substances, then a new one at least
          every {intervalMonths ?? 24} months (REFERENCE §9 Biennial inventory, 21 CFR 1304.11
          {intervalMonths !== null && intervalMonths !== 24 ? '; clinic setting' : ''}).
        </p>
        {inventories.error && !inventories.data ? (
          <p className="banner banner-error" role="alert">
            Could not load the inventories: {inventories.error.detail}
          </p>
        ) : list.length === 0 ? (
          <p className="empty-state">{inventories.data ? 'No inventory recorded yet.' : 'Loading…'}</p>
        ) : (
          <table className="data-table inventories-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Taken at</th>
                <th scope="col">Counted</th>
                {canReport && <th scope="col">Report</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.inventoryId}>
                  <td>{formatDate(i.takenOn)}</td>
                  <td>{INVENTORY_TYPE_LABELS[i.type]}</td>
                  <td>{i.takenAt === 'opening' ? 'Opening of business' : 'Close of business'}</td>
                  <td>{i.zero ? 'Zero inventory' : containersIn(i)}</td>
                  {canReport && (
                    <td className="nowrap">
                      <a
                        href={ledgerApi.reportUrl('inventory', 'pdf', {
                          locationId: location.id,
                          inventoryId: i.inventoryId,
                        })}
                        target="_blank"
                        rel="noreferrer"
                      >
                        PDF
                      </a>{' '}
                      ·{' '}
                      <a
                        href={ledgerApi.reportUrl('inventory', 'csv', {
                          locationId: location.id,
                          inventoryId: i.inventoryId,
                        })}
                        download
                      >
                        CSV
                      </a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="form-status" role="status" aria-live="polite">
        {recorded && (
          <span className="text-ok">
            <span aria-hidden="true">✓ </span>
            {recorded}
          </span>
        )}
      </p>
      {canManage && stock.data && inventories.data && (
        <InventoryForm
          key={`${stock.data.containers.length}:${inventories.data.length}`}
          locationId={location.id}
          containers={containersToCount(stock.data.containers)}
          isFirst={inventories.data.length === 0}
          onDone={(text) => {
            setRecorded(text);
            inventories.reload();
            stock.reload();
          }}
        />
      )}
    </div>
  );
}

function InventoryForm({
  locationId,
  containers,
  isFirst,
  onDone,
}: {
  locationId: string;
  containers: ContainerState[];
  isFirst: boolean;
  onDone: (text: string) => void;
}) {
  const form = useLedgerForm();
  const [type, setType] = useState<InventoryType>(isFirst ? 'initial' : 'biennial');
  const [takenAt, setTakenAt] = useState<InventoryTakenAt>('opening');
  const [takenOn, setTakenOn] = useState(todayIso);
  const [entries, setEntries] = useState<CountEntries>({});
  const done = containers.filter((c) => isEntered(c, entries[c.containerId])).length;

  function submit() {
    const { lines, errors } = countLinesOf(containers, entries);
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    void form.run(
      (clientEntryId) =>
        ledgerApi.takeInventory({ locationId, clientEntryId, type, takenAt, takenOn, lines }),
      {
        onSaved: () => {
          setEntries({});
          onDone(
            lines.length === 0
              ? 'Zero inventory recorded.'
              : `Inventory of ${lines.length} container${lines.length === 1 ? '' : 's'} recorded.`,
          );
        },
      },
    );
  }

  return (
    <LedgerFormFrame label="Take an inventory" onSubmit={submit} className="card">
      <div className="card-head">
        <h2>Take an inventory</h2>
        {containers.length > 0 && <CountProgress done={done} total={containers.length} />}
      </div>
      <div className="inline-fields">
        <SelectField
          field="inventory.type"
          label="Type"
          value={type}
          onChange={(v) => {
            setType(INVENTORY_TYPES.find((t) => t === v) ?? 'other');
          }}
          options={INVENTORY_TYPES.map((t) => ({ value: t, label: INVENTORY_TYPE_LABELS[t] }))}
          error={errorFor(form.errors, 'type')}
        />
        <SelectField
          field="inventory.takenAt"
          label="Taken at"
          value={takenAt}
          onChange={(v) => {
            setTakenAt(v === 'close' ? 'close' : 'opening');
          }}
          options={[
            { value: 'opening', label: 'Opening of business' },
            { value: 'close', label: 'Close of business' },
          ]}
          error={errorFor(form.errors, 'takenAt')}
        />
        <TextField
          field="inventory.takenOn"
          label="Date"
          type="date"
          max={todayIso()}
          value={takenOn}
          onChange={setTakenOn}
          error={errorFor(form.errors, 'takenOn')}
        />
      </div>
      {containers.length === 0 ? (
        <p className="notice">
          No stock on the shelf: this records a zero inventory (REFERENCE §9 Initial inventory).
        </p>
      ) : (
        <CountLinesEditor
          containers={containers}
          entries={entries}
          onChange={(id, entry) => {
            setEntries((all) => ({ ...all, [id]: entry }));
          }}
          errors={form.errors}
          idPrefix="inventory"
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Recording…' : 'Record the inventory'}
        </button>
      </div>
      <FormMessage state={form} />
    </LedgerFormFrame>
  );
}
