/** What every service is given: configuration, the database and the clock. Nothing else is global. */
import type { Clock, StaffRole } from '@ketapath/core';
import type { Database } from '@ketapath/db';
import type { Config } from './config.js';

export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
}

/** The signed-in staff member a request acts for. */
export interface Actor {
  readonly userId: string;
  readonly clinicId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly sessionTokenHash: string;
  readonly csrfToken: string;
}

/** Request facts the audit trail records with every entry. */
export interface RequestMeta {
  readonly requestId: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date today in the clinic's time zone, YYYY-MM-DD. (Formatters are costly to build: one per zone.) */
export function todayIn(timeZone: string, now: Date): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}
