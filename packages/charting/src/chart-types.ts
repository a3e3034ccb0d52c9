/**
 * The chart's computed state: what foldChart makes of a session's entries. Every fact keeps the entry it
 * came from (`seq`), when it happened at the chair (`at`, the entry's occurredAt) and who recorded it.
 */
import type {
  AldreteItems,
  BaselineVitals,
  ChartBag,
  ChartRate,
  ChecklistEntry,
  SessionEntry,
  SessionSymptomKind,
  SessionVitals,
} from '@ketapath/core';
import type { ActionTier, Severity } from '@ketapath/clinical-rules';

/** The session states, in the order a session moves through them ('cancelled' is set by a plan change). */
export const CHART_STATES = [
  'scheduled',
  'running',
  'paused',
  'stopped',
  'discharged',
  'nurse-signed',
  'locked',
  'cancelled',
] as const;
export type ChartStateName = (typeof CHART_STATES)[number];

/** Who recorded an entry: a staff member, or null for a monitor-bridge device (then `deviceId` is set). */
export type ChartActor = NonNullable<SessionEntry['recordedBy']>;

/** Provenance of a chart fact. */
export interface Recorded {
  readonly seq: number;
  /** When it happened at the chair (the entry's occurredAt). */
  readonly at: string;
  readonly by: ChartActor | null;
}

export type ChecklistFact<I extends ChecklistEntry['item']> = Extract<ChecklistEntry, { item: I }> & Recorded;

/** The latest entry of each pre-start checklist item. */
export interface ChartChecklist {
  readonly consent: ChecklistFact<'consent'> | null;
  readonly fasting: ChecklistFact<'fasting'> | null;
  readonly pregnancyTest: ChecklistFact<'pregnancy-test'> | null;
  readonly escort: ChecklistFact<'escort'> | null;
  /** The latest entry per test id, in first-recorded order. */
  readonly preTreatmentTests: readonly ChecklistFact<'pre-treatment-test'>[];
}

/** An independent double-check of a pump setting. */
export interface DoubleCheck extends Recorded {
  readonly by: ChartActor;
}

/**
 * A pump setting: a pump programming (bag, ordered rate, mL/h) or a rate change of the loaded programming
 * (same bag and weight, new rate). Each needs its own double-check by someone other than its programmer.
 */
export interface PumpSetting extends Recorded {
  readonly kind: 'program' | 'rate-change';
  /** The pump-program entry whose bag this setting runs (its own seq for a program). */
  readonly programSeq: number;
  readonly bag: ChartBag;
  readonly concentrationMgPerMl: number;
  /** The ordered rate, in the unit it was ordered in. */
  readonly rate: ChartRate;
  /** What the pump runs at. */
  readonly rateMlPerH: number;
  /** rateMlPerH × concentration (what the pump delivers). */
  readonly rateMgPerH: number;
  /** The weight the ordered rate was calculated on, and which weight it is. */
  readonly weightKg: number;
  readonly weightBasis: 'actual' | 'ideal' | 'adjusted';
  /** Programs only. */
  readonly volumeToInfuseMl: number | null;
  /** Rate changes only. */
  readonly reason: string | null;
  readonly doubleCheckedBy: DoubleCheck | null;
}

/** A stretch of time the pump ran at one rate. `toIso` is null while it is still running. */
export interface RateSegment {
  readonly fromIso: string;
  readonly toIso: string | null;
  /** The pump setting (program or rate change) in force. */
  readonly settingSeq: number;
  readonly bag: { readonly drugMg: number; readonly volumeMl: number };
  readonly rateMlPerH: number;
  readonly rateMgPerH: number;
  readonly concentrationMgPerMl: number;
  readonly rate: ChartRate;
  readonly weightKg: number;
}

export interface ChartBolus extends Recorded {
  readonly doseMg: number;
  readonly reason: string;
}

export interface ChartPause {
  readonly seq: number;
  readonly fromIso: string;
  /** Null while still paused (or when the infusion was stopped from the pause: then the stop time). */
  readonly toIso: string | null;
  readonly reason: string;
}

/**
 * The exact amount of ketamine given: Σ rateMlPerH × (drugMg / volumeMl) × time over the rate segments plus
 * the boluses, computed in exact rational arithmetic over the decimals as entered and whole milliseconds.
 */
export interface AdministeredDose {
  /** The exact total in µg as numerator / denominator (decimal integer strings; denominator > 0). */
  readonly exactMicrogramsNumerator: string;
  readonly exactMicrogramsDenominator: string;
  /** The total rounded to the nearest µg. */
  readonly micrograms: number;
  /** The total in mg to the nearest µg (micrograms / 1000). */
  readonly mg: number;
  /** Of which by infusion, in mg to the nearest µg. */
  readonly infusionMg: number;
  /** Of which by bolus, in mg to the nearest µg. */
  readonly bolusMg: number;
  /** The instant an open segment was counted up to; null when nothing was ever infused or given. */
  readonly asOf: string | null;
}

