/**
 * The floor board's event bus: after a chart entry or a schedule change has COMMITTED, the service names the
 * sessions it touched; every open floor stream of that clinic recomputes those chairs and sends them. In
 * process only: with several server processes on one PostgreSQL database, a stream sees the changes made
 * through its own process (the board's list reload and its periodic refresh pick up the rest).
 */
import type { ChartState } from '@ketapath/charting';
import type { SessionDetailRow } from '@ketapath/db';
import type { AppContext } from '../context.js';

/**
 * What the writer already holds of a changed session right after its commit: the session with its patient
 * and plan, and its whole committed chart folded at `foldedAt` (ISO). A stream shows that chair as of that
 * instant without reading or folding anything again.
 */
export interface KnownChart {
  readonly detail: SessionDetailRow;
  readonly chart: ChartState;
  readonly foldedAt: string;
}

/** One committed change: the sessions it touched, and what the writer already knows of them. */
export interface FloorChange {
  readonly sessionIds: readonly string[];
  readonly known: ReadonlyMap<string, KnownChart>;
}

export type FloorListener = (change: FloorChange) => void;

export class FloorBus {
  readonly #listeners = new Map<string, Set<FloorListener>>();

  subscribe(clinicId: string, listener: FloorListener): () => void {
    let set = this.#listeners.get(clinicId);
    if (!set) {
      set = new Set();
      this.#listeners.set(clinicId, set);
    }
    set.add(listener);
    return () => {
      const current = this.#listeners.get(clinicId);
      current?.delete(listener);
      if (current?.size === 0) this.#listeners.delete(clinicId);
    };
  }

  publish(clinicId: string, change: FloorChange): void {
    const set = this.#listeners.get(clinicId);
    if (!set || change.sessionIds.length === 0) return;
    for (const listener of [...set]) {
      try {
        listener(change);
      } catch {
        // One broken stream must not stop the others (or the request that published).
      }
    }
  }

  /** Open streams of a clinic (tests, diagnostics). */
  listenerCount(clinicId: string): number {
    return this.#listeners.get(clinicId)?.size ?? 0;
  }
}

const buses = new WeakMap<AppContext['database'], FloorBus>();

/** The bus of this server's database handle (one per app). */
export function floorBusOf(ctx: AppContext): FloorBus {
  let bus = buses.get(ctx.database);
  if (!bus) {
    bus = new FloorBus();
    buses.set(ctx.database, bus);
  }
  return bus;
}

export function publishFloorChange(
  ctx: AppContext,
  clinicId: string,
  sessionIds: readonly string[],
  known: ReadonlyMap<string, KnownChart> = new Map(),
): void {
  floorBusOf(ctx).publish(clinicId, { sessionIds, known });
}
