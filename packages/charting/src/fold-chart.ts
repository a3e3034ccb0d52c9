/**
 * foldChart: the chart's state computed from its entries, folded in seq order (the order the server accepted
 * them). States: scheduled → running ⇄ paused → stopped → discharged → nurse-signed → locked.
 *
 * - A start counts only when the loaded pump programming has been double-checked by someone other than its
 *   programmer (the fold records who; the server refuses a self-check before it is stored).
 * - Start and resume open a rate segment; pause, stop, a rate change and a new programming close it at their
 *   occurredAt (a rate change or new programming opens the next one at the same instant). A rate change while
 *   paused sets the rate the resume runs at. After stop nothing infuses.
 * - After the physician's co-signature the chart is locked: only addenda are taken.
 * The fold never throws on a well-formed but odd sequence: it records a line in `problems` and ignores the
 * entry's effect on the state (facts such as vital signs are still kept, boluses are always counted).
 *
 * createChartFold is the same fold one entry at a time (foldChart applies the sorted entries to it and
 * finishes): what the state needs of all entries (the latest entry time, the segments' and boluses' exact
 * dose, the last seq) is kept as entries come, and finish adds what depends on `now` (the open segment).
 */
import type { SessionEntry, SessionEntryData } from '@ketapath/core';
import { ACTION_TIERS, SEVERITIES, type ActionTier, type Severity } from '@ketapath/clinical-rules';
import { MICROGRAM_PER_MG } from '@ketapath/units';
import { bolusMicrograms, isoToMs, segmentMicrograms } from './administered-dose.js';
import { add, roundToInteger, ZERO, type Rational } from './rational.js';
import type {
  AlertAcknowledgement,
  ChartAddendum,
  ChartAlert,
  ChartBaseline,
  ChartBolus,
  ChartChecklist,
  ChartDischarge,
  ChartNote,
  ChartPainScore,
  ChartPause,
  ChartRescueMedication,
  ChartSideEffect,
  ChartNurseSignature,
  ChartSignature,
  ChartState,
  ChartStateName,
  ChartVitals,
  ChecklistFact,
  FoldChartInput,
  PumpSetting,
  RateSegment,
  Recorded,
} from './chart-types.js';

type Data<K extends SessionEntryData['kind']> = Extract<SessionEntryData, { kind: K }>;

const KIND_WORDS: Readonly<Record<SessionEntryData['kind'], string>> = {
  checklist: 'checklist item',
  'pump-program': 'pump programming',
  'double-check': 'double-check',
  start: 'start',
  'rate-change': 'rate change',
  pause: 'pause',
  resume: 'resume',
  stop: 'stop',
  bolus: 'bolus',
  vitals: 'vital signs',
  'pain-score': 'pain score',
  'side-effect': 'side effect',
  'rescue-medication': 'rescue medication',
  alert: 'alert',
  'alert-ack': 'alert acknowledgement',
  'discharge-assessment': 'discharge assessment',
  'nurse-sign': 'nurse signature',
  'physician-cosign': 'physician co-signature',
  addendum: 'addendum',
  note: 'note',
};

/** Kinds that move or need the session state; refused on a cancelled session. */
const STATEFUL_KINDS: ReadonlySet<SessionEntryData['kind']> = new Set([
  'pump-program',
  'double-check',
  'start',
  'rate-change',
  'pause',
  'resume',
  'stop',
  'discharge-assessment',
  'nurse-sign',
  'physician-cosign',
]);

function asSeverity(value: string): Severity {
  return SEVERITIES.find((s) => s === value) ?? 'info';
}

function asActionTier(value: string | undefined): ActionTier | null {
  return ACTION_TIERS.find((t) => t === value) ?? null;
}

/** The later of `latest` and `v` (`latest` when they are the same instant; nulls are skipped). */
function later(latest: string | null, v: string | null): string | null {
  return v !== null && (latest === null || isoToMs(v) > isoToMs(latest)) ? v : latest;
}

function latestIso(values: Iterable<string | null>): string | null {
  let latest: string | null = null;
  for (const v of values) latest = later(latest, v);
  return latest;
}

const AFTER_STOP: ReadonlySet<ChartStateName> = new Set(['stopped', 'discharged', 'nurse-signed', 'locked']);

