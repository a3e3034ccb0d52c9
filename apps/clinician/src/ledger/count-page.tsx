/**
 * A count of the shelf (daily or per shift, as the clinic sets): every container on the shelf, sealed ones
 * present or missing, opened ones in mL (an estimate is allowed, REFERENCE §9). Saved, it is compared with
 * the books at once: each line with its expected and counted amount, and every difference opens a
 * discrepancy with its size, linked to the queue.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { ContainerState, CountResult, DiscrepancyState } from '@ketapath/api-client';
import { formatDateTime } from '../data/dates';
import { useResource } from '../data/use-resource';
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
import { FormMessage, LedgerFormFrame, useLedgerForm } from './ledger-form';
import { useLedgerOutlet } from './ledger-layout';
import { mg, signedMg } from './ledger-labels';
import { numberSetting, useLedgerSettings } from './use-ledger-data';

export const COUNT_INTERVAL_SETTING = 'ledger.count-interval-hours';

interface ResultLine {
  containerId: string;
  label: string;
  lot: string;
  expectedUg: number;
  countedUg: number;
  estimated: boolean;
}

/** The lines of a stored count entry, as far as they can be read. */
export function resultLines(count: CountResult['count']): ResultLine[] {
  const lines = count.payload.lines;
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((l: unknown): ResultLine[] => {
    if (typeof l !== 'object' || l === null) return [];
    const r = l as Record<string, unknown>;
    if (typeof r.expectedUg !== 'number' || typeof r.countedUg !== 'number') return [];
    return [
      {
        containerId: String(r.containerId),
        label: String(r.label),
        lot: String(r.lot),
        expectedUg: r.expectedUg,
        countedUg: r.countedUg,
        estimated: r.estimated === true,
      },
    ];
  });
}

export function CountPage() {
  useDocumentTitle('Count');
  const { location } = useLedgerOutlet();
  const stock = useResource(`stock:${location.id}`, (signal) => ledgerApi.getStock(location.id, { signal }));
  const settings = useLedgerSettings();
  const intervalH = numberSetting(settings, COUNT_INTERVAL_SETTING);
  const [result, setResult] = useState<CountResult | null>(null);

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
        Loading the containers to count…
      </p>
    );
  }
  return (
    <div className="tab-panel">
      <p className="small muted">
        {intervalH === null
          ? `The clinic has not set how often to count (${COUNT_INTERVAL_SETTING}); DEA requires no perpetual inventory (§9 Continuing records).`
          : `The clinic counts every ${intervalH} hours.`}
        {stock.data.lastCountAt ? ` Last count ${formatDateTime(stock.data.lastCountAt)}.` : ''}
      </p>
      {result ? (
        <CountResultView
          result={result}
          onAgain={() => {
            setResult(null);
            stock.reload();
          }}
        />
      ) : (
        <CountForm
          key={stock.data.containers.length}
          locationId={location.id}
          containers={containersToCount(stock.data.containers)}
          onCounted={setResult}
        />
      )}
    </div>
  );
}

function CountForm({
  locationId,
  containers,
  onCounted,
}: {
  locationId: string;
  containers: ContainerState[];
  onCounted: (result: CountResult) => void;
}) {
  const [entries, setEntries] = useState<CountEntries>({});
  const form = useLedgerForm();
  const done = containers.filter((c) => isEntered(c, entries[c.containerId])).length;

  function submit() {
    const { lines, errors } = countLinesOf(containers, entries);
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      requestAnimationFrame(() => {
        document.querySelector<HTMLElement>('.count-table [aria-invalid="true"]')?.focus();
      });
      return;
    }
    void form.run((clientEntryId) => ledgerApi.count({ locationId, clientEntryId, lines }), {
      saved: (r) =>
        r.discrepancies.length === 0
          ? 'Count saved: it matches the books.'
          : `Count saved: ${r.discrepancies.length} discrepanc${r.discrepancies.length === 1 ? 'y' : 'ies'} opened.`,
      onSaved: onCounted,
    });
  }

  if (containers.length === 0) {
    return <p className="empty-state">Nothing on the shelf to count at this location.</p>;
  }
  return (
    <LedgerFormFrame label="Count" onSubmit={submit} className="card">
      <div className="card-head">
        <h2>Count the shelf</h2>
        <CountProgress done={done} total={containers.length} />
      </div>
      <p className="small muted">
        Enter what is on the shelf. The expected amounts appear after saving, so the count is not read off the
        books.
      </p>
      <CountLinesEditor
        containers={containers}
        entries={entries}
        onChange={(id, entry) => {
          setEntries((all) => ({ ...all, [id]: entry }));
        }}
        errors={form.errors}
        idPrefix="count"
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Comparing with the books…' : `Save the count (${done} of ${containers.length})`}
        </button>
      </div>
      <FormMessage state={form} />
    </LedgerFormFrame>
  );
}

