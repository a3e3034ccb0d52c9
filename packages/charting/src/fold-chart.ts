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
 */
import type { SessionEntry, SessionEntryData } from '@ketapath/core';
import { ACTION_TIERS, SEVERITIES, type ActionTier, type Severity } from '@ketapath/clinical-rules';
import { administeredDose, isoToMs } from './administered-dose.js';
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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

function latestIso(values: Iterable<string | null>): string | null {
  let latest: string | null = null;
  for (const v of values) if (v !== null && (latest === null || isoToMs(v) > isoToMs(latest))) latest = v;
  return latest;
}

const AFTER_STOP: ReadonlySet<ChartStateName> = new Set(['stopped', 'discharged', 'nurse-signed', 'locked']);

export function foldChart(input: FoldChartInput): ChartState {
  const entries = [...input.entries].sort((a, b) => a.seq - b.seq);
  const cancelled = input.session.state === 'cancelled';
  let state: ChartStateName = cancelled ? 'cancelled' : 'scheduled';
  const problems: string[] = [];

  const checklist: Mutable<ChartChecklist> = {
    consent: null,
    fasting: null,
    pregnancyTest: null,
    escort: null,
    preTreatmentTests: [],
  };
  const programs: Mutable<PumpSetting>[] = [];
  let current: Mutable<PumpSetting> | null = null;
  let startedAt: string | null = null;
  let stoppedAt: string | null = null;
  const pauses: Mutable<ChartPause>[] = [];
  const segments: Mutable<RateSegment>[] = [];
  const boluses: ChartBolus[] = [];
  const vitals: ChartVitals[] = [];
  let markedBaseline: ChartBaseline | null = null;
  let preStartBaseline: ChartBaseline | null = null;
  let painBefore: ChartPainScore | null = null;
  let painAfter: ChartPainScore | null = null;
  const sideEffects: ChartSideEffect[] = [];
  const rescueMeds: ChartRescueMedication[] = [];
  const alerts: Mutable<ChartAlert>[] = [];
  let discharge: ChartDischarge | null = null;
  let nurseSignedBy: ChartNurseSignature | null = null;
  let physicianCosignedBy: ChartSignature | null = null;
  const addenda: ChartAddendum[] = [];
  const notes: ChartNote[] = [];

  const openSegment = (setting: PumpSetting, atIso: string) => {
    segments.push({
      fromIso: atIso,
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

  for (const entry of entries) {
    const { data } = entry;
    const at = entry.occurredAt;
    const recorded: Recorded = { seq: entry.seq, at, by: entry.recordedBy };
    const words = KIND_WORDS[data.kind];
    const problem = (text: string) => problems.push(`entry ${entry.seq} (${data.kind}): ${text}`);

    /** Closes the open segment at this entry's time (never before it began). */
    const closeSegment = () => {
      const open = segments[segments.length - 1];
      if (open === undefined || open.toIso !== null) return;
      if (isoToMs(at) < isoToMs(open.fromIso)) {
        problem(`occurred at ${at}, before the running rate began at ${open.fromIso}; counted as no time`);
        open.toIso = open.fromIso;
      } else open.toIso = at;
    };

    if (state === 'locked' && data.kind !== 'addendum') {
      problem(`${words} after the chart was locked; only addenda are taken`);
      continue;
    }
    if (cancelled && STATEFUL_KINDS.has(data.kind)) {
      problem(`${words} on a cancelled session`);
      continue;
    }

    switch (data.kind) {
      case 'checklist': {
        const c = data.checklist;
        switch (c.item) {
          case 'consent':
            checklist.consent = { ...c, ...recorded };
            break;
          case 'fasting':
            checklist.fasting = { ...c, ...recorded };
            break;
          case 'pregnancy-test':
            checklist.pregnancyTest = { ...c, ...recorded };
            break;
          case 'escort':
            checklist.escort = { ...c, ...recorded };
            break;
          case 'pre-treatment-test': {
            const fact: ChecklistFact<'pre-treatment-test'> = { ...c, ...recorded };
            const i = checklist.preTreatmentTests.findIndex((t) => t.testId === c.testId);
            checklist.preTreatmentTests =
              i < 0
                ? [...checklist.preTreatmentTests, fact]
                : checklist.preTreatmentTests.map((t, j) => (j === i ? fact : t));
            break;
          }
        }
        break;
      }
      case 'pump-program': {
        if (AFTER_STOP.has(state)) {
          problem('pump programming after stop');
          break;
        }
        const setting = programSetting(data, recorded);
        programs.push(setting);
        current = setting;
        if (state === 'running') {
          closeSegment();
          openSegment(setting, at);
        }
        break;
      }
      case 'rate-change': {
        if (state === 'scheduled') {
          problem('rate change before start');
          break;
        }
        if (AFTER_STOP.has(state)) {
          problem('rate change after stop');
          break;
        }
        if (current === null) {
          problem('rate change with no pump programming');
          break;
        }
        const setting = rateChangeSetting(current, data, recorded);
        programs.push(setting);
        current = setting;
        if (state === 'running') {
          closeSegment();
          openSegment(setting, at);
        }
        break;
      }
      case 'double-check': {
        const target = programs.find((p) => p.seq === data.programSeq);
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
          target.doubleCheckedBy = { seq: entry.seq, at, by: entry.recordedBy };
        }
        break;
      }
      case 'start': {
        if (state !== 'scheduled') {
          problem(
            state === 'paused'
              ? 'start while paused (resume continues the infusion)'
              : `start while ${state}`,
          );
          break;
        }
        if (current === null) {
          problem('start with no pump programming; not counted');
          break;
        }
        if (current.doubleCheckedBy === null) {
          problem(`start before pump programming ${current.seq} was double-checked; not counted`);
          break;
        }
        state = 'running';
        startedAt ??= at;
        openSegment(current, at);
        break;
      }
      case 'pause': {
        if (state !== 'running') {
          problem(`pause while ${state}`);
          break;
        }
        closeSegment();
        pauses.push({ seq: entry.seq, fromIso: at, toIso: null, reason: data.reason });
        state = 'paused';
        break;
      }
      case 'resume': {
        if (state !== 'paused' || current === null) {
          problem(`resume while ${state}`);
          break;
        }
        const pause = pauses[pauses.length - 1];
        if (pause !== undefined) pause.toIso = at;
        openSegment(current, at);
        state = 'running';
        break;
      }
      case 'stop': {
        if (state === 'running') closeSegment();
        else if (state === 'paused') {
          const pause = pauses[pauses.length - 1];
          if (pause !== undefined) pause.toIso = at;
        } else {
          problem(state === 'scheduled' ? 'stop before start' : `stop while ${state}`);
          break;
        }
        state = 'stopped';
        stoppedAt = at;
        break;
      }
      case 'bolus': {
        if (state === 'discharged' || state === 'nurse-signed' || state === 'cancelled') {
          problem(`bolus while ${state}; counted in the dose`);
        }
        boluses.push({ ...recorded, doseMg: data.doseMg, reason: data.reason });
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
        vitals.push(v);
        const complete = completeBaseline(v);
        if (complete !== null) {
          if (v.baseline) markedBaseline = { ...complete, basis: 'marked' };
          if (state === 'scheduled') preStartBaseline = { ...complete, basis: 'pre-start' };
        }
        break;
      }
      case 'pain-score': {
        const score: ChartPainScore = { ...recorded, nrs: data.nrs };
        if (data.when === 'before') painBefore = score;
        else painAfter = score;
        break;
      }
      case 'side-effect':
        sideEffects.push({
          ...recorded,
          symptom: data.symptom,
          ...(data.note === undefined ? {} : { note: data.note }),
        });
        break;
      case 'rescue-medication':
        rescueMeds.push({
          ...recorded,
          drug: data.drug,
          doseMg: data.doseMg,
          route: data.route,
          reason: data.reason,
        });
        break;
      case 'alert': {
        const f = data.finding;
        alerts.push({
          ...recorded,
          ruleId: data.ruleId,
          ruleVersion: data.ruleVersion,
          severity: asSeverity(data.severity),
          actionTier: asActionTier(data.actionTier),
          title: typeof f.title === 'string' ? f.title : data.ruleId,
          message: typeof f.message === 'string' ? f.message : '',
          finding: f,
          raisedBySeq: data.raisedBySeq,
          acknowledged: null,
        });
        break;
      }
      case 'alert-ack': {
        const alert = alerts.find((a) => a.seq === data.alertSeq);
        if (alert === undefined) problem(`acknowledges entry ${data.alertSeq}, which is not an alert`);
        else if (alert.acknowledged !== null) problem(`alert ${data.alertSeq} was already acknowledged`);
        else {
          const ack: AlertAcknowledgement = { ...recorded, action: data.action };
          alert.acknowledged = ack;
        }
        break;
      }
      case 'discharge-assessment': {
        if (state !== 'stopped' && state !== 'discharged') {
          problem(`discharge assessment while ${state}`);
          break;
        }
        discharge = {
          ...recorded,
          aldrete: data.aldrete,
          escortPresent: data.escortPresent,
          noDrivingAdviceGiven: data.noDrivingAdviceGiven,
          instructionsGiven: data.instructionsGiven,
          ...(data.escortName === undefined ? {} : { escortName: data.escortName }),
          ...(data.note === undefined ? {} : { note: data.note }),
        };
        state = 'discharged';
        break;
      }
      case 'nurse-sign': {
        if (state !== 'discharged') {
          problem(`nurse signature while ${state}; the discharge assessment comes first`);
          break;
        }
        if (entry.recordedBy === null) {
          problem('a signature must be recorded by a staff member');
          break;
        }
        nurseSignedBy =
          data.dischargeNotReadyReason === undefined
            ? recorded
            : { ...recorded, dischargeNotReadyReason: data.dischargeNotReadyReason };
        state = 'nurse-signed';
        break;
      }
      case 'physician-cosign': {
        if (state !== 'nurse-signed') {
          problem(`physician co-signature while ${state}; the nurse signs first`);
          break;
        }
        if (entry.recordedBy?.role !== 'physician') {
          problem(`co-signature by ${entry.recordedBy?.role ?? 'a device'}, not a physician; not counted`);
          break;
        }
        physicianCosignedBy = recorded;
        state = 'locked';
        break;
      }
      case 'addendum':
        addenda.push({ ...recorded, text: data.text, reason: data.reason });
        break;
      case 'note':
        notes.push({ ...recorded, text: data.text });
        break;
    }
  }

  const latestEntryAt = latestIso(entries.map((e) => e.occurredAt));
  const open = segments.find((s) => s.toIso === null);
  // An open segment is counted up to `now` (or the latest entry), never backwards.
  const openUntil =
    open === undefined ? null : (latestIso([open.fromIso, input.now ?? latestEntryAt]) ?? open.fromIso);
  const counted = segments.map((s) => (s.toIso === null ? { ...s, toIso: openUntil } : s));
  const lastDoseAt = latestIso([...counted.map((s) => s.toIso), ...boluses.map((b) => b.at)]);
  const administered = administeredDose(counted, null, boluses);

  const awaitingDoubleCheck = programs.filter((p) => p.doubleCheckedBy === null).map((p) => p.seq);
  return {
    sessionId: input.session.id,
    state,
    scheduledStart: input.session.scheduledStart,
    plannedDurationMin: input.session.plannedDurationMin,
    lastSeq: entries.reduce((m, e) => Math.max(m, e.seq), 0),
    checklist,
    programs,
    currentSetting: current,
    awaitingDoubleCheck,
    startedAt,
    stoppedAt,
    paused: state === 'paused',
    pauses,
    rateSegments: segments,
    boluses,
    administered: { ...administered, asOf: openUntil ?? lastDoseAt },
    lastDoseAt,
    vitals,
    baseline: markedBaseline ?? preStartBaseline,
    painBefore,
    painAfter,
    sideEffects,
    rescueMeds,
    alerts,
    discharge,
    nurseSignedBy,
    physicianCosignedBy,
    locked: state === 'locked',
    addenda,
    notes,
    problems,
  };
}

function programSetting(data: Data<'pump-program'>, recorded: Recorded): Mutable<PumpSetting> {
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

function rateChangeSetting(
  loaded: PumpSetting,
  data: Data<'rate-change'>,
  recorded: Recorded,
): Mutable<PumpSetting> {
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