/**
 * The chart fold as an accumulator: entries applied one at a time in seq order, the chart state read at any
 * `now`. foldChart is this over a whole chart; a caller that keeps a fold of the entries it has seen
 * applies only the new ones (a monitor bridge posts vital signs every minute: the chart is not folded again
 * from its first entry for each of them).
 */
export interface ChartFold {
  /** The highest seq applied (0 when empty). */
  readonly throughSeq: number;
  /**
   * Applies the next entry. Its seq must be greater than the last applied one's: an entry out of order (or
   * applied twice) throws a plain Error and changes nothing; the caller folds the chart again with foldChart.
   * When it throws for any other reason (an occurredAt that is not a date-time), the fold is not to be used
   * again.
   */
  apply(entry: SessionEntry): void;
  /**
   * A copy that can be applied to without changing this one. Cheap: the facts recorded so far are shared
   * (they never change once recorded), and each list is copied only when one of the two is next applied to.
   */
  fork(): ChartFold;
  /**
   * The chart state at `now` (ISO; without it, up to the latest entry's occurredAt): exactly what foldChart
   * gives for the same entries and `now` (and it throws where foldChart throws: a time that is not an ISO
   * date-time). Does not change the fold, and the state it returns does not change when this fold or a fork
   * of it is applied to later.
   */
  finish(now: string | undefined): ChartState;
}

/** A fold of no entries of the session. */
export function createChartFold(session: FoldChartInput['session']): ChartFold {
  return emptyFold(session);
}

export function foldChart(input: FoldChartInput): ChartState {
  const entries = [...input.entries].sort((a, b) => a.seq - b.seq);
  const fold = emptyFold(input.session);
  // Entries with the same seq are folded in the order given (the sort is stable), as they always were.
  for (const entry of entries) fold.applySorted(entry);
  return fold.finish(input.now);
}

function emptyFold(session: FoldChartInput['session']): Fold {
  return new Fold(
    {
      id: session.id,
      scheduledStart: session.scheduledStart,
      plannedDurationMin: session.plannedDurationMin,
    },
    emptyFields(session.state === 'cancelled'),
  );
}

/**
 * A list shared copy-on-write between a fold, its forks and the states it finished: fork() and view() share
 * the array, and the next change to a shared list copies it first. Items are never changed in place (a
 * change replaces the item), so sharing them is safe.
 */
class SharedList<T> {
  #items: T[];
  #shared: boolean;

  constructor(items: T[] = [], shared = false) {
    this.#items = items;
    this.#shared = shared;
  }

  get length(): number {
    return this.#items.length;
  }

  last(): T | undefined {
    return this.#items[this.#items.length - 1];
  }

  findIndex(predicate: (item: T) => boolean): number {
    return this.#items.findIndex(predicate);
  }

  get(index: number): T | undefined {
    return this.#items[index];
  }

  push(item: T): void {
    this.#own().push(item);
  }

  set(index: number, item: T): void {
    this.#own()[index] = item;
  }

  /** The items as they are now, for a finished state: they stay so (a later change copies the list first). */
  view(): readonly T[] {
    this.#shared = true;
    return this.#items;
  }

  fork(): SharedList<T> {
    this.#shared = true;
    return new SharedList(this.#items, true);
  }

  #own(): T[] {
    if (this.#shared) {
      this.#items = this.#items.slice();
      this.#shared = false;
    }
    return this.#items;
  }
}

/**
 * An error of the end of the fold met while applying an entry: foldChart read the entry times and summed the
 * dose after folding every entry, so an unreadable time or amount threw there, after any error of the fold
 * itself. The fold keeps it, and finish throws it where foldChart did.
 */
interface Deferred {
  readonly error: unknown;
}

type SessionFields = Pick<ChartState, 'plannedDurationMin' | 'scheduledStart'> & { readonly id: string };