export interface ChartVitals extends Omit<SessionVitals, 'at'>, Recorded {
  /** Marked by the nurse as the pre-infusion baseline. */
  readonly baseline: boolean;
  readonly source: 'manual' | 'device';
  readonly deviceId: string | null;
}

export interface ChartBaseline extends BaselineVitals {
  readonly seq: number;
  /** 'marked' when the nurse marked the reading as baseline; 'pre-start' for the latest complete reading before the start. */
  readonly basis: 'marked' | 'pre-start';
}

export interface ChartPainScore extends Recorded {
  readonly nrs: number;
}

export interface ChartSideEffect extends Recorded {
  readonly symptom: SessionSymptomKind;
  readonly note?: string;
}

export interface ChartRescueMedication extends Recorded {
  readonly drug: string;
  readonly doseMg: number;
  readonly route: string;
  readonly reason: string;
}

export interface AlertAcknowledgement extends Recorded {
  readonly action: string;
}

export interface ChartAlert extends Recorded {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly severity: Severity;
  readonly actionTier: ActionTier | null;
  readonly title: string;
  readonly message: string;
  /** The full finding as stored. */
  readonly finding: Readonly<Record<string, unknown>>;
  readonly raisedBySeq: number;
  readonly acknowledged: AlertAcknowledgement | null;
}

export interface ChartDischarge extends Recorded {
  readonly aldrete: AldreteItems;
  readonly escortPresent: boolean;
  readonly escortName?: string;
  readonly noDrivingAdviceGiven: boolean;
  readonly instructionsGiven: boolean;
  readonly note?: string;
}

export type ChartSignature = Recorded;

/** The nurse's signature, with the reason given when the discharge rules said the patient was not ready. */
export interface ChartNurseSignature extends Recorded {
  readonly dischargeNotReadyReason?: string;
}

export interface ChartAddendum extends Recorded {
  readonly text: string;
  readonly reason: string;
}

export interface ChartNote extends Recorded {
  readonly text: string;
}

export interface ChartSessionMeta {
  readonly id: string;
  /** The stored state; only 'cancelled' is taken from it (everything else is computed from the entries). */
  readonly state: string;
  readonly scheduledStart: string;
  readonly plannedDurationMin: number;
}

export interface FoldChartInput {
  readonly session: ChartSessionMeta;
  /** The chart entries, in any order (folded in seq order). */
  readonly entries: readonly SessionEntry[];
  /** Count a still-running segment up to this instant; without it, up to the latest entry's occurredAt. */
  readonly now?: string;
}

export interface ChartState {
  readonly sessionId: string;
  readonly state: ChartStateName;
  readonly scheduledStart: string;
  readonly plannedDurationMin: number;
  readonly lastSeq: number;
  readonly checklist: ChartChecklist;
  /** Every pump setting in entry order. */
  readonly programs: readonly PumpSetting[];
  /** The pump setting loaded now (the latest program or rate change), or null before any programming. */
  readonly currentSetting: PumpSetting | null;
  /** Seqs of pump settings (programs and rate changes) not yet independently double-checked. */
  readonly awaitingDoubleCheck: readonly number[];
  /** The first start that counted. */
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly paused: boolean;
  readonly pauses: readonly ChartPause[];
  readonly rateSegments: readonly RateSegment[];
  readonly boluses: readonly ChartBolus[];
  readonly administered: AdministeredDose;
  /** The last time drug went in: the stop, the end of the last segment, or the last bolus (latest). */
  readonly lastDoseAt: string | null;
  readonly vitals: readonly ChartVitals[];
  readonly baseline: ChartBaseline | null;
  readonly painBefore: ChartPainScore | null;
  readonly painAfter: ChartPainScore | null;
  readonly sideEffects: readonly ChartSideEffect[];
  readonly rescueMeds: readonly ChartRescueMedication[];
  readonly alerts: readonly ChartAlert[];
  /** The latest discharge assessment. */
  readonly discharge: ChartDischarge | null;
  readonly nurseSignedBy: ChartNurseSignature | null;
  readonly physicianCosignedBy: ChartSignature | null;
  readonly locked: boolean;
  readonly addenda: readonly ChartAddendum[];
  readonly notes: readonly ChartNote[];
  /** Odd sequences the fold met (e.g. 'rate change before start'), in entry order; the entry is otherwise ignored. */
  readonly problems: readonly string[];
}
