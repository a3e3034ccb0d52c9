/**
 * The floor board's event bus: after a chart entry or a schedule change has COMMITTED, the service names the
 * sessions it touched; every open floor stream of that clinic recomputes those chairs and sends them. In
 * process only: with several server processes on one PostgreSQL database, a stream sees the changes made
 * through its own process (the board's list reload and its periodic refresh pick up the rest).
 */
import type { AppContext } from '../context.js';

export type FloorListener = (sessionIds: readonly string[]) => void;

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

  publish(clinicId: string, sessionIds: readonly string[]): void {
    const set = this.#listeners.get(clinicId);
    if (!set || sessionIds.length === 0) return;
    for (const listener of [...set]) {
      try {
        listener(sessionIds);
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

export function publishFloorChange(ctx: AppContext, clinicId: string, sessionIds: readonly string[]): void {
  floorBusOf(ctx).publish(clinicId, sessionIds);
}