/** Everything a fold keeps. Records are immutable once kept (a change replaces them). */
interface FoldFields {
  readonly cancelled: boolean;
  state: ChartStateName;
  checklist: ChartChecklist;
  current: PumpSetting | null;
  startedAt: string | null;
  stoppedAt: string | null;
  markedBaseline: ChartBaseline | null;
  preStartBaseline: ChartBaseline | null;
  painBefore: ChartPainScore | null;
  painAfter: ChartPainScore | null;
  discharge: ChartDischarge | null;
  nurseSignedBy: ChartNurseSignature | null;
  physicianCosignedBy: ChartSignature | null;
  readonly problems: SharedList<string>;
  readonly programs: SharedList<PumpSetting>;
  readonly pauses: SharedList<ChartPause>;
  /** Only the last one may be open (toIso null). */
  readonly segments: SharedList<RateSegment>;
  readonly boluses: SharedList<ChartBolus>;
  readonly vitals: SharedList<ChartVitals>;
  readonly sideEffects: SharedList<ChartSideEffect>;
  readonly rescueMeds: SharedList<ChartRescueMedication>;
  readonly alerts: SharedList<ChartAlert>;
  readonly addenda: SharedList<ChartAddendum>;
  readonly notes: SharedList<ChartNote>;

  // What finish needs of all entries, kept as they come.
  /** The highest seq applied (max with 0). */
  lastSeq: number;
  /** The seq of the last entry applied. */
  lastApplied: number | null;
  /** The latest occurredAt (the first of equal instants). */
  latestEntryAt: string | null;
  entryTimeError: Deferred | null;
  /** The latest end of a closed segment. */
  closedUntil: string | null;
  /** The exact µg of the closed segments. */
  closedMicrograms: Rational;
  segmentDoseError: Deferred | null;
  /** The latest bolus time (the first of equal instants), while all bolus times read as date-times. */
  latestBolusAt: string | null;
  bolusTimeUnreadable: boolean;
  /** The exact µg of the boluses. */
  bolusMicrograms: Rational;
  bolusDoseError: Deferred | null;
}

function emptyFields(cancelled: boolean): FoldFields {
  return {
    cancelled,
    state: cancelled ? 'cancelled' : 'scheduled',
    checklist: { consent: null, fasting: null, pregnancyTest: null, escort: null, preTreatmentTests: [] },
    current: null,
    startedAt: null,
    stoppedAt: null,
    markedBaseline: null,
    preStartBaseline: null,
    painBefore: null,
    painAfter: null,
    discharge: null,
    nurseSignedBy: null,
    physicianCosignedBy: null,
    problems: new SharedList(),
    programs: new SharedList(),
    pauses: new SharedList(),
    segments: new SharedList(),
    boluses: new SharedList(),
    vitals: new SharedList(),
    sideEffects: new SharedList(),
    rescueMeds: new SharedList(),
    alerts: new SharedList(),
    addenda: new SharedList(),
    notes: new SharedList(),
    lastSeq: 0,
    lastApplied: null,
    latestEntryAt: null,
    entryTimeError: null,
    closedUntil: null,
    closedMicrograms: ZERO,
    segmentDoseError: null,
    latestBolusAt: null,
    bolusTimeUnreadable: false,
    bolusMicrograms: ZERO,
    bolusDoseError: null,
  };
}

class Fold implements ChartFold {
  readonly #session: SessionFields;
  readonly #f: FoldFields;

  constructor(session: SessionFields, fields: FoldFields) {
    this.#session = session;
    this.#f = fields;
  }

  get throughSeq(): number {
    return this.#f.lastSeq;
  }

