/**
 * What the ledger's fold computes for one registered location: every container, every lot, every session's
 * balance, discrepancies and loss reports with their histories, and the inventories taken. Quantities are
 * whole micrograms (`…Ug`) and microlitres (`…Ul`).
 */
import type {
  ContainerStatus,
  DiscrepancyClassification,
  DiscrepancySource,
  InventoryLine,
  InventoryTakenAt,
  InventoryType,
  LossReportStepKind,
} from '@ketapath/core';

export interface ContainerState {
  readonly containerId: string;
  readonly label: string;
  readonly locationId: string;
  readonly lot: string;
  readonly ndc: string;
  readonly drugName: string;
  readonly form: string;
  readonly concentrationUgPerMl: number;
  /** The container's volume when received. */
  readonly volumeUl: number;
  readonly remainingUg: number;
  readonly remainingUl: number;
  /** Precedence: destroyed > quarantined > empty > expired > in-use > opened > sealed. */
  readonly status: ContainerStatus;
  /** Usable through this date (YYYY-MM-DD); expired from the next day. */
  readonly expiresOn: string;
  /** The sequence number of the receipt that brought it in. */
  readonly receiptSeq: number;
  /** True once anything was drawn or wasted from it (it can no longer be counted as a sealed unit). */
  readonly opened: boolean;
  /** Sessions that drew from it and have no administration record yet. */
  readonly openSessionIds: readonly string[];
}

/** One lot of one product: on-hand = received − drawn − destroyed + corrections. */
export interface LotState {
  readonly lot: string;
  readonly ndc: string;
  readonly drugName: string;
  readonly expiresOn: string;
  readonly receivedUg: number;
  readonly drawnUg: number;
  /** Destructions and container remainders wasted. */
  readonly destroyedUg: number;
  /** Losses, count adjustments and corrections (signed). */
  readonly correctionsUg: number;
  readonly onHandUg: number;
}

/** One session's books: drawn = administered + wasted, to the microgram, before the chart can be signed. */
export interface SessionBalance {
  readonly sessionId: string;
  readonly patientId: string | null;
  readonly drawnUg: number;
  /** The recorded administration (or the chart's dose when given); null while neither is known. */
  readonly administeredUg: number | null;
  readonly wastedUg: number;
  /** drawn − administered − wasted (administered counted as 0 while unknown). */
  readonly openUg: number;
  readonly balanced: boolean;
  /** True once the administration entry is in the ledger. */
  readonly closed: boolean;
}

export interface DiscrepancyNote {
  readonly seq: number;
  readonly text: string;
  readonly by: string;
  readonly at: string;
}

export interface DiscrepancyResolution {
  readonly seq: number;
  readonly classification: DiscrepancyClassification;
  readonly explanation: string;
  readonly adjustmentUg: number;
  readonly by: string;
  readonly at: string;
}

export interface DiscrepancyState {
  readonly discrepancyId: string;
  readonly source: DiscrepancySource;
  readonly containerId: string | null;
  readonly lot: string;
  readonly expectedUg: number;
  readonly countedUg: number;
  /** counted − expected (negative: less on the shelf than the books say). */
  readonly differenceUg: number;
  readonly openedSeq: number;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly status: 'open' | 'closed';
  readonly notes: readonly DiscrepancyNote[];
  readonly resolution: DiscrepancyResolution | null;
  readonly lossReportId: string | null;
}

export interface LossReportStep {
  readonly seq: number;
  readonly step: LossReportStepKind;
  readonly on: string;
  readonly reference: string | null;
  readonly text: string | null;
  readonly by: string;
}

/** §9 Theft or significant loss: written notice within 1 business day, DEA Form 106 within 45 days. */
export interface LossReportState {
  readonly lossReportId: string;
  readonly discrepancyId: string | null;
  readonly openedSeq: number;
  readonly discoveredOn: string;
  readonly writtenNoticeDueOn: string;
  readonly form106DueOn: string;
  readonly quantityUg: number;
  readonly lot: string;
  readonly ndc: string;
  readonly steps: readonly LossReportStep[];
  readonly writtenNoticeSentOn: string | null;
  readonly form106FiledOn: string | null;
  /** Complete once the written notice is sent and Form 106 filed. */
  readonly status: 'open' | 'complete';
}

export interface InventoryRecord {
  readonly inventoryId: string;
  readonly seq: number;
  readonly type: InventoryType;
  readonly takenAt: InventoryTakenAt;
  readonly takenOn: string;
  readonly lines: readonly InventoryLine[];
  readonly zero: boolean;
  readonly recordedBy: string;
  readonly witnessIds: readonly string[];
}

export interface CountRecord {
  readonly countId: string;
  readonly seq: number;
  readonly at: string;
  readonly discrepancyUg: number;
  readonly lines: number;
}

/** An entry the fold could not apply cleanly (a stored ledger that breaks an invariant). */
export interface LedgerAnomaly {
  readonly seq: number;
  readonly entryId: string;
  readonly problem: LedgerProblemCode;
  readonly message: string;
}

export type LedgerProblemCode =
  | 'unknown-container'
  | 'duplicate-container'
  | 'container-destroyed'
  | 'overdraw'
  | 'session-unbalanced'
  | 'quantity-mismatch'
  | 'delta-mismatch'
  | 'draw-volume-mismatch'
  | 'unknown-discrepancy'
  | 'discrepancy-closed'
  | 'unknown-loss-report'
  | 'unknown-session'
  | 'receipt-containers-mismatch'
  | 'correction-target-missing'
  | 'wrong-location'
  | 'seq-order';

export interface LedgerView {
  readonly locationId: string | null;
  readonly today: string;
  readonly containers: readonly ContainerState[];
  readonly lots: readonly LotState[];
  readonly sessions: readonly SessionBalance[];
  readonly discrepancies: readonly DiscrepancyState[];
  readonly lossReports: readonly LossReportState[];
  readonly inventories: readonly InventoryRecord[];
  readonly counts: readonly CountRecord[];
  /** occurredAt of the latest count; null when never counted. */
  readonly lastCountAt: string | null;
  /** Σ deltaUg over the entries: the location's on-hand. */
  readonly onHandUg: number;
  readonly lastSeq: number;
  readonly anomalies: readonly LedgerAnomaly[];
}
