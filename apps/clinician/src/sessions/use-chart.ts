/**
 * One session's chart for a page: loads it, records entries and reloads. Each submission gets its own
 * `clientEntryId` (crypto.randomUUID()); a post that got no answer is sent again with the SAME id, first
 * automatically, then from the "not saved yet" banner (kept in this browser until it is saved, so a reload
 * does not lose it). A stale `expectedVersion` reloads the chart and says so; a 400 gives field messages.
 */
import { useCallback, useState } from 'react';
import {
  isApiError,
  isRetryable,
  type ApiError,
  type ChartDto,
  type PostEntryResult,
} from '@ketapath/api-client';
import { STATE_CHANGING_ENTRY_KINDS, type SessionEntryBody, type SessionEntryData } from '@ketapath/core';
import { useResource } from '../data/use-resource';
import { sessionsApi } from './sessions-api';

export const CONFLICT_MESSAGE =
  'Someone else changed this chart — reloaded; check and apply your change again.';

export type RecordOutcome =
  | { ok: true; result: PostEntryResult }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string>;
      kind: 'invalid' | 'conflict' | 'refused' | 'unsent';
    };

export interface RecordOptions {
  witness?: { email: string; password: string };
  occurredAt?: string;
}

export interface PendingEntry {
  body: SessionEntryBody;
  savedAt: string;
}

const pendingKey = (sessionId: string) => `ketapath.pending-entries.${sessionId}`;

function readPending(sessionId: string): PendingEntry[] {
  try {
    const raw = window.localStorage.getItem(pendingKey(sessionId));
    const value: unknown = raw === null ? [] : JSON.parse(raw);
    return Array.isArray(value) ? (value as PendingEntry[]) : [];
  } catch {
    return [];
  }
}

function writePending(sessionId: string, entries: readonly PendingEntry[]): void {
  try {
    // Witness passwords are never kept: an entry that needed one is sent again only from its form.
    const safe = entries.filter((e) => e.body.witness === undefined);
    if (safe.length === 0) window.localStorage.removeItem(pendingKey(sessionId));
    else window.localStorage.setItem(pendingKey(sessionId), JSON.stringify(safe));
  } catch {
    // Storage full or disabled: the banner still holds the entry for this page.
  }
}

/**
 * Field messages of a 400 keyed by the last part of the field path (`entry.vitals.systolicMmHg` →
 * `systolicMmHg`), with the full path kept as well.
 */
export function entryFieldErrors(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    out[field] ??= message;
    const short = field.replace(/^(body\.)?entry\./, '');
    out[short] ??= message;
    const last = field.split('.').pop();
    if (last !== undefined) out[last] ??= message;
  }
  return out;
}

/** One chart; mount it again (a React key) for another session. */
export function useChart(sessionId: string) {
  const resource = useResource(sessionId, (signal) => sessionsApi.getChart(sessionId, { signal }));
  const [notice, setNotice] = useState<{ kind: 'conflict' | 'error' | 'ok'; text: string } | null>(null);
  const [pending, setPending] = useState<PendingEntry[]>(() => readPending(sessionId));
  const [retrying, setRetrying] = useState(false);
  const data: ChartDto | undefined = resource.data?.session.id === sessionId ? resource.data : undefined;
  const version = data?.session.version;

  const { reload } = resource;

  const send = useCallback(
    async (body: SessionEntryBody): Promise<RecordOutcome> => {
      try {
        const result = await sessionsApi.postEntry(sessionId, body, {
          onRetry: () => {
            setRetrying(true);
          },
        });
        setRetrying(false);
        setPending((list) => {
          const next = list.filter((p) => p.body.clientEntryId !== body.clientEntryId);
          writePending(sessionId, next);
          return next;
        });
        reload();
        return { ok: true, result };
      } catch (error) {
        setRetrying(false);
        if (!isApiError(error)) throw error;
        if (isRetryable(error)) {
          setPending((list) => {
            const next = [
              ...list.filter((p) => p.body.clientEntryId !== body.clientEntryId),
              { body, savedAt: new Date().toISOString() },
            ];
            writePending(sessionId, next);
            return next;
          });
          return {
            ok: false,
            kind: 'unsent',
            message:
              'Not saved yet: the server did not answer. It is kept below; send it again when the connection is back.',
            fieldErrors: {},
          };
        }
        // An answered refusal: the entry will not be accepted as it is, so it is not kept for resending.
        setPending((list) => {
          const next = list.filter((p) => p.body.clientEntryId !== body.clientEntryId);
          writePending(sessionId, next);
          return next;
        });
        if (error.status === 409 && /VERSION_CONFLICT/.test(error.code)) {
          setNotice({ kind: 'conflict', text: CONFLICT_MESSAGE });
          reload();
          return { ok: false, kind: 'conflict', message: CONFLICT_MESSAGE, fieldErrors: {} };
        }
        const fieldErrors = error.status === 400 ? entryFieldErrors(error) : {};
        return {
          ok: false,
          kind: error.status === 400 ? 'invalid' : 'refused',
          message: error.detail,
          fieldErrors,
        };
      }
    },
    [sessionId, reload],
  );

  /** Records one entry; state-changing kinds carry the version this page shows. */
  const record = useCallback(
    (entry: SessionEntryData, options: RecordOptions = {}): Promise<RecordOutcome> => {
      const body: SessionEntryBody = {
        entry,
        clientEntryId: crypto.randomUUID(),
        ...(options.occurredAt === undefined ? {} : { occurredAt: options.occurredAt }),
        ...(options.witness === undefined ? {} : { witness: options.witness }),
        ...(STATE_CHANGING_ENTRY_KINDS.includes(entry.kind) && version !== undefined
          ? { expectedVersion: version }
          : {}),
      };
      setNotice(null);
      return send(body);
    },
    [send, version],
  );

  /** Sends a kept entry again with its own `clientEntryId` (and the version it was written against). */
  const resend = useCallback((entry: PendingEntry) => send(entry.body), [send]);

  const discard = useCallback(
    (entry: PendingEntry) => {
      setPending((list) => {
        const next = list.filter((p) => p.body.clientEntryId !== entry.body.clientEntryId);
        writePending(sessionId, next);
        return next;
      });
    },
    [sessionId],
  );

  return {
    data,
    error: resource.error,
    isLoading: resource.isLoading,
    reload,
    record,
    notice,
    clearNotice: () => {
      setNotice(null);
    },
    pending,
    retrying,
    resend,
    discard,
  };
}

export type ChartController = ReturnType<typeof useChart>;
