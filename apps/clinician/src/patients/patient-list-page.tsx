/**
 * The patient list with one live search box (name, date of birth or MRN). Keyboard: `/` focuses the
 * search, ↓ and ↑ move through the rows, Enter opens the patient.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { PatientSummary } from '@ketapath/core';
import { api } from '../data/api';
import { useResource } from '../data/use-resource';
import { dateOfBirthWithAge, patientName, SEX_LABELS } from '../data/patient-labels';
import { todayIso } from '../data/dates';
import { useDocumentTitle } from '../shell/use-document-title';
import { useCan } from '../session/session-context';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 250;

function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function PatientListPage() {
  useDocumentTitle('Patients');
  const navigate = useNavigate();
  const canWrite = useCan('patient:write');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [text, setText] = useState(q);
  const searchRef = useRef<HTMLInputElement>(null);
  const rowLinks = useRef<Array<HTMLAnchorElement | null>>([]);
  const [today] = useState(todayIso);

  // Debounce: the URL (and so the request) follows the box once typing pauses.
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => {
      setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [text, q, setParams]);

  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      if (
        event.key === '/' &&
        !isTypingTarget(event.target) &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey
      ) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    }
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  const offset = (page - 1) * PAGE_SIZE;
  const result = useResource(`${q}|${offset}`, (signal) =>
    api.searchPatients({ q, limit: PAGE_SIZE, offset }, { signal }),
  );
  const items = result.data?.items ?? [];
  const total = result.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));

  function goToPage(next: number) {
    const p: Record<string, string> = {};
    if (q) p.q = q;
    if (next > 1) p.page = String(next);
    setParams(p);
  }

  function focusRow(index: number) {
    rowLinks.current[index]?.focus();
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && items.length > 0) {
      event.preventDefault();
      focusRow(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = items[0];
      if (first && text.trim() === q && items.length === 1) void navigate(`/patients/${first.id}`);
      else setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    } else if (event.key === 'Escape' && text !== '') {
      setText('');
    }
  }

  function onRowKey(event: KeyboardEvent<HTMLTableSectionElement>) {
    const index = rowLinks.current.findIndex((a) => a === document.activeElement);
    if (index < 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(Math.min(index + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) searchRef.current?.focus();
      else focusRow(index - 1);
    }
  }

  const first = total === 0 ? 0 : offset + 1;
  const last = offset + items.length;
  const status =
    result.isLoading && !result.data
      ? 'Loading patients…'
      : total === 0
        ? q
          ? `No patient matches “${q}”.`
          : 'No patients yet.'
        : total <= PAGE_SIZE
          ? `${total} patient${total === 1 ? '' : 's'}${q ? ` match “${q}”` : ''}`
          : `${first}–${last} of ${total} patients${q ? ` matching “${q}”` : ''}`;

  return (
    <section className="list-page">
      <div className="page-head">
        <h1>Patients</h1>
        {canWrite && (
          <Link to="/patients/new" className="button button-primary">
            New patient
          </Link>
        )}
      </div>
      <div className="search-bar" role="search">
        <label htmlFor="patient-search">Search patients</label>
        <input
          ref={searchRef}
          id="patient-search"
          type="search"
          value={text}
          placeholder="Name, date of birth (YYYY-MM-DD or MM/DD/YYYY) or MRN"
          aria-describedby="patient-search-hint patient-search-status"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
          }}
          onKeyDown={onSearchKey}
        />
        <p id="patient-search-hint" className="field-hint">
          Press <kbd>/</kbd> to search, <kbd>↓</kbd> <kbd>↑</kbd> to move through the results,{' '}
          <kbd>Enter</kbd> to open.
        </p>
      </div>
      <p id="patient-search-status" className="list-status" role="status" aria-live="polite">
        {status}
        {result.isLoading && result.data ? <span className="muted"> · updating…</span> : null}
      </p>
      {result.error && (
        <p className="banner banner-error" role="alert">
          {result.error.detail}{' '}
          <button type="button" className="button button-quiet" onClick={result.reload}>
            Try again
          </button>
        </p>
      )}
      {items.length > 0 && (
        <table className="data-table patient-table" aria-describedby="patient-search-status">
          <thead>
            <tr>
              <th scope="col">MRN</th>
              <th scope="col">Name</th>
              <th scope="col">Date of birth (age)</th>
              <th scope="col">Sex at birth</th>
              <th scope="col">
                <span className="visually-hidden">Data</span>
              </th>
            </tr>
          </thead>
          <tbody onKeyDown={onRowKey}>
            {items.map((p, i) => (
              <PatientRow
                key={p.id}
                patient={p}
                today={today}
                linkRef={(el) => {
                  rowLinks.current[i] = el;
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE_SIZE && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button"
            disabled={page <= 1}
            onClick={() => {
              goToPage(page - 1);
            }}
          >
            ← Previous
          </button>
          <span>
            Page {page} of {pageCount}
          </span>
          <button
            type="button"
            className="button"
            disabled={page >= pageCount}
            onClick={() => {
              goToPage(page + 1);
            }}
          >
            Next →
          </button>
        </nav>
      )}
    </section>
  );
}

function PatientRow({
  patient: p,
  today,
  linkRef,
}: {
  patient: PatientSummary;
  today: string;
  linkRef: (el: HTMLAnchorElement | null) => void;
}) {
  const navigate = useNavigate();
  return (
    <tr
      className="clickable-row"
      onClick={(e) => {
        if (!(e.target instanceof HTMLAnchorElement)) void navigate(`/patients/${p.id}`);
      }}
    >
      <td className="mono">{p.mrn}</td>
      <td>
        <Link ref={linkRef} to={`/patients/${p.id}`} className="row-link">
          {patientName(p)}
        </Link>
        {p.preferredName && <span className="preferred-name"> “{p.preferredName}”</span>}
      </td>
      <td>{dateOfBirthWithAge(p.dateOfBirth, today)}</td>
      <td>{SEX_LABELS[p.sexAtBirth]}</td>
      <td>{p.isDemo && <span className="badge badge-demo">Demo</span>}</td>
    </tr>
  );
}
