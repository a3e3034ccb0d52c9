/**
 * Calendar arithmetic on dates written YYYY-MM-DD (no time zone: a clinic's local calendar day), for the
 * ledger's deadlines: calendar days, whole months, business days. Weekends are Saturday and Sunday. Ketapath
 * keeps no holiday calendar, and a clinic has no list of its non-business days yet, so public holidays count
 * as business days: a deadline can only come out earlier than the law's, never later. The functions take a
 * list of non-business dates for when a clinic can keep one.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parse(date: string): { y: number; m: number; d: number } {
  const match = DATE.exec(date);
  if (match === null) throw new RangeError(`not a date written YYYY-MM-DD: ${date}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    throw new RangeError(`not a calendar date: ${date}`);
  return { y, m, d };
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function toMs(date: string): number {
  const { y, m, d } = parse(date);
  return Date.UTC(y, m - 1, d);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  try {
    parse(date);
    return true;
  } catch {
    return false;
  }
}

/** The date `days` calendar days after (or before, when negative) `date`. */
export function addCalendarDays(date: string, days: number): string {
  return format(toMs(date) + days * MS_PER_DAY);
}

/**
 * The same day `months` months later; when that month is shorter the last day of the month
 * (2024-02-29 + 24 months → 2026-02-28; 2025-01-31 + 1 month → 2025-02-28).
 */
export function addCalendarMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const monthIndex = y * 12 + (m - 1) + months;
  const ty = Math.floor(monthIndex / 12);
  const tm = monthIndex - ty * 12;
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return format(Date.UTC(ty, tm, Math.min(d, lastDay)));
}

/** The same day `years` years later (29 February → 28 February in a common year). */
export function addCalendarYears(date: string, years: number): string {
  return addCalendarMonths(date, years * 12);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / MS_PER_DAY);
}

export type Weekday = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';
const WEEKDAYS: readonly Weekday[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

export function weekdayOf(date: string): Weekday {
  const day = WEEKDAYS[new Date(toMs(date)).getUTCDay()];
  if (day === undefined) throw new RangeError(`no weekday for ${date}`);
  return day;
}

export function isWeekend(date: string): boolean {
  const day = weekdayOf(date);
  return day === 'Saturday' || day === 'Sunday';
}

export interface SkippedDay {
  readonly date: string;
  readonly reason: 'weekend' | 'clinic-non-business-day';
}

export interface BusinessDayResult {
  readonly dueOn: string;
  /** The days passed over on the way (weekends and the clinic's listed non-business days). */
  readonly skipped: readonly SkippedDay[];
  /** Says how the count was made, for display beside the date. */
  readonly basis: string;
}

/** Wording shown with every business-day deadline. */
export const BUSINESS_DAY_BASIS =
  'Business days skip Saturdays and Sundays. Public holidays are counted as business days (Ketapath keeps no holiday calendar), so a due date may be earlier than the law requires, never later.';

/**
 * The date `businessDays` business days after `date` (the day itself is not counted): discovered on a
 * Friday, one business day later is the Monday; on a Thursday, the Friday; with the Monday listed as a
 * non-business day, the Tuesday.
 */
export function addBusinessDays(
  date: string,
  businessDays: number,
  nonBusinessDates: readonly string[] = [],
): BusinessDayResult {
  if (!Number.isInteger(businessDays) || businessDays < 0)
    throw new RangeError(`addBusinessDays: ${businessDays} is not a whole number of days ≥ 0`);
  for (const d of nonBusinessDates) parse(d);
  const closed = new Set(nonBusinessDates);
  const skipped: SkippedDay[] = [];
  let current = date;
  let counted = 0;
  while (counted < businessDays) {
    current = addCalendarDays(current, 1);
    if (isWeekend(current)) skipped.push({ date: current, reason: 'weekend' });
    else if (closed.has(current)) skipped.push({ date: current, reason: 'clinic-non-business-day' });
    else counted += 1;
  }
  return { dueOn: current, skipped, basis: BUSINESS_DAY_BASIS };
}