function CountResultView({ result, onAgain }: { result: CountResult; onAgain: () => void }) {
  const lines = resultLines(result.count);
  const byContainer = new Map<string, DiscrepancyState>();
  for (const d of result.discrepancies) if (d.containerId) byContainer.set(d.containerId, d);
  const totalUg = result.discrepancies.reduce((s, d) => s + d.differenceUg, 0);
  const matches = result.discrepancies.length === 0;

  return (
    <section className="card count-result" aria-labelledby="count-result-heading">
      <h2 id="count-result-heading">Count #{result.count.seq}: compared with the books</h2>
      <div className={`banner ${matches ? 'banner-ok' : 'banner-error'}`} role={matches ? 'status' : 'alert'}>
        {matches ? (
          <p className="banner-title">
            <span aria-hidden="true">✓ </span>Every container matches the books.
          </p>
        ) : (
          <>
            <p className="banner-title">
              <span aria-hidden="true">⚠ </span>
              {result.discrepancies.length} discrepanc{result.discrepancies.length === 1 ? 'y' : 'ies'}{' '}
              opened, in all {signedMg(totalUg)}
            </p>
            <ul className="discrepancy-summary">
              {result.discrepancies.map((d) => (
                <li key={d.discrepancyId} data-discrepancy={d.discrepancyId}>
                  <span className="mono">{d.label ?? d.lot}</span>: expected {mg(d.expectedUg)}, counted{' '}
                  {mg(d.countedUg)} — <strong>{signedMg(d.differenceUg)}</strong>
                </li>
              ))}
            </ul>
            <p>
              <Link to="/ledger/discrepancies">Open the discrepancy queue</Link> to investigate and resolve
              them.
            </p>
          </>
        )}
      </div>
      {lines.length > 0 && (
        <div className="table-scroll">
          <table className="data-table count-result-table">
            <caption className="visually-hidden">Counted against expected</caption>
            <thead>
              <tr>
                <th scope="col">Container</th>
                <th scope="col">Lot</th>
                <th scope="col" className="num">
                  Expected
                </th>
                <th scope="col" className="num">
                  Counted
                </th>
                <th scope="col" className="num">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => {
                const diff = l.countedUg - l.expectedUg;
                return (
                  <tr
                    key={l.containerId}
                    className={diff === 0 ? undefined : 'row-discrepancy'}
                    data-container={l.label}
                  >
                    <th scope="row" className="mono">
                      {l.label}
                    </th>
                    <td className="mono">{l.lot}</td>
                    <td className="num">{mg(l.expectedUg)}</td>
                    <td className="num">
                      {mg(l.countedUg)}
                      {l.estimated && <span className="muted small"> (estimated)</span>}
                    </td>
                    <td className="num">
                      {diff === 0 ? (
                        <span className="text-ok">
                          <span aria-hidden="true">✓ </span>0 mg
                        </span>
                      ) : (
                        <strong className="text-danger">
                          <span aria-hidden="true">⚠ </span>
                          {signedMg(diff)}
                        </strong>
                      )}
                      {byContainer.has(l.containerId) && (
                        <span className="small muted"> · discrepancy opened</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <button type="button" className="button" onClick={onAgain}>
          Count again
        </button>
      </p>
    </section>
  );
}
