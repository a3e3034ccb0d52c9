/**
 * The committed entries of each session's chart, kept in this process so that recording an entry and
 * updating the floor board read only the entries newer than the ones already known, instead of the whole
 * chart every time. It stays exact with several server processes on one PostgreSQL: entries are append-only
 * and numbered without gaps, so the known list plus "everything after its last number" is always the whole
 * chart, whoever wrote it. Only committed entries are remembered (callers remember after their transaction
 * has committed).
 */
import { createChartFold, type ChartFold, type FoldChartInput } from '@ketapath/charting';
import type { SessionEntry } from '@ketapath/core';
import { listSessionEntriesAfter, type Executor } from '@ketapath/db';
import type { AppContext } from '../context.js';
import { toSessionEntry } from './session-context.js';

/** How many sessions' charts a process keeps (a clinic day is tens; the least recently used go first). */
const MAX_SESSIONS = 300;

type FoldSession = FoldChartInput['session'];

function sameSession(a: FoldSession, b: FoldSession): boolean {
  return (
    a.id === b.id &&
    (a.state === 'cancelled') === (b.state === 'cancelled') &&
    a.scheduledStart === b.scheduledStart &&
    a.plannedDurationMin === b.plannedDurationMin
  );
}

class ChartEntries {
  readonly #bySession = new Map<string, readonly SessionEntry[]>();
  /** The fold of each session's committed entries (never applied to: callers fork it). */
  readonly #folds = new Map<string, { fold: ChartFold; session: FoldSession }>();

  /**
   * The whole chart of a session: the known entries plus those numbered after them, read with `ex`. A caller
   * that holds the session's row lock knows the last committed number (`throughSeq`); when this process
   * already knows every entry up to it, nothing is read.
   */
  async read(
    ex: Executor,
    clinicId: string,
    sessionId: string,
    throughSeq?: number,
  ): Promise<readonly SessionEntry[]> {
    const key = `${clinicId}/${sessionId}`;
    const known = this.#bySession.get(key) ?? [];
    const afterSeq = known.at(-1)?.seq ?? 0;
    if (throughSeq !== undefined && afterSeq === throughSeq) return known;
    const newer = (await listSessionEntriesAfter(ex, clinicId, sessionId, afterSeq)).map(toSessionEntry);
    return newer.length === 0 ? known : [...known, ...newer];
  }

  /**
   * The fold of a session's chart through `entries` (its committed entries, in order): the kept one when it
   * is of the same entries and session facts, else folded now. Fork it before applying anything to it.
   */
  foldOf(clinicId: string, session: FoldSession, entries: readonly SessionEntry[]): ChartFold {
    const kept = this.#folds.get(`${clinicId}/${session.id}`);
    const throughSeq = entries.at(-1)?.seq ?? 0;
    if (kept !== undefined && kept.fold.throughSeq === throughSeq && sameSession(kept.session, session))
      return kept.fold;
    const fold = createChartFold(session);
    for (const entry of entries) fold.apply(entry);
    return fold;
  }

  /** Keeps the fold of a session's committed entries (after the commit, like `remember`). */
  rememberFold(clinicId: string, session: FoldSession, fold: ChartFold): void {
    const key = `${clinicId}/${session.id}`;
    this.#folds.delete(key);
    this.#folds.set(key, { fold, session });
    if (this.#folds.size > MAX_SESSIONS) {
      const oldest = this.#folds.keys().next().value;
      if (oldest !== undefined) this.#folds.delete(oldest);
    }
  }

  /** Keeps a session's committed entries (in seq order, without gaps from 1). */
  remember(clinicId: string, sessionId: string, entries: readonly SessionEntry[]): void {
    const key = `${clinicId}/${sessionId}`;
    const last = entries.at(-1);
    if (last === undefined || last.seq !== entries.length) return;
    const known = this.#bySession.get(key);
    if (known !== undefined && (known.at(-1)?.seq ?? 0) > last.seq) return;
    this.#bySession.delete(key);
    this.#bySession.set(key, entries);
    if (this.#bySession.size > MAX_SESSIONS) {
      const oldest = this.#bySession.keys().next().value;
      if (oldest !== undefined) this.#bySession.delete(oldest);
    }
  }
}

const byApp = new WeakMap<AppContext, ChartEntries>();

export function chartEntries(ctx: AppContext): ChartEntries {
  let cache = byApp.get(ctx);
  if (cache === undefined) {
    cache = new ChartEntries();
    byApp.set(ctx, cache);
  }
  return cache;
}
