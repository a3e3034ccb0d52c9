/**
 * The containers to count, lot by lot: a sealed container is present or missing; an opened one is measured
 * in mL, and may be an estimate (REFERENCE §9 Inventory counting: Schedule III opened containers may be
 * estimated, 21 CFR 1304.11). The expected amounts are not shown here, so the count is what is on the
 * shelf, not what the books say. Used by the count and the inventory screens.
 */
import type { ContainerState } from '@ketapath/api-client';
import type { CountLineBody } from '@ketapath/core';
import { parseThousandths } from '@ketapath/api-client';
import { fieldId } from '../forms/field';
import { errorFor } from './ledger-form';
import { isOnShelf, isSealed, ml, StatusChip } from './ledger-labels';

export interface CountEntry {
  /** Sealed: '1' present, '0' missing, '' not yet. */
  present: '' | '0' | '1';
  /** Opened: the mL on the shelf as typed. */
  countedMl: string;
  estimated: boolean;
}

export type CountEntries = Readonly<Record<string, CountEntry>>;

export const EMPTY_ENTRY: CountEntry = { present: '', countedMl: '', estimated: true };

/** The containers a count or inventory lists: on the shelf, by lot then label. */
export function containersToCount(containers: readonly ContainerState[]): ContainerState[] {
  return containers
    .filter(isOnShelf)
    .sort(
      (a, b) => a.lot.localeCompare(b.lot) || a.label.localeCompare(b.label, undefined, { numeric: true }),
    );
}

export function isEntered(c: ContainerState, e: CountEntry | undefined): boolean {
  if (!e) return false;
  return isSealed(c) ? e.present !== '' : e.countedMl.trim() !== '';
}

/** The body lines, or the field messages naming what is missing or not a number. */
export function countLinesOf(
  containers: readonly ContainerState[],
  entries: CountEntries,
): { lines: CountLineBody[]; errors: Record<string, string> } {
  const lines: CountLineBody[] = [];
  const errors: Record<string, string> = {};
  containers.forEach((c, i) => {
    const e = entries[c.containerId] ?? EMPTY_ENTRY;
    if (isSealed(c)) {
      if (e.present === '') errors[`lines.${i}.countedContainers`] = 'say whether it is on the shelf';
      else
        lines.push({
          containerId: c.containerId,
          countedContainers: e.present === '1' ? 1 : 0,
          estimated: false,
        });
      return;
    }
    const ul = parseThousandths(e.countedMl);
    if (e.countedMl.trim() === '')
      errors[`lines.${i}.countedMl`] = 'enter the mL on the shelf (0 if missing)';
    else if (ul === null || ul < 0)
      errors[`lines.${i}.countedMl`] = 'must be a number of mL with at most 3 decimals';
    else lines.push({ containerId: c.containerId, countedMl: ul / 1000, estimated: e.estimated });
  });
  return { lines, errors };
}

export function CountProgress({ done, total }: { done: number; total: number }) {
  return (
    <div className="count-progress" aria-live="polite">
      <span>
        {done} of {total} counted
      </span>
      <span
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-label="Containers counted"
      >
        <span className="progress-bar" style={{ width: `${total > 0 ? (done / total) * 100 : 0}%` }} />
      </span>
    </div>
  );
}

export function CountLinesEditor({
  containers,
  entries,
  onChange,
  errors,
  idPrefix,
}: {
  containers: readonly ContainerState[];
  entries: CountEntries;
  onChange: (containerId: string, entry: CountEntry) => void;
  errors: Readonly<Record<string, string>>;
  idPrefix: string;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table count-table">
        <caption className="visually-hidden">Containers to count</caption>
        <thead>
          <tr>
            <th scope="col">Container</th>
            <th scope="col">Lot</th>
            <th scope="col">Status</th>
            <th scope="col">On the shelf</th>
          </tr>
        </thead>
        <tbody>
          {containers.map((c, i) => {
            const e = entries[c.containerId] ?? EMPTY_ENTRY;
            const set = (patch: Partial<CountEntry>) => {
              onChange(c.containerId, { ...e, ...patch });
            };
            const id = fieldId(`${idPrefix}.${c.label}`);
            const sealed = isSealed(c);
            const error = errorFor(
              errors,
              `lines.${i}.countedContainers`,
              `lines.${i}.countedMl`,
              `lines.${i}`,
            );
            return (
              <tr
                key={c.containerId}
                data-container={c.label}
                className={isEntered(c, e) ? 'count-done' : undefined}
              >
                <th scope="row" className="mono">
                  {c.label}
                </th>
                <td className="mono">{c.lot}</td>
                <td>
                  <StatusChip status={c.status} />
                </td>
                <td>
                  {sealed ? (
                    <fieldset className="inline-checks count-presence" aria-invalid={Boolean(error)}>
                      <legend className="visually-hidden">{c.label} sealed: on the shelf?</legend>
                      <label className="radio-label">
                        <input
                          type="radio"
                          name={`${id}-present`}
                          checked={e.present === '1'}
                          aria-invalid={Boolean(error)}
                          onChange={() => {
                            set({ present: '1' });
                          }}
                        />{' '}
                        Present, sealed
                      </label>
                      <label className="radio-label">
                        <input
                          type="radio"
                          name={`${id}-present`}
                          checked={e.present === '0'}
                          onChange={() => {
                            set({ present: '0' });
                          }}
                        />{' '}
                        Missing
                      </label>
                    </fieldset>
                  ) : (
                    <div className="count-measure">
                      <label htmlFor={id} className="visually-hidden">
                        {c.label}: mL on the shelf
                      </label>
                      <span className="input-with-suffix">
                        <input
                          id={id}
                          inputMode="decimal"
                          value={e.countedMl}
                          aria-invalid={Boolean(error)}
                          aria-describedby={`${id}-hint`}
                          onChange={(event) => {
                            set({ countedMl: event.target.value });
                          }}
                        />
                        <span className="input-suffix">mL</span>
                      </span>
                      <label className="checkbox-label">
                        <input
                          type="checkbox"
                          checked={e.estimated}
                          onChange={(event) => {
                            set({ estimated: event.target.checked });
                          }}
                        />{' '}
                        Estimated
                      </label>
                      <span className="small muted" id={`${id}-hint`}>
                        opened, of {ml(c.volumeUl)} · estimate allowed, §9
                      </span>
                    </div>
                  )}
                  {error && (
                    <p className="field-error">
                      <span aria-hidden="true">⚠ </span>
                      {error}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
