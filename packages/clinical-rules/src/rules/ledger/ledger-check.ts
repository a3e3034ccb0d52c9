/**
 * What the ledger rules look at: one operation about to be recorded (a draw, a waste, a destruction, a
 * session's close) or the stock as it stands ('status'). The server builds a check from the ledger's fold
 * and the chart; quantities are whole micrograms, dates YYYY-MM-DD in the clinic's calendar.
 */
import type { ContainerStatus, DestructionMode } from '@ketapath/core';

/** A container as the fold sees it on `today`. */
export interface LedgerContainerFacts {
  readonly containerId: string;
  readonly label: string;
  readonly lot: string;
  readonly status: ContainerStatus;
  /** Usable through this date. */
  readonly expiresOn: string;
  readonly remainingUg: number;
}

interface CheckBase {
  /** The clinic's calendar date. */
  readonly today: string;
  /** The moment of the check (ISO 8601). */
  readonly now: string;
}

export interface DrawCheck extends CheckBase {
  readonly operation: 'draw';
  readonly actorId: string;
  readonly sessionId: string;
  readonly container: LedgerContainerFacts;
  readonly drawnUg: number;
}

export interface WasteCheck extends CheckBase {
  readonly operation: 'waste';
  readonly actorId: string;
  /** Staff who signed in separately as witnesses (0 or 1). */
  readonly witnessIds: readonly string[];
  readonly sessionId: string;
  readonly drawnUg: number;
  /** The chart's administered dose, rounded to the µg. */
  readonly administeredUg: number;
  /** Waste already recorded for the session. */
  readonly wastedSoFarUg: number;
  readonly wastedUg: number;
}

export interface ContainerWasteCheck extends CheckBase {
  readonly operation: 'container-waste';
  readonly actorId: string;
  readonly witnessIds: readonly string[];
  readonly container: LedgerContainerFacts;
  readonly wastedUg: number;
}

export interface DestructionCheck extends CheckBase {
  readonly operation: 'destruction';
  readonly actorId: string;
  readonly witnessIds: readonly string[];
  readonly mode: DestructionMode;
  readonly containers: readonly LedgerContainerFacts[];
}

export interface CloseSessionCheck extends CheckBase {
  readonly operation: 'close-session';
  readonly sessionId: string;
  readonly drawnUg: number;
  readonly administeredUg: number;
  readonly wastedUg: number;
}

/** An open loss report's progress. */
export interface LossReportFacts {
  readonly lossReportId: string;
  readonly discoveredOn: string;
  readonly writtenNoticeSentOn: string | null;
  readonly form106FiledOn: string | null;
}

export interface StatusCheck extends CheckBase {
  readonly operation: 'status';
  readonly containers: readonly LedgerContainerFacts[];
  /** ISO time of the last count; null when the stock was never counted. */
  readonly lastCountAt: string | null;
  /** The last initial, biennial or annual inventory; null when none was taken. */
  readonly lastInventory: { readonly type: string; readonly takenOn: string } | null;
  readonly lossReports: readonly LossReportFacts[];
  /** The clinic's non-business days (YYYY-MM-DD), for business-day deadlines. */
  readonly nonBusinessDates: readonly string[];
}

/** A request to discard (purge) ledger records dated up to and including `throughOn`. */
export interface DiscardCheck extends CheckBase {
  readonly operation: 'discard';
  readonly throughOn: string;
}

export type LedgerCheck =
  | DrawCheck
  | WasteCheck
  | ContainerWasteCheck
  | DestructionCheck
  | CloseSessionCheck
  | StatusCheck
  | DiscardCheck;

export type LedgerOperation = LedgerCheck['operation'];

/** µg as mg for messages, exact to the µg and without float noise: 12 345 → "12.345 mg". */
export function formatUgAsMg(amountUg: number): string {
  const negative = amountUg < 0;
  const abs = Math.abs(amountUg);
  const whole = Math.trunc(abs / 1000);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

export function mg(amountUg: number): string {
  return `${formatUgAsMg(amountUg)} mg`;
}