  fork(): ChartFold {
    const f = this.#f;
    return new Fold(this.#session, {
      ...f,
      problems: f.problems.fork(),
      programs: f.programs.fork(),
      pauses: f.pauses.fork(),
      segments: f.segments.fork(),
      boluses: f.boluses.fork(),
      vitals: f.vitals.fork(),
      sideEffects: f.sideEffects.fork(),
      rescueMeds: f.rescueMeds.fork(),
      alerts: f.alerts.fork(),
      addenda: f.addenda.fork(),
      notes: f.notes.fork(),
    });
  }

  apply(entry: SessionEntry): void {
    const last = this.#f.lastApplied;
    if (!Number.isFinite(entry.seq) || (last !== null && !(entry.seq > last))) {
      throw new Error(
        `chart fold: entry ${entry.seq} does not follow entry ${last ?? 'none'}; entries are applied in seq order`,
      );
    }
    this.applySorted(entry);
  }

  /** Applies an entry that comes at or after the last one in seq order (foldChart's sorted entries). */
  applySorted(entry: SessionEntry): void {
    const f = this.#f;
    const { data } = entry;
    const at = entry.occurredAt;
    f.lastSeq = Math.max(f.lastSeq, entry.seq);
    f.lastApplied = entry.seq;
    if (f.entryTimeError === null) {
      try {
        f.latestEntryAt = later(f.latestEntryAt, at);
      } catch (error) {
        f.entryTimeError = { error };
      }
    }

    const recorded: Recorded = { seq: entry.seq, at, by: entry.recordedBy };
    const words = KIND_WORDS[data.kind];
    const problem = (text: string) => {
      f.problems.push(`entry ${entry.seq} (${data.kind}): ${text}`);
    };

    const openSegment = (setting: PumpSetting) => {
      f.segments.push({
        fromIso: at,
        toIso: null,
        settingSeq: setting.seq,
        bag: { drugMg: setting.bag.drugMg, volumeMl: setting.bag.volumeMl },
        rateMlPerH: setting.rateMlPerH,
        rateMgPerH: setting.rateMgPerH,
        concentrationMgPerMl: setting.concentrationMgPerMl,
        rate: setting.rate,
        weightKg: setting.weightKg,
      });
    };

    /** Closes the open segment at this entry's time (never before it began). */
    const closeSegment = () => {
      const open = f.segments.last();
      if (open === undefined || open.toIso !== null) return;
      let toIso = at;
      if (isoToMs(at) < isoToMs(open.fromIso)) {
        problem(`occurred at ${at}, before the running rate began at ${open.fromIso}; counted as no time`);
        toIso = open.fromIso;
      }
      const closed: RateSegment = { ...open, toIso };
      f.segments.set(f.segments.length - 1, closed);
      f.closedUntil = later(f.closedUntil, toIso);
      if (f.segmentDoseError === null) {
        try {
          f.closedMicrograms = add(f.closedMicrograms, segmentMicrograms(closed, null));
        } catch (error) {
          f.segmentDoseError = { error };
        }
      }
    };

    /** Ends the open pause at this entry's time. */
    const endPause = () => {
      const pause = f.pauses.last();
      if (pause !== undefined) f.pauses.set(f.pauses.length - 1, { ...pause, toIso: at });
    };

    if (f.state === 'locked' && data.kind !== 'addendum') {
      problem(`${words} after the chart was locked; only addenda are taken`);
      return;
    }
    if (f.cancelled && STATEFUL_KINDS.has(data.kind)) {
      problem(`${words} on a cancelled session`);
      return;
    }

    switch (data.kind) {
      case 'checklist': {
        const c = data.checklist;
        switch (c.item) {
          case 'consent':
            f.checklist = { ...f.checklist, consent: { ...c, ...recorded } };
            break;
          case 'fasting':
            f.checklist = { ...f.checklist, fasting: { ...c, ...recorded } };
            break;
          case 'pregnancy-test':
            f.checklist = { ...f.checklist, pregnancyTest: { ...c, ...recorded } };
            break;
          case 'escort':
            f.checklist = { ...f.checklist, escort: { ...c, ...recorded } };
            break;
          case 'pre-treatment-test': {
            const fact: ChecklistFact<'pre-treatment-test'> = { ...c, ...recorded };
            const tests = f.checklist.preTreatmentTests;
            const i = tests.findIndex((t) => t.testId === c.testId);
            f.checklist = {
              ...f.checklist,
              preTreatmentTests: i < 0 ? [...tests, fact] : tests.map((t, j) => (j === i ? fact : t)),
            };
            break;
          }
        }
        break;
      }
      case 'pump-program': {
        if (AFTER_STOP.has(f.state)) {
          problem('pump programming after stop');
          break;
        }
        const setting = programSetting(data, recorded);
        f.programs.push(setting);
        f.current = setting;
        if (f.state === 'running') {
          closeSegment();
          openSegment(setting);
        }
        break;
      }
      case 'rate-change': {
        if (f.state === 'scheduled') {
          problem('rate change before start');
          break;
        }
        if (AFTER_STOP.has(f.state)) {
          problem('rate change after stop');
          break;
        }
        if (f.current === null) {
          problem('rate change with no pump programming');
          break;
        }
        const setting = rateChangeSetting(f.current, data, recorded);
        f.programs.push(setting);
        f.current = setting;
        if (f.state === 'running') {
          closeSegment();
          openSegment(setting);
        }
        break;
      }
      case 'double-check': {
        const i = f.programs.findIndex((p) => p.seq === data.programSeq);
        const target = f.programs.get(i);
        if (target === undefined) {
          problem(`double-check of entry ${data.programSeq}, which is not a pump programming or rate change`);
        } else if (target.doubleCheckedBy !== null) {
          problem(`entry ${data.programSeq} was already double-checked`);
        } else if (entry.recordedBy === null) {
          problem('a double-check must be recorded by a staff member');
        } else if (target.by !== null && target.by.userId === entry.recordedBy.userId) {
          problem(
            `double-check of entry ${data.programSeq} by its own programmer is not independent; not counted`,
          );
        } else {
          const checked: PumpSetting = {
            ...target,
            doubleCheckedBy: { seq: entry.seq, at, by: entry.recordedBy },
          };
          f.programs.set(i, checked);
          if (f.current === target) f.current = checked;
        }
        break;
      }
      case 'start': {
        if (f.state !== 'scheduled') {
          problem(
            f.state === 'paused'
              ? 'start while paused (resume continues the infusion)'
              : `start while ${f.state}`,
          );
          break;
        }
        if (f.current === null) {
          problem('start with no pump programming; not counted');
          break;
        }
        if (f.current.doubleCheckedBy === null) {
          problem(`start before pump programming ${f.current.seq} was double-checked; not counted`);
          break;
        }
        f.state = 'running';
        f.startedAt ??= at;
        openSegment(f.current);
        break;
      }
      case 'pause': {
        if (f.state !== 'running') {
          problem(`pause while ${f.state}`);
          break;
        }
        closeSegment();
        f.pauses.push({ seq: entry.seq, fromIso: at, toIso: null, reason: data.reason });
        f.state = 'paused';
        break;
      }
      case 'resume': {
        if (f.state !== 'paused' || f.current === null) {
          problem(`resume while ${f.state}`);
          break;
        }
        endPause();
        openSegment(f.current);
        f.state = 'running';
        break;
      }
      case 'stop': {
        if (f.state === 'running') closeSegment();
        else if (f.state === 'paused') endPause();
        else {
          problem(f.state === 'scheduled' ? 'stop before start' : `stop while ${f.state}`);
          break;
        }
        f.state = 'stopped';
        f.stoppedAt = at;
        break;
      }
      case 'bolus': {
        if (f.state === 'discharged' || f.state === 'nurse-signed' || f.state === 'cancelled') {
          problem(`bolus while ${f.state}; counted in the dose`);
        }
        const bolus: ChartBolus = { ...recorded, doseMg: data.doseMg, reason: data.reason };
        f.boluses.push(bolus);
        if (Number.isNaN(Date.parse(at))) f.bolusTimeUnreadable = true;
        else if (!f.bolusTimeUnreadable) f.latestBolusAt = later(f.latestBolusAt, at);
        if (f.bolusDoseError === null) {
          try {
            f.bolusMicrograms = add(f.bolusMicrograms, bolusMicrograms(bolus));
          } catch (error) {
            f.bolusDoseError = { error };
          }
        }
        break;
      }
      case 'vitals': {
        const { baseline, source, ...reading } = data.vitals;
        const v: ChartVitals = {
          ...reading,
          ...recorded,
          baseline: baseline === true,
          source: source ?? (entry.deviceId === null ? 'manual' : 'device'),
          deviceId: entry.deviceId,
        };
        f.vitals.push(v);
        const complete = completeBaseline(v);
        if (complete !== null) {
          if (v.baseline) f.markedBaseline = { ...complete, basis: 'marked' };
          if (f.state === 'scheduled') f.preStartBaseline = { ...complete, basis: 'pre-start' };
        }
        break;
      }
      case 'pain-score': {
        const score: ChartPainScore = { ...recorded, nrs: data.nrs };
        if (data.when === 'before') f.painBefore = score;
        else f.painAfter = score;
        break;
      }
      case 'side-effect':
        f.sideEffects.push({
          ...recorded,
          symptom: data.symptom,
          ...(data.note === undefined ? {} : { note: data.note }),
        });
        break;
      case 'rescue-medication':
        f.rescueMeds.push({
          ...recorded,
          drug: data.drug,
          doseMg: data.doseMg,
          route: data.route,
          reason: data.reason,
        });
        break;
      case 'alert': {
        const finding = data.finding;
        f.alerts.push({
          ...recorded,
          ruleId: data.ruleId,
          ruleVersion: data.ruleVersion,
          severity: asSeverity(data.severity),
          actionTier: asActionTier(data.actionTier),
          title: typeof finding.title === 'string' ? finding.title : data.ruleId,
          message: typeof finding.message === 'string' ? finding.message : '',
          finding,
          raisedBySeq: data.raisedBySeq,
          acknowledged: null,
        });
        break;
      }
      case 'alert-ack': {
        const i = f.alerts.findIndex((a) => a.seq === data.alertSeq);
        const alert = f.alerts.get(i);
        if (alert === undefined) problem(`acknowledges entry ${data.alertSeq}, which is not an alert`);
        else if (alert.acknowledged !== null) problem(`alert ${data.alertSeq} was already acknowledged`);
        else {
          const ack: AlertAcknowledgement = { ...recorded, action: data.action };
          f.alerts.set(i, { ...alert, acknowledged: ack });
        }
        break;
      }
      case 'discharge-assessment': {
        if (f.state !== 'stopped' && f.state !== 'discharged') {
          problem(`discharge assessment while ${f.state}`);
          break;
        }
        f.discharge = {
          ...recorded,
          aldrete: data.aldrete,
          escortPresent: data.escortPresent,
          noDrivingAdviceGiven: data.noDrivingAdviceGiven,
          instructionsGiven: data.instructionsGiven,
          ...(data.escortName === undefined ? {} : { escortName: data.escortName }),
          ...(data.note === undefined ? {} : { note: data.note }),
        };
        f.state = 'discharged';
        break;
      }
      case 'nurse-sign': {
        if (f.state !== 'discharged') {
          problem(`nurse signature while ${f.state}; the discharge assessment comes first`);
          break;
        }
        if (entry.recordedBy === null) {
          problem('a signature must be recorded by a staff member');
          break;
        }
        f.nurseSignedBy =
          data.dischargeNotReadyReason === undefined
            ? recorded
            : { ...recorded, dischargeNotReadyReason: data.dischargeNotReadyReason };
        f.state = 'nurse-signed';
        break;
      }
      case 'physician-cosign': {
        if (f.state !== 'nurse-signed') {
          problem(`physician co-signature while ${f.state}; the nurse signs first`);
          break;
        }
        if (entry.recordedBy?.role !== 'physician') {
          problem(`co-signature by ${entry.recordedBy?.role ?? 'a device'}, not a physician; not counted`);
          break;
        }
        f.physicianCosignedBy = recorded;
        f.state = 'locked';
        break;
      }
      case 'addendum':
        f.addenda.push({ ...recorded, text: data.text, reason: data.reason });
        break;
      case 'note':
        f.notes.push({ ...recorded, text: data.text });
        break;
    }
  }

  finish(now: string | undefined): ChartState {
    const f = this.#f;
    if (f.entryTimeError !== null) throw f.entryTimeError.error;
    const segments = f.segments.view();
    const boluses = f.boluses.view();
    const last = f.segments.last();
    const open = last?.toIso === null ? last : undefined;
    // An open segment is counted up to `now` (or the latest entry), never backwards.
    const openUntil =
      open === undefined ? null : (latestIso([open.fromIso, now ?? f.latestEntryAt]) ?? open.fromIso);
    // The latest segment end (the open one counted to openUntil), then the boluses, in that order (every
    // bolus time when one does not read as a date-time, to throw as foldChart did).
    const lastDoseAt = latestIso([
      f.closedUntil,
      openUntil,
      ...(f.bolusTimeUnreadable ? boluses.map((b) => b.at) : [f.latestBolusAt]),
    ]);
    if (f.segmentDoseError !== null) throw f.segmentDoseError.error;
    const infusion =
      open === undefined
        ? f.closedMicrograms
        : add(f.closedMicrograms, segmentMicrograms({ ...open, toIso: openUntil }, null));
    if (f.bolusDoseError !== null) throw f.bolusDoseError.error;
    const total = add(infusion, f.bolusMicrograms);
    const micrograms = Number(roundToInteger(total));
    const programs = f.programs.view();

    return {
      sessionId: this.#session.id,
      state: f.state,
      scheduledStart: this.#session.scheduledStart,
      plannedDurationMin: this.#session.plannedDurationMin,
      lastSeq: f.lastSeq,
      checklist: f.checklist,
      programs,
      currentSetting: f.current,
      awaitingDoubleCheck: programs.filter((p) => p.doubleCheckedBy === null).map((p) => p.seq),
      startedAt: f.startedAt,
      stoppedAt: f.stoppedAt,
      paused: f.state === 'paused',
      pauses: f.pauses.view(),
      rateSegments: segments,
      boluses,
      // As administeredDose(segments counted to openUntil, null, boluses) gives it, from the sums kept.
      administered: {
        exactMicrogramsNumerator: total.num.toString(),
        exactMicrogramsDenominator: total.den.toString(),
        micrograms,
        mg: micrograms / MICROGRAM_PER_MG,
        infusionMg: microgramsToMg(infusion),
        bolusMg: microgramsToMg(f.bolusMicrograms),
        asOf: openUntil ?? lastDoseAt,
      },
      lastDoseAt,
      vitals: f.vitals.view(),
      baseline: f.markedBaseline ?? f.preStartBaseline,
      painBefore: f.painBefore,
      painAfter: f.painAfter,
      sideEffects: f.sideEffects.view(),
      rescueMeds: f.rescueMeds.view(),
      alerts: f.alerts.view(),
      discharge: f.discharge,
      nurseSignedBy: f.nurseSignedBy,
      physicianCosignedBy: f.physicianCosignedBy,
      locked: f.state === 'locked',
      addenda: f.addenda.view(),
      notes: f.notes.view(),
      problems: f.problems.view(),
    };
  }
}

