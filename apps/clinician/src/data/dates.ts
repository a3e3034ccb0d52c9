/** Calendar dates as the clinic sees them: today's date, ages and the display formats of the app. */

/** Today in the browser's time zone, as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole years between a YYYY-MM-DD date of birth and `today` (YYYY-MM-DD). */
export function ageYears(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (by === undefined || bm === undefined || bd === undefined || ty === undefined || tm === undefined || td === undefined) return NaN;
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const DATE_TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A calendar date (YYYY-MM-DD) for reading, e.g. "Mar 4, 1981"; the month is spelled so it is never ambiguous. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : DATE_FORMAT.format(date);
}

/** An instant in the browser's time zone, e.g. "Mar 4, 2026, 14:05:09". */
export function formatDateTime(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  return Number.isNaN(date.getTime()) ? isoDateTime : DATE_TIME_FORMAT.format(date);
}

const DATE_TIME_SHORT_FORMAT = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A compact instant for dense tables, e.g. "03/04/2026, 14:05:09". */
export function formatDateTimeShort(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  return Number.isNaN(date.getTime()) ? isoDateTime : DATE_TIME_SHORT_FORMAT.format(date);
}

/** Midnight at the start of a local calendar day, as an ISO instant (for "from" filters). */
export function startOfDayIso(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00`).toISOString();
}

/** The last millisecond of a local calendar day, as an ISO instant (for "to" filters). */
export function endOfDayIso(isoDate: string): string {
  return new Date(`${isoDate}T23:59:59.999`).toISOString();
}
