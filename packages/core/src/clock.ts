/** Time as an input: pure code takes a Clock (or a `now`) instead of reading the system time. */

export interface Clock {
  now(): Date;
}

/** A clock that always says the same time (tests) or advances only when told. */
export function fixedClock(at: Date): Clock & { advanceMs(ms: number): void } {
  let current = at.getTime();
  return {
    now: () => new Date(current),
    advanceMs: (ms: number) => {
      current += ms;
    },
  };
}

/** The calendar date (YYYY-MM-DD) of an instant in UTC. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