function microgramsToMg(r: Rational): number {
  return Number(roundToInteger(r)) / MICROGRAM_PER_MG;
}

function programSetting(data: Data<'pump-program'>, recorded: Recorded): PumpSetting {
  const concentrationMgPerMl = data.bag.drugMg / data.bag.volumeMl;
  return {
    ...recorded,
    kind: 'program',
    programSeq: recorded.seq,
    bag: data.bag,
    concentrationMgPerMl,
    rate: data.rate,
    rateMlPerH: data.rateMlPerH,
    rateMgPerH: data.rateMlPerH * concentrationMgPerMl,
    weightKg: data.weightKg,
    weightBasis: data.weightBasis,
    volumeToInfuseMl: data.volumeToInfuseMl,
    reason: null,
    doubleCheckedBy: null,
  };
}

function rateChangeSetting(loaded: PumpSetting, data: Data<'rate-change'>, recorded: Recorded): PumpSetting {
  return {
    ...recorded,
    kind: 'rate-change',
    programSeq: loaded.programSeq,
    bag: loaded.bag,
    concentrationMgPerMl: loaded.concentrationMgPerMl,
    rate: data.rate,
    rateMlPerH: data.rateMlPerH,
    rateMgPerH: data.rateMlPerH * loaded.concentrationMgPerMl,
    weightKg: loaded.weightKg,
    weightBasis: loaded.weightBasis,
    volumeToInfuseMl: null,
    reason: data.reason,
    doubleCheckedBy: null,
  };
}

/** The reading as a baseline when all five vital signs were taken. */
function completeBaseline(v: ChartVitals): Omit<ChartBaseline, 'basis'> | null {
  const { systolicMmHg, diastolicMmHg, heartRatePerMin, spo2Percent, respiratoryRatePerMin } = v;
  if (
    systolicMmHg === undefined ||
    diastolicMmHg === undefined ||
    heartRatePerMin === undefined ||
    spo2Percent === undefined ||
    respiratoryRatePerMin === undefined
  ) {
    return null;
  }
  return {
    seq: v.seq,
    at: v.at,
    systolicMmHg,
    diastolicMmHg,
    heartRatePerMin,
    spo2Percent,
    respiratoryRatePerMin,
  };
}

/** Test and display helper: the entry kinds in plain words. */
export function describeEntryKind(kind: SessionEntry['data']['kind']): string {
  return KIND_WORDS[kind];
}
