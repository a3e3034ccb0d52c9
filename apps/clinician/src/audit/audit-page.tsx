/** The audit trail for administrators: filter by user, action, outcome and dates; newest first; load more. */
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { isApiError, type AuditSearchParams } from '@ketapath/api-client';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  ROLE_LABELS,
  STAFF_ROLES,
  type AuditEvent,
  type AuditOutcome,
  type StaffRole,
} from '@ketapath/core';
import { api } from '../data/api';
import { useResource } from '../data/use-resource';
import { endOfDayIso, formatDateTimeShort, startOfDayIso } from '../data/dates';
import { SelectField, TextField } from '../forms/field';
import { useDocumentTitle } from '../shell/use-document-title';
import { useCan } from '../session/session-context';

const PAGE_SIZE = 50;

interface Filters {
  userId: string;
  action: string;
  outcome: string;
  fromDate: string;
  toDate: string;
}

const NO_FILTERS: Filters = { userId: '', action: '', outcome: '', fromDate: '', toDate: '' };

function toQuery(f: Filters): AuditSearchParams {
  const action = AUDIT_ACTIONS.find((a) => a === f.action);
  const outcome = AUDIT_OUTCOMES.find((o) => o === f.outcome);
  return {
    limit: PAGE_SIZE,
    ...(f.userId ? { userId: f.userId } : {}),
    ...(action ? { action } : {}),
    ...(outcome ? { outcome } : {}),
    ...(f.fromDate ? { from: startOfDayIso(f.fromDate) } : {}),
    ...(f.toDate ? { to: endOfDayIso(f.toDate) } : {}),
  };
}

const OUTCOME_LABELS: Readonly<Record<AuditOutcome, string>> = {
  success: 'Success',
  denied: 'Denied',
  failure: 'Failed',
};

function roleLabel(role: string | null): string {
  const known = STAFF_ROLES.find((r): r is StaffRole => r === role);
  return known ? ROLE_LABELS[known] : (role ?? '—');
}

export function AuditPage() {
  useDocumentTitle('Audit trail');
  const canListUsers = useCan('user:read');
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [dateError, setDateError] = useState<string | null>(null);
  const [more, setMore] = useState<{ key: string; items: AuditEvent[]; nextCursor: string | null }>({
    key: '',
    items: [],
    nextCursor: null,
  });
  const [moreError, setMoreError] = useState<string | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);

  const users = useResource(canListUsers ? 'users' : null, (signal) => api.listUsers({ signal }));
  const key = JSON.stringify(applied);
  const first = useResource(key, (signal) => api.listAudit(toQuery(applied), { signal }));
  const extra = more.key === key ? more : { key, items: [], nextCursor: null };
  const rows = first.data ? [...first.data.items, ...extra.items] : [];
  const nextCursor = extra.items.length > 0 ? extra.nextCursor : (first.data?.nextCursor ?? null);

  function apply(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.fromDate && draft.toDate && draft.fromDate > draft.toDate) {
      setDateError('must be on or after the “From” date');
      document.getElementById('field-toDate')?.focus();
      return;
    }
    setDateError(null);
    setMoreError(null);
    if (JSON.stringify(draft) === key) first.reload();
    else setApplied(draft);
  }

  async function loadMore() {
    if (!nextCursor) return;
    setIsLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.listAudit({ ...toQuery(applied), cursor: nextCursor });
      setMore({ key, items: [...extra.items, ...page.items], nextCursor: page.nextCursor });
    } catch (e) {
      setMoreError(isApiError(e) ? e.detail : 'Loading failed.');
    } finally {
      setIsLoadingMore(false);
    }
  }

  const set = (field: keyof Filters) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const userOptions = (users.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName} (${ROLE_LABELS[u.role]})`,
  }));

  return (
    <section className="list-page audit-page">
      <h1>Audit trail</h1>
      <form className="filters" onSubmit={apply} aria-label="Audit filters" noValidate>
        <SelectField
          field="userId"
          label="User"
          value={draft.userId}
          options={userOptions}
          placeholder="Anyone"
          onChange={set('userId')}
        />
        <SelectField
          field="action"
          label="Action"
          value={draft.action}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))}
          placeholder="Any action"
          onChange={set('action')}
        />
        <SelectField
          field="outcome"
          label="Outcome"
          value={draft.outcome}
          options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
          placeholder="Any outcome"
          onChange={set('outcome')}
        />
        <TextField
          field="fromDate"
          label="From"
          type="date"
          value={draft.fromDate}
          onChange={set('fromDate')}
        />
        <TextField
          field="toDate"
          label="To"
          type="date"
          value={draft.toDate}
          error={dateError ?? undefined}
          onChange={set('toDate')}
        />
        <div className="field field-action">
          <span className="button-row">
            <button type="submit" className="button button-primary">
              Apply
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setDraft(NO_FILTERS);
                setApplied(NO_FILTERS);
                setDateError(null);
              }}
            >
              Clear
            </button>
          </span>
        </div>
      </form>
      <p className="list-status" role="status" aria-live="polite">
        {first.isLoading
          ? 'Loading the audit trail…'
          : `${rows.length} event${rows.length === 1 ? '' : 's'} shown, newest first${nextCursor ? '; more are available' : ''}.`}
      </p>
      {(first.error ?? moreError) && (
        <p className="banner banner-error" role="alert">
          {first.error?.detail ?? moreError}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table audit-table" aria-busy={first.isLoading}>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">Outcome</th>
                <th scope="col">Request id</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} className={`outcome-${e.outcome}`}>
                  <td className="nowrap">{formatDateTimeShort(e.at)}</td>
                  <td>{e.userEmail ?? <span className="muted">—</span>}</td>
                  <td>{roleLabel(e.role)}</td>
                  <td className="mono">{e.action}</td>
                  <td>
                    <EntityCell event={e} />
                  </td>
                  <td>
                    <span className={`outcome outcome-label-${e.outcome}`}>
                      {e.outcome !== 'success' && <span aria-hidden="true">⚠ </span>}
                      {OUTCOME_LABELS[e.outcome]}
                    </span>
                  </td>
                  <td className="mono request-id">{e.requestId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor && (
        <div className="pager">
          <button type="button" className="button" onClick={() => void loadMore()} disabled={isLoadingMore}>
            {isLoadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </section>
  );
}

function EntityCell({ event: e }: { event: AuditEvent }) {
  if (!e.entityType) return <span className="muted">—</span>;
  if (e.entityType === 'patient' && e.entityId) {
    return (
      <>
        patient{' '}
        <Link to={`/patients/${e.entityId}`} className="mono" title={e.entityId}>
          {e.entityId.slice(0, 8)}
        </Link>
      </>
    );
  }
  return (
    <>
      {e.entityType}{' '}
      {e.entityId && (
        <span className="mono small" title={e.entityId}>
          {e.entityId.length > 24 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
        </span>
      )}
    </>
  );
}
