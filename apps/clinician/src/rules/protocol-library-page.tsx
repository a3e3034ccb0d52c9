/**
 * The protocol library: the regimens of the clinical reference (read-only) and this clinic's own copies, with
 * their indication, route, evidence label and origin. Keyboard: `/` focuses the filter, ↓ and ↑ move through
 * the rows, Enter opens the protocol.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ProtocolSummary } from '@ketapath/api-client';
import { api } from '../data/api';
import { formatDateTimeShort } from '../data/dates';
import { useResource } from '../data/use-resource';
import { useDocumentTitle } from '../shell/use-document-title';
import { useCan } from '../session/session-context';
import { ROUTE_LABELS } from './protocol-labels';
import { EvidenceChip } from './rule-labels';
import { useSlashFocus } from './use-slash-focus';

const URL_DELAY_MS = 300;

function routeText(p: ProtocolSummary): string {
  return p.routes.length > 0 ? p.routes.map((r) => ROUTE_LABELS[r]).join(', ') : p.route;
}

function matches(p: ProtocolSummary, q: string): boolean {
  if (!q) return true;
  const text = [p.id, p.name, p.indication, p.route, routeText(p), p.origin, `[${p.evidence}]`]
    .join(' ')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

export function ProtocolLibraryPage() {
  useDocumentTitle('Protocols');
  const navigate = useNavigate();
  const canManage = useCan('protocol:manage');
  const [params, setParams] = useSearchParams();
  // The box is the source of truth while typing; the URL follows it so a reload or link keeps the filter.
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const searchRef = useRef<HTMLInputElement>(null);
  const rowLinks = useRef<Array<HTMLAnchorElement | null>>([]);
  useSlashFocus(searchRef);

  const result = useResource('protocols', (signal) => api.listProtocols({ signal }));
  const all = result.data ?? [];
  const shown = all.filter((p) => matches(p, q.trim()));
  const clinicCount = all.filter((p) => p.origin === 'clinic').length;

  useEffect(() => {
    const trimmed = q.trim();
    if ((params.get('q') ?? '') === trimmed) return;
    const timer = setTimeout(() => {
      setParams(trimmed ? { q: trimmed } : {}, { replace: true });
    }, URL_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [q, params, setParams]);

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && shown.length > 0) {
      event.preventDefault();
      rowLinks.current[0]?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = shown[0];
      if (first && shown.length === 1) void navigate(`/protocols/${first.id}`);
    } else if (event.key === 'Escape' && q !== '') {
      setQ('');
    }
  }

  function onRowKey(event: KeyboardEvent<HTMLTableSectionElement>) {
    const index = rowLinks.current.findIndex((a) => a === document.activeElement);
    if (index < 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      rowLinks.current[Math.min(index + 1, shown.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) searchRef.current?.focus();
      else rowLinks.current[index - 1]?.focus();
    }
  }

  const status =
    result.isLoading && !result.data
      ? 'Loading the protocols…'
      : shown.length === all.length
        ? `${all.length} protocol${all.length === 1 ? '' : 's'}: ${all.length - clinicCount} from the library, ${clinicCount} of this clinic`
        : `${shown.length} of ${all.length} protocols match “${q}”`;

  return (
    <section className="list-page rules-page">
      <div className="page-head">
        <h1>Protocols</h1>
        <Link to="/rules" className="button">
          Rules reference
        </Link>
      </div>
      <p className="page-intro">
        Library protocols restate the clinical reference’s regimens and are read-only.
        {canManage
          ? ' To change a dose, step or limit, open a protocol and make a copy for this clinic.'
          : ' Physicians and administrators make clinic copies with the clinic’s own limits.'}
      </p>
      <div className="search-bar" role="search">
        <label htmlFor="protocol-filter">Filter protocols</label>
        <input
          ref={searchRef}
          id="protocol-filter"
          type="search"
          value={q}
          placeholder="Name, condition, route or evidence (e.g. CRPS, [G])"
          aria-describedby="protocol-filter-hint protocol-filter-status"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setQ(e.target.value);
          }}
          onKeyDown={onSearchKey}
        />
        <p id="protocol-filter-hint" className="field-hint">
          Press <kbd>/</kbd> to filter, <kbd>↓</kbd> <kbd>↑</kbd> to move through the protocols,{' '}
          <kbd>Enter</kbd> to open.
        </p>
      </div>
      <p id="protocol-filter-status" className="list-status" role="status" aria-live="polite">
        {status}
      </p>
      {result.error && (
        <p className="banner banner-error" role="alert">
          {result.error.detail}{' '}
          <button type="button" className="button button-quiet" onClick={result.reload}>
            Try again
          </button>
        </p>
      )}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="data-table protocol-table" aria-describedby="protocol-filter-status">
            <thead>
              <tr>
                <th scope="col">Protocol</th>
                <th scope="col">Indication</th>
                <th scope="col">Route</th>
                <th scope="col">Evidence</th>
                <th scope="col">Origin</th>
                <th scope="col" className="num">
                  Version
                </th>
              </tr>
            </thead>
            <tbody onKeyDown={onRowKey}>
              {shown.map((p, i) => (
                <tr
                  key={p.id}
                  className={`clickable-row protocol-row-${p.origin}`}
                  onClick={(e) => {
                    if (!(e.target instanceof HTMLAnchorElement)) void navigate(`/protocols/${p.id}`);
                  }}
                >
                  <td>
                    <Link
                      ref={(el) => {
                        rowLinks.current[i] = el;
                      }}
                      to={`/protocols/${p.id}`}
                      className="row-link"
                    >
                      {p.name}
                    </Link>
                    <div className="mono small muted">{p.id}</div>
                    {p.basedOn && (
                      <div className="small muted">
                        based on {p.basedOn.id} v{p.basedOn.version}
                      </div>
                    )}
                  </td>
                  <td>{p.indication}</td>
                  <td className="nowrap">{routeText(p)}</td>
                  <td>
                    <EvidenceChip evidence={p.evidence} />
                  </td>
                  <td>
                    <OriginChip origin={p.origin} />
                    {p.updatedAt && <div className="small muted">{formatDateTimeShort(p.updatedAt)}</div>}
                  </td>
                  <td className="num">{p.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function OriginChip({ origin }: { origin: 'library' | 'clinic' }) {
  return (
    <span className={`chip chip-origin chip-origin-${origin}`}>
      {origin === 'library' ? 'Library' : 'Clinic'}
    </span>
  );
}
