/**
 * The ledger's dates: loss-report deadlines (§9 Theft or significant loss: written notice within one
 * business day of discovery, DEA Form 106 within 45 days; 21 CFR 1301.76(b), 88 FR 40707 [S27]), the next
 * inventory (§9 Biennial inventory: within 2 years of the previous one; 21 CFR 1304.11 [S27]) and the
 * earliest date a record may be discarded (§9 Retention: at least 2 years; 21 U.S.C. 827(b),
 * 21 CFR 1304.04(a) [S27]). The periods are the clinic's settings (defaults from §9); this file only counts.
 */
import {
  addBusinessDays,
  addCalendarDays,
  addCalendarMonths,
  addCalendarYears,
  BUSINESS_DAY_BASIS,
  type SkippedDay,
} from '@ketapath/clinical-rules';
import type { InventoryType } from '@ketapath/core';
import type { InventoryRecord } from './types.js';

/** §9 Retention: records are kept at least 2 years (21 U.S.C. 827(b); 21 CFR 1304.04(a) [S27]); a state may ask more. */
export const FEDERAL_MIN_RETENTION_YEARS = 2;

export interface LossReportDeadlines {
  readonly discoveredOn: string;
  /** The written notice to the DEA Field Division is due by the end of this day. */
  readonly writtenNoticeDueOn: string;
  /** The electronic DEA Form 106 is due by the end of this day. */
  readonly form106DueOn: string;
  /** Days skipped when counting business days. */
  readonly skipped: readonly SkippedDay[];
  /** How business days were counted (weekends skipped; public holidays counted as business days). */
  readonly basis: string;
}

/**
 * Deadlines of a theft or significant loss discovered on `discoveredOn`: the written notice
 * `noticeBusinessDays` business days later (weekends and the clinic's listed non-business dates skipped), the
 * Form 106 `reportDays` calendar days later. Example (1 business day, 45 days): discovered Friday
 * 2026-03-06 → notice due Monday 2026-03-09, Form 106 due 2026-04-20.
 */
export function lossReportDeadlines(
  discoveredOn: string,
  settings: { readonly noticeBusinessDays: number; readonly reportDays: number },
  nonBusinessDates: readonly string[] = [],
): LossReportDeadlines {
  const notice = addBusinessDays(discoveredOn, settings.noticeBusinessDays, nonBusinessDates);
  return {
    discoveredOn,
    writtenNoticeDueOn: notice.dueOn,
    form106DueOn: addCalendarDays(discoveredOn, settings.reportDays),
    skipped: notice.skipped,
    basis: BUSINESS_DAY_BASIS,
  };
}

/** Inventory types that are a complete inventory of all stock and restart the interval. */
export const FULL_INVENTORY_TYPES: readonly InventoryType[] = ['initial', 'biennial', 'annual'];

export interface InventoryDue {
  /** The last complete inventory, or null when none was ever taken (an initial inventory is due). */
  readonly basis: Pick<InventoryRecord, 'inventoryId' | 'type' | 'takenOn'> | null;
  /** The last day the next inventory may be taken; null when no inventory was ever taken. */
  readonly dueOn: string | null;
  readonly needsInitial: boolean;
}

/**
 * When the next inventory is due: `intervalMonths` after the last initial, biennial or annual inventory
 * (§9 Biennial inventory: at least every 2 years, any date within 2 years of the previous one). A month
 * without the day ends on its last day (2024-02-29 + 24 months → 2026-02-28).
 */
export function inventoryDue(inventories: readonly InventoryRecord[], intervalMonths: number): InventoryDue {
  const full = inventories.filter((i) => FULL_INVENTORY_TYPES.includes(i.type));
  const last = full.reduce<InventoryRecord | null>(
    (latest, i) => (latest === null || i.takenOn >= latest.takenOn ? i : latest),
    null,
  );
  if (last === null) return { basis: null, dueOn: null, needsInitial: true };
  return {
    basis: { inventoryId: last.inventoryId, type: last.type, takenOn: last.takenOn },
    dueOn: addCalendarMonths(last.takenOn, intervalMonths),
    needsInitial: false,
  };
}

/**
 * The first day a record dated `recordOn` may be discarded: the day after `retentionYears` full years
 * (kept through 2026-03-01 for a record of 2024-03-01 with 2 years, discardable from 2026-03-02). Refuses a
 * period shorter than the federal 2 years.
 */
export function earliestDiscardOn(recordOn: string, retentionYears: number): string {
  if (!Number.isInteger(retentionYears) || retentionYears < FEDERAL_MIN_RETENTION_YEARS)
    throw new RangeError(
      `retention must be a whole number of at least ${FEDERAL_MIN_RETENTION_YEARS} years (§9 Retention, 21 CFR 1304.04(a)); got ${retentionYears}`,
    );
  return addCalendarDays(addCalendarYears(recordOn, retentionYears), 1);
}

/** True when a record dated `recordOn` may be discarded on `today`. */
export function mayDiscard(recordOn: string, today: string, retentionYears: number): boolean {
  return today >= earliestDiscardOn(recordOn, retentionYears);
}
