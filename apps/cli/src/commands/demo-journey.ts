/**
 * The demo clinic's patient journey, written through the server's own services (the code paths of the API:
 * settings with reasons, intakes with their eligibility, the physician's qualifications and signed plans, and
 * chart entries run through the session rules, so alerts, projections and the floor board are real):
 *
 * - the clinic settings the journey needs and that have no default, each with the reason that they are demo
 *   values (synthetic demo data, not clinical guidance);
 * - intakes for the first 25 demo patients (by MRN) with varied conditions and findings; qualifications signed
 *   by the demo physician (one patient is not eligible, one waits for the physician);
 * - plans on library protocols: the 10-day CRPS protocol for most, the booster for a few, and 22 mg/h
 *   continuous plans starting next week;
 * - TODAY, 20 chairs in every state: not started, ready to start, running with the monitor bridge's vital
 *   signs every 5 minutes from the start until now (one with a high systolic pressure alert open, one with an
 *   acknowledged alert and a rate change), paused, stopped in observation, discharged and signed.
 *
 * A settable clock stands at the moment each thing happened, so recorded times, the rules' "now" and the audit
 * trail read as a real day. Running it again adds nothing already there; on a later day it charts that day's
 * chairs (and plans new sessions for patients whose series has ended).
 */
import { randomUUID } from 'node:crypto';
import type { Clock, Intake, SessionEntryBody, SessionEntryData, StaffRole } from '@ketapath/core';
import { ZIntake, ZSessionEntryBody } from '@ketapath/core';
import { getProtocol } from '@ketapath/clinical-rules';
import {
  findCurrentSettingChange,
  findInfusionSession,
  findIntakeVersion,
  findLatestQualification,
  findPatient,
  findSessionDetail,
  findUserByEmail,
  listDeviceTokens,
  listPatientPlanVersions,
  listSessionsBetween,
  searchPatients,
  type ClinicRow,
  type PatientWithLatest,
  type SessionDetailRow,
} from '@ketapath/db';
import {
  changeClinicalSetting,
  clinicToday,
  createDevice,
  dayBounds,
  previewPlan,
  recordEntry,
  rescheduleSession,
  saveIntake,
  signPlan,
  signQualification,
  type Actor,
  type AppContext,
  type DeviceActor,
  type EntryWriter,
  type RequestMeta,
} from '@ketapath/server';
import { DemoLedger, type DemoLedgerSummary } from './demo-ledger.js';

export const DEMO_JOURNEY_PATIENTS = 25;
export const DEMO_CHAIRS = 20;
export const DEMO_SETTINGS_REASON = 'Demo clinic settings (synthetic demo data, not clinical guidance)';
const DEMO_DEVICE_LABEL = 'Demo monitor bridge (synthetic data)';
const DEMO_OVERRIDE_REASON = 'Demo: reviewed by the demo physician (synthetic demo data)';

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The settings the journey needs that REFERENCE.md gives no value for (their parameters have no default).
 * These are values for a demonstration only, chosen so the demo's screens work; every one is stored with the
 * reason DEMO_SETTINGS_REASON, visible on the settings page and in its history. A real clinic sets its own.
 */
export const DEMO_CLINIC_SETTINGS: Readonly<Record<string, number | boolean | string>> = {
  'session.qualification-valid-days': 180,
  'eligibility.min-pain-duration-months': 3,
  'eligibility.min-failed-treatment-classes': 2,
  'eligibility.egfr-review-below-ml-per-min-173m2': 30,
  'eligibility.ecg-min-cv-risk-factors': 2,
  'order.weight-change-threshold-pct': 10,
  'order.weight-max-age-days': 90,
  'order.duplicate-window-h': 12,
  'session.fasting-food-interval-min': 360,
  'session.fasting-clear-fluid-interval-min': 120,
  'session.pregnancy-test-required': true,
  'session.pregnancy-test-max-age-h': 72,
  'session.sedation-scale': 'rass',
  'session.sedation-threshold-score': -3,
  'session.sedation-threshold-direction': 'at-or-below',
  'session.dissociation-scale': 'cadss-6',
  'session.dissociation-threshold-score': 12,
};

export interface DemoJourneyResult {
  settingsSet: number;
  intakesCreated: number;
  qualificationsSigned: number;
  plansSigned: number;
  /** Today's chairs on the floor board, and how many were charted by this run. */
  chairsToday: number;
  chairsCharted: number;
  entriesRecorded: number;
  /** Chairs by state after the run. */
  states: Record<string, number>;
  /** The controlled-substance records written this run (demo-ledger.ts). */
  ledger: DemoLedgerSummary | null;
  date: string;
  seconds: number;
}

/** A clock the seeding moves to the moment each step happened (never past the real now). */
class DemoClock implements Clock {
  #at: number;
  constructor(private readonly real: Clock) {
    this.#at = real.now().getTime();
  }
  set(at: Date | number): void {
    this.#at = Math.min(typeof at === 'number' ? at : at.getTime(), this.real.now().getTime());
  }
  now(): Date {
    return new Date(this.#at);
  }
}

/** mulberry32: a small seeded generator so the demo day looks the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

function ageOn(dateOfBirth: string, at: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const beforeBirthday = at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d);
  return at.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

// ── Who is who ──────────────────────────────────────────────────────────────────────────────────────────

interface Condition {
  category: Intake['pain']['conditionCategory'];
  code: string;
  label: string;
  sites: string[];
  character: string[];
}

const CRPS: Condition[] = [
  {
    category: 'crps',
    code: 'G90.511',
    label: 'CRPS type I of right upper limb',
    sites: ['right hand', 'right forearm'],
    character: ['burning', 'allodynia'],
  },
  {
    category: 'crps',
    code: 'G90.512',
    label: 'CRPS type I of left upper limb',
    sites: ['left hand', 'left wrist'],
    character: ['burning', 'swelling'],
  },
  {
    category: 'crps',
    code: 'G90.521',
    label: 'CRPS type I of right lower limb',
    sites: ['right foot', 'right ankle'],
    character: ['burning', 'allodynia', 'colour change'],
  },
  {
    category: 'crps',
    code: 'G90.522',
    label: 'CRPS type I of left lower limb',
    sites: ['left foot'],
    character: ['aching', 'allodynia'],
  },
];
const OTHER: Condition[] = [
  {
    category: 'postherpetic-neuralgia',
    code: 'B02.29',
    label: 'Postherpetic neuralgia',
    sites: ['left T6 dermatome'],
    character: ['burning', 'stabbing'],
  },
  {
    category: 'neuropathic',
    code: 'G62.9',
    label: 'Polyneuropathy, unspecified',
    sites: ['both feet'],
    character: ['burning', 'tingling'],
  },
  {
    category: 'phantom-limb',
    code: 'G54.6',
    label: 'Phantom limb syndrome with pain',
    sites: ['left lower limb (amputated)'],
    character: ['cramping', 'shooting'],
  },
  {
    category: 'fibromyalgia',
    code: 'M79.7',
    label: 'Fibromyalgia',
    sites: ['widespread'],
    character: ['aching'],
  },
  {
    category: 'low-back-spinal',
    code: 'M54.16',
    label: 'Radiculopathy, lumbar region',
    sites: ['lower back', 'left leg'],
    character: ['shooting'],
  },
];

/** What the journey does with demo patient i (in MRN order). */
type Role =
  | { kind: 'today'; chair: number; protocolId: string }
  | { kind: 'next-week'; protocolId: string }
  | { kind: 'not-eligible' }
  | { kind: 'awaiting-qualification' };

const CRPS_10_DAYS = 'crps-4h-daily-10-days';
const BOOSTER = 'booster-4h-100-200-mg';
const CONTINUOUS_22 = 'crps-continuous-22-mg-h-4-days';
/** Patients (by index) on the booster today; they have conditions other than CRPS. */
const BOOSTER_PATIENTS = new Set([5, 12, 17]);

function roleOf(i: number): Role {
  if (i < DEMO_CHAIRS)
    return { kind: 'today', chair: i + 1, protocolId: BOOSTER_PATIENTS.has(i) ? BOOSTER : CRPS_10_DAYS };
  if (i < DEMO_CHAIRS + 3) return { kind: 'next-week', protocolId: CONTINUOUS_22 };
  if (i === DEMO_CHAIRS + 3) return { kind: 'not-eligible' };
  return { kind: 'awaiting-qualification' };
}

function conditionOf(i: number): Condition {
  const pick = (list: readonly Condition[], k: number): Condition => {
    const found = list[k % list.length];
    if (!found) throw new Error('demo: empty condition list');
    return found;
  };
  if (BOOSTER_PATIENTS.has(i)) return pick(OTHER, [...BOOSTER_PATIENTS].indexOf(i));
  if (i === DEMO_CHAIRS + 3) return pick(OTHER, 3);
  if (i === DEMO_CHAIRS + 4) return pick(OTHER, 4);
  return pick(CRPS, i);
}

/** An intake for demo patient i: the facts vary from patient to patient so the screening shows its range. */
function demoIntake(i: number, found: PatientWithLatest, at: Date, rand: () => number): Intake {
  const p = found.patient;
  const sex = p.sexAtBirth === 'male' ? 'male' : 'female';
  const ageYears = ageOn(p.dateOfBirth, at);
  const condition = conditionOf(i);
  const onset = new Date(at.getTime() - (400 + Math.floor(rand() * 1400)) * DAY_MS);
  const classes = (
    ['gabapentinoid', 'physical-therapy', 'antidepressant', 'nsaid', 'psychological'] as const
  ).slice(0, 2 + (i % 3));
  const riskFactors = (['hypertension', 'smoking', 'dyslipidaemia', 'diabetes'] as const).slice(
    0,
    i % 4 === 3 ? 2 : i % 4 === 1 ? 1 : 0,
  );
  const intake: Intake = {
    patient: { ageYears, sex, ...(found.latestWeight ? { weightKg: found.latestWeight.value } : {}) },
    evaluatedOn: isoDay(at),
    pain: {
      onsetOn: isoDay(onset),
      sites: condition.sites,
      character: condition.character,
      primaryCondition: { code: condition.code, label: condition.label },
      conditionCategory: condition.category,
      workup: [
        condition.category === 'crps'
          ? {
              kind: 'bone-scan',
              description: 'Three-phase bone scan',
              performedOn: isoDay(new Date(onset.getTime() + 90 * DAY_MS)),
              result: 'Increased periarticular uptake in the affected limb',
            }
          : {
              kind: 'specialist-assessment',
              description: 'Pain medicine consultation',
              performedOn: isoDay(new Date(onset.getTime() + 60 * DAY_MS)),
              result: `Findings consistent with ${condition.label.toLowerCase()}`,
            },
      ],
    },
    treatmentsTried: [
      ...classes.map((c) => ({ class: c, outcome: 'ineffective' as const })),
      ...(i % 5 === 2
        ? [
            {
              class: 'opioid' as const,
              drug: 'oxycodone' as const,
              dailyDoseMg: 20,
              outcome: 'partial' as const,
            },
          ]
        : []),
    ],
    currentMedications:
      i % 6 === 4
        ? [{ name: 'lorazepam', classes: ['benzodiazepine' as const], doseText: 'at night as needed' }]
        : [],
    cardiovascular: {
      conditions: i % 7 === 6 ? [{ kind: 'hypertension', controlled: true }] : [],
      riskFactors: [...riskFactors],
      suspectedDisease: false,
    },
    vitals: {
      systolicMmHg: 112 + Math.floor(rand() * 30),
      diastolicMmHg: 68 + Math.floor(rand() * 14),
      heartRatePerMin: 62 + Math.floor(rand() * 22),
    },
    psychiatric: {
      psychosis: 'none',
      depression: i % 4 === 2,
      ptsd: false,
      other: [],
    },
    substanceUse:
      i % 8 === 7
        ? [{ substance: 'alcohol', status: 'active', misuse: false, description: 'a few drinks a week' }]
        : [],
    pregnancy: {
      status: sex === 'male' || ageYears >= 55 ? 'not-applicable' : 'not-pregnant',
      breastfeeding: false,
    },
    hepatic: { diseaseSeverity: 'none', chronicHepatitis: false },
    renal: {
      egfrMlPerMinPer173m2: i === DEMO_CHAIRS + 4 ? 26 : 70 + Math.floor(rand() * 40),
      measuredOn: isoDay(new Date(at.getTime() - 20 * DAY_MS)),
    },
    intracranial: { pressure: 'none' },
    intraocular: { glaucoma: 'none' },
    thyroid: { disease: 'none' },
    allergies:
      i === DEMO_CHAIRS + 3
        ? [{ kind: 'ketamine', substance: 'ketamine', reaction: 'anaphylaxis during an earlier anaesthetic' }]
        : i % 9 === 3
          ? [{ kind: 'other', substance: 'penicillin', reaction: 'rash' }]
          : [],
    baselineScores: { nrs: 6 + (i % 4), phq9Total: 4 + (i % 9), phq9Item9: 0, gad7Total: 3 + (i % 7) },
  };
  return ZIntake.parse(intake);
}

// ── Today's floor ───────────────────────────────────────────────────────────────────────────────────────

/** The state a chair is left in, with its times in minutes from now (negative = before now). */
type Scenario =
  | { kind: 'scheduled'; startsAt: number }
  | { kind: 'checklist'; startsAt: number }
  | { kind: 'ready'; startsAt: number }
  | { kind: 'running'; startsAt: number; highBp?: true; ackedAlertAndRateChange?: true; note?: string }
  | { kind: 'paused'; startsAt: number; pausedAt: number }
  | { kind: 'observation'; startsAt: number; stoppedAt: number }
  | { kind: 'signed'; startsAt: number; stoppedAt: number };

/** Chair n (1-based) of the 20. */
const SCENARIOS: readonly Scenario[] = [
  { kind: 'running', startsAt: -225 },
  { kind: 'running', startsAt: -200 },
  { kind: 'running', startsAt: -170, highBp: true },
  { kind: 'running', startsAt: -150, note: 'Comfortable, listening to music; blanket given.' },
  { kind: 'running', startsAt: -125, ackedAlertAndRateChange: true },
  { kind: 'running', startsAt: -100 },
  { kind: 'paused', startsAt: -90, pausedAt: -12 },
  { kind: 'running', startsAt: -75 },
  { kind: 'running', startsAt: -55, note: 'Reports feeling "floaty"; reassured, lights dimmed.' },
  { kind: 'running', startsAt: -35 },
  { kind: 'running', startsAt: -20 },
  { kind: 'running', startsAt: -8 },
  { kind: 'observation', startsAt: -275, stoppedAt: -35 },
  { kind: 'observation', startsAt: -290, stoppedAt: -50 },
  { kind: 'signed', startsAt: -330, stoppedAt: -90 },
  { kind: 'ready', startsAt: 10 },
  { kind: 'checklist', startsAt: 30 },
  { kind: 'scheduled', startsAt: 60 },
  { kind: 'scheduled', startsAt: 90 },
  { kind: 'scheduled', startsAt: 120 },
];

interface Vitals {
  systolicMmHg: number;
  diastolicMmHg: number;
  heartRatePerMin: number;
  spo2Percent: number;
  respiratoryRatePerMin: number;
}

interface Seeder {
  ctx: AppContext;
  clock: DemoClock;
  meta: RequestMeta;
  clinicId: string;
  actors: Record<StaffRole, Actor>;
  device: DeviceActor;
  now: number;
  entries: number;
  /** Draws for the bags and the witnessed waste of finished infusions (demo-ledger.ts). */
  ledger: DemoLedger;
}

/** Records one entry as the API would (validated, then the session service), at its own time. */
async function chart(
  s: Seeder,
  writer: EntryWriter,
  sessionId: string,
  atMs: number,
  entry: SessionEntryData,
  stateChanging = false,
): Promise<{ seq: number; raisedAlerts: { seq: number; data: SessionEntryData }[] }> {
  const clientEntryId = randomUUID();
  const occurredAt = new Date(Math.min(atMs, s.now)).toISOString();
  s.clock.set(atMs);
  let expectedVersion: number | undefined;
  if (stateChanging)
    expectedVersion = (await findInfusionSession(s.ctx.database.db, s.clinicId, sessionId))?.version ?? 0;
  const body: SessionEntryBody = ZSessionEntryBody.parse({
    entry,
    occurredAt,
    clientEntryId,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });
  const recorded = await recordEntry(s.ctx, writer, s.meta, sessionId, body);
  s.entries += 1 + recorded.raisedAlerts.length;
  return { seq: recorded.entry.seq, raisedAlerts: recorded.raisedAlerts };
}

const nurseOf = (s: Seeder): EntryWriter => ({ kind: 'staff', actor: s.actors.nurse });
const physicianOf = (s: Seeder): EntryWriter => ({ kind: 'staff', actor: s.actors.physician });
const deviceOf = (s: Seeder): EntryWriter => ({ kind: 'device', device: s.device });

interface StepFacts {
  rate: { value: number; unit: 'mg/kg/h' | 'mg/h' | 'µg/kg/min' };
  rateMlPerH: number;
  doseWeightKg: number;
  weightBasis: 'actual' | 'ideal' | 'adjusted';
  durationMin: number;
  bag: { drugMg: number; volumeMl: number };
}

/** The signed plan's infusion step as the pump is programmed from it. */
function infusionStep(detail: SessionDetailRow): StepFacts | null {
  const steps = (detail.plan.dosing as { steps?: unknown[] }).steps ?? [];
  for (const raw of steps) {
    const step = raw as {
      order?: {
        kind?: string;
        rate?: StepFacts['rate'];
        weightBasis?: StepFacts['weightBasis'];
        durationMin?: number;
        bag?: StepFacts['bag'];
      };
      check?: { pump?: { rateMlPerH?: number | null; doseWeightKg?: number | null } };
    };
    const order = step.order;
    const pump = step.check?.pump;
    if (order?.kind !== 'infusion' || !order.rate || !order.bag || !pump?.rateMlPerH || !pump.doseWeightKg)
      continue;
    return {
      rate: order.rate,
      rateMlPerH: pump.rateMlPerH,
      doseWeightKg: pump.doseWeightKg,
      weightBasis: order.weightBasis ?? 'actual',
      durationMin: order.durationMin ?? detail.session.plannedDurationMin,
      bag: order.bag,
    };
  }
  return null;
}

/** mL/h for a rate on this step's weight and bag. */
function mlPerH(step: StepFacts, value: number): number {
  const concentration = step.bag.drugMg / step.bag.volumeMl;
  const mgPerH =
    step.rate.unit === 'mg/kg/h'
      ? value * step.doseWeightKg
      : step.rate.unit === 'mg/h'
        ? value
        : (value * step.doseWeightKg * 60) / 1000;
  return mgPerH / concentration;
}

async function preStart(
  s: Seeder,
  detail: SessionDetailRow,
  step: StepFacts,
  startMs: number,
  baseline: Vitals,
  full: boolean,
) {
  const id = detail.session.id;
  const nurse = nurseOf(s);
  const t = (min: number) => startMs + min * MIN_MS;
  await chart(s, nurse, id, t(-40), {
    kind: 'checklist',
    checklist: { item: 'consent', signedAt: new Date(t(-42)).toISOString() },
  });
  await chart(s, nurse, id, t(-38), {
    kind: 'checklist',
    checklist: {
      item: 'fasting',
      lastFoodAt: new Date(t(-720)).toISOString(),
      lastClearFluidAt: new Date(t(-200)).toISOString(),
    },
  });
  if (!full) return;
  const female =
    detail.patient.sexAtBirth === 'female' && ageOn(detail.patient.dateOfBirth, new Date(startMs)) < 55;
  if (female) {
    await chart(s, nurse, id, t(-36), {
      kind: 'checklist',
      checklist: { item: 'pregnancy-test', result: 'negative', at: new Date(t(-50)).toISOString() },
    });
  }
  const testsDue = await testsDueOf(s, detail);
  for (const testId of testsDue) {
    await chart(s, nurse, id, t(-35), {
      kind: 'checklist',
      checklist: { item: 'pre-treatment-test', testId, doneAt: new Date(t(-60 * 24 * 3)).toISOString() },
    });
  }
  await chart(s, nurse, id, t(-34), {
    kind: 'checklist',
    checklist: { item: 'escort', confirmed: true, name: 'Escort on file (demo)' },
  });
  await chart(s, nurse, id, t(-25), {
    kind: 'vitals',
    vitals: { ...baseline, baseline: true, source: 'manual' },
  });
  await chart(s, nurse, id, t(-22), {
    kind: 'pain-score',
    when: 'before',
    nrs: 6 + (detail.session.sessionNumber % 3),
  });
  await s.ledger.drawForBag(id, t(-18), step.bag.drugMg);
  const program = await chart(
    s,
    nurse,
    id,
    t(-15),
    {
      kind: 'pump-program',
      bag: {
        drug: 'ketamine',
        drugMg: step.bag.drugMg,
        volumeMl: step.bag.volumeMl,
        lot: `DEMO-${detail.patient.mrn.slice(-4)}`,
      },
      rate: step.rate,
      weightKg: Math.round(step.doseWeightKg * 10) / 10,
      weightBasis: step.weightBasis,
      rateMlPerH: step.rateMlPerH,
      volumeToInfuseMl: Math.round(((step.rateMlPerH * step.durationMin) / 60) * 10) / 10,
    },
    true,
  );
  await chart(s, physicianOf(s), id, t(-10), { kind: 'double-check', programSeq: program.seq }, true);
}

async function testsDueOf(s: Seeder, detail: SessionDetailRow): Promise<string[]> {
  const q = await findLatestQualification(s.ctx.database.db, s.clinicId, detail.patient.id);
  const due = (q?.eligibility as { testsDue?: { id?: unknown }[] } | undefined)?.testsDue ?? [];
  return due.flatMap((d) => (typeof d.id === 'string' ? [d.id] : []));
}

/** A monitor reading near the baseline, drifting a little up during the infusion (seeded noise). */
function reading(baseline: Vitals, rand: () => number, during: boolean): Vitals {
  const jitter = (n: number) => Math.round((rand() * 2 - 1) * n);
  const lift = during ? 6 : 2;
  return {
    systolicMmHg: baseline.systolicMmHg + lift + jitter(6),
    diastolicMmHg: baseline.diastolicMmHg + Math.round(lift / 2) + jitter(4),
    heartRatePerMin: baseline.heartRatePerMin + lift + jitter(5),
    spo2Percent: Math.min(100, 97 + Math.round(rand() * 2)),
    respiratoryRatePerMin: 13 + Math.round(rand() * 4),
  };
}

async function chartChair(
  s: Seeder,
  detail: SessionDetailRow,
  scenario: Scenario,
  chairNo: number,
): Promise<void> {
  const rand = seeded(chairNo * 7919);
  const id = detail.session.id;
  const step = infusionStep(detail);
  if (!step) return;
  const startMs = s.now + scenario.startsAt * MIN_MS;
  const baseline: Vitals = {
    systolicMmHg: 116 + Math.round(rand() * 16),
    diastolicMmHg: 70 + Math.round(rand() * 10),
    heartRatePerMin: 64 + Math.round(rand() * 16),
    spo2Percent: 98,
    respiratoryRatePerMin: 14,
  };
  if (scenario.kind === 'scheduled') return;
  if (scenario.kind === 'checklist') return preStart(s, detail, step, startMs, baseline, false);
  await preStart(s, detail, step, startMs, baseline, true);
  if (scenario.kind === 'ready') return;

  const nurse = nurseOf(s);
  const device = deviceOf(s);
  const started = await chart(s, nurse, id, startMs, { kind: 'start' }, true);
  // Alerts raised by the start itself (no readings yet since the start) are acknowledged at the first reading.
  let pendingAcks = started.raisedAlerts.map((a) => a.seq);
  const stopMs = 'stoppedAt' in scenario ? s.now + scenario.stoppedAt * MIN_MS : null;
  const pauseMs = scenario.kind === 'paused' ? s.now + scenario.pausedAt * MIN_MS : null;
  const endMs = stopMs ?? s.now;
  const highBp = scenario.kind === 'running' && scenario.highBp === true;
  const acked = scenario.kind === 'running' && scenario.ackedAlertAndRateChange === true;
  const alertAtMs = acked ? startMs + 60 * MIN_MS : null;

  for (let at = startMs + 5 * MIN_MS; at <= endMs; at += 5 * MIN_MS) {
    let v = reading(baseline, rand, true);
    if (highBp && at > s.now - 20 * MIN_MS) {
      // A climbing systolic pressure over the last 20 minutes, ending over the limit: the alert stays open.
      const k = (at - (s.now - 20 * MIN_MS)) / (20 * MIN_MS);
      v = { ...v, systolicMmHg: Math.round(150 + k * 36), diastolicMmHg: Math.round(88 + k * 8) };
    }
    if (alertAtMs !== null && at === alertAtMs) v = { ...v, systolicMmHg: 184, diastolicMmHg: 94 };
    const recorded = await chart(s, device, id, at, { kind: 'vitals', vitals: { ...v, source: 'device' } });
    for (const alertSeq of pendingAcks) {
      await chart(s, nurse, id, at + MIN_MS, {
        kind: 'alert-ack',
        alertSeq,
        action: 'Monitor connected; readings are being recorded',
      });
    }
    pendingAcks = [];
    if (alertAtMs !== null && at === alertAtMs) {
      for (const alert of recorded.raisedAlerts) {
        await chart(s, physicianOf(s), id, at + 2 * MIN_MS, {
          kind: 'alert-ack',
          alertSeq: alert.seq,
          action: 'Rate reduced; blood pressure rechecked in 5 minutes (demo)',
        });
      }
      const lower = step.rate.unit === 'mg/kg/h' ? 0.25 : Math.round(step.rate.value * 0.75 * 100) / 100;
      const change = await chart(
        s,
        nurse,
        id,
        at + 3 * MIN_MS,
        {
          kind: 'rate-change',
          rate: { value: lower, unit: step.rate.unit },
          rateMlPerH: mlPerH(step, lower),
          reason: 'Systolic pressure rise',
        },
        true,
      );
      await chart(
        s,
        physicianOf(s),
        id,
        at + 4 * MIN_MS,
        { kind: 'double-check', programSeq: change.seq },
        true,
      );
      baseline.systolicMmHg = Math.min(baseline.systolicMmHg, 128);
    }
    if (scenario.kind === 'running' && scenario.note && at === startMs + 30 * MIN_MS) {
      await chart(s, nurse, id, at + MIN_MS, { kind: 'note', text: scenario.note });
    }
    if (pauseMs !== null && at <= pauseMs && at + 5 * MIN_MS > pauseMs) {
      await chart(s, nurse, id, pauseMs - 2 * MIN_MS, {
        kind: 'side-effect',
        symptom: 'nausea',
        note: 'Mild nausea (demo)',
      });
      await chart(
        s,
        nurse,
        id,
        pauseMs,
        { kind: 'pause', reason: 'Nausea: infusion paused while it settles' },
        true,
      );
      await chart(s, nurse, id, pauseMs + MIN_MS, {
        kind: 'rescue-medication',
        drug: 'ondansetron',
        doseMg: 4,
        route: 'IV',
        reason: 'Nausea (demo)',
      });
    }
  }
  if (stopMs === null) return;

  await chart(s, nurse, id, stopMs, { kind: 'stop', reason: 'Planned end of infusion' }, true);
  await s.ledger.wasteRemainder(id, stopMs + 5 * MIN_MS, step.bag);
  await chart(s, nurse, id, stopMs + 10 * MIN_MS, {
    kind: 'pain-score',
    when: 'after',
    nrs: 2 + (chairNo % 3),
  });
  const dischargeMs = scenario.kind === 'signed' ? stopMs + 70 * MIN_MS : s.now;
  for (let at = stopMs + 15 * MIN_MS; at <= dischargeMs; at += 15 * MIN_MS) {
    await chart(s, device, id, at, {
      kind: 'vitals',
      vitals: { ...reading(baseline, rand, false), source: 'device' },
    });
  }
  if (scenario.kind !== 'signed') return;
  await chart(
    s,
    nurse,
    id,
    dischargeMs,
    {
      kind: 'discharge-assessment',
      aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
      escortPresent: true,
      escortName: 'Escort on file (demo)',
      noDrivingAdviceGiven: true,
      instructionsGiven: true,
    },
    true,
  );
  await chart(s, nurse, id, dischargeMs + 5 * MIN_MS, { kind: 'nurse-sign' }, true);
  await chart(s, physicianOf(s), id, dischargeMs + 10 * MIN_MS, { kind: 'physician-cosign' }, true);
}

// ── The run ─────────────────────────────────────────────────────────────────────────────────────────────

async function ensureSettings(
  ctx: AppContext,
  physician: Actor,
  meta: RequestMeta,
  clinicId: string,
): Promise<number> {
  let set = 0;
  for (const [parameterId, value] of Object.entries(DEMO_CLINIC_SETTINGS)) {
    const current = await findCurrentSettingChange(ctx.database.db, clinicId, parameterId);
    if (current) continue; // the clinic (or an earlier run) has set it: leave it
    await changeClinicalSetting(ctx, physician, meta, parameterId, {
      value,
      reason: DEMO_SETTINGS_REASON,
      expectedVersion: 0,
    });
    set++;
  }
  return set;
}

async function ensureDevice(
  ctx: AppContext,
  admin: Actor,
  meta: RequestMeta,
  clinicId: string,
): Promise<DeviceActor> {
  const existing = (await listDeviceTokens(ctx.database.db, clinicId)).find(
    (d) => d.label === DEMO_DEVICE_LABEL && d.revokedAt === null,
  );
  if (existing) return { deviceId: existing.id, clinicId, label: existing.label };
  const created = await createDevice(ctx, admin, meta, DEMO_DEVICE_LABEL);
  return { deviceId: created.id, clinicId, label: created.label };
}

function reasonsFor(findings: readonly { ruleId: string; severity: string }[]) {
  return [...new Set(findings.filter((f) => f.severity === 'needs-ack').map((f) => f.ruleId))].map(
    (ruleId) => ({
      ruleId,
      reason: DEMO_OVERRIDE_REASON,
    }),
  );
}

/** A qualification current now for patient i, signing one when missing or expired; false when not eligible. */
async function ensureQualified(
  s: Seeder,
  patientId: string,
  atMs: number,
  counts: DemoJourneyResult,
): Promise<boolean> {
  const db = s.ctx.database.db;
  const intake = await findIntakeVersion(db, s.clinicId, patientId);
  if (!intake) return false;
  if (intake.eligibilityStatus === 'not-eligible') return false;
  const q = await findLatestQualification(db, s.clinicId, patientId);
  if (q && q.intakeVersion === intake.version && q.expiresAt.getTime() > s.now + DAY_MS) return true;
  s.clock.set(atMs);
  const findings =
    (intake.eligibility as { findings?: { ruleId: string; severity: string }[] }).findings ?? [];
  await signQualification(s.ctx, s.actors.physician, s.meta, patientId, {
    intakeVersion: intake.version,
    overrides: reasonsFor(findings),
  });
  counts.qualificationsSigned++;
  return true;
}

async function signDemoPlan(
  s: Seeder,
  patientId: string,
  protocolId: string,
  firstSessionAt: Date,
  signAtMs: number,
): Promise<void> {
  const protocol = getProtocol(protocolId);
  if (!protocol) throw new Error(`demo: no library protocol ${protocolId}`);
  s.clock.set(signAtMs);
  const body = {
    protocolId,
    protocolVersion: protocol.version,
    firstSessionAt: firstSessionAt.toISOString(),
    // A protocol without a session count (the booster) is planned as one session.
    ...(protocol.sessions.count === null ? { sessionTimes: [firstSessionAt.toISOString()] } : {}),
    bag: { drugMg: 200, volumeMl: 100 },
    overrides: [] as { ruleId: string; reason: string }[],
  };
  const preview = await previewPlan(s.ctx, s.actors.physician, s.meta, patientId, body);
  body.overrides = reasonsFor(preview.steps.flatMap((st) => st.check.findings));
  await signPlan(s.ctx, s.actors.physician, s.meta, patientId, body);
}

const roundTo5Min = (ms: number) => Math.round(ms / (5 * MIN_MS)) * 5 * MIN_MS;

/** The demo users (one per role) as actors, from their sign-in emails. */
async function demoActors(
  ctx: AppContext,
  clinic: ClinicRow,
  emails: Record<StaffRole, string>,
): Promise<Record<StaffRole, Actor>> {
  const actors = {} as Record<StaffRole, Actor>;
  for (const [role, email] of Object.entries(emails) as [StaffRole, string][]) {
    const found = await findUserByEmail(ctx.database.db, email);
    if (found?.user.clinicId !== clinic.id)
      throw new Error(`demo: no demo ${role} (${email}) in the demo clinic`);
    const u = found.user;
    actors[role] = {
      userId: u.id,
      clinicId: clinic.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      sessionTokenHash: '',
      csrfToken: '',
    };
  }
  return actors;
}

export async function seedDemoJourney(
  baseCtx: AppContext,
  clinic: ClinicRow,
  userEmails: Record<StaffRole, string>,
): Promise<DemoJourneyResult> {
  const t0 = performance.now();
  const actors = await demoActors(baseCtx, clinic, userEmails);
  const clock = new DemoClock(baseCtx.clock);
  const ctx: AppContext = { ...baseCtx, clock };
  const now = roundTo5Min(baseCtx.clock.now().getTime() - 2 * MIN_MS);
  const meta: RequestMeta = { requestId: 'demo-journey', ip: null, userAgent: 'ketapath demo' };
  const db = ctx.database.db;
  const result: DemoJourneyResult = {
    settingsSet: 0,
    intakesCreated: 0,
    qualificationsSigned: 0,
    plansSigned: 0,
    chairsToday: 0,
    chairsCharted: 0,
    entriesRecorded: 0,
    states: {},
    ledger: null,
    date: clinicToday(baseCtx),
    seconds: 0,
  };

  clock.set(now - 30 * DAY_MS);
  result.settingsSet = await ensureSettings(ctx, actors.physician, meta, clinic.id);
  const device = await ensureDevice(ctx, actors.admin, meta, clinic.id);
  const ledger = await DemoLedger.prepare(
    ctx,
    (at) => {
      clock.set(at);
    },
    actors,
    meta,
    now,
  );
  const s: Seeder = { ctx, clock, meta, clinicId: clinic.id, actors, device, now, entries: 0, ledger };

  const listed = await searchPatients(
    db,
    clinic.id,
    { nameFragments: [], dateOfBirth: null, mrnPrefix: null },
    { limit: 500, offset: 0 },
  );
  const patients = [...listed.rows]
    .sort((a, b) => a.mrn.localeCompare(b.mrn))
    .slice(0, DEMO_JOURNEY_PATIENTS);
  const { from: dayFrom, to: dayTo } = dayBounds(result.date, ctx.config.timeZone);
  const todayStart = (n: number) => {
    const scenario = SCENARIOS[n - 1] ?? { startsAt: 60 };
    return new Date(
      Math.min(
        dayTo.getTime() - 5 * MIN_MS,
        Math.max(dayFrom.getTime() + 5 * MIN_MS, now + scenario.startsAt * MIN_MS),
      ),
    );
  };

  // Intakes, qualifications, plans.
  for (const [i, row] of patients.entries()) {
    const role = roleOf(i);
    const rand = seeded(1000 + i);
    const found = await findPatient(db, clinic.id, row.id);
    if (!found) continue;
    const intakeAt = now - (21 + (i % 7)) * DAY_MS;
    if (!(await findIntakeVersion(db, clinic.id, row.id))) {
      clock.set(intakeAt);
      await saveIntake(ctx, actors.nurse, meta, row.id, {
        intake: demoIntake(i, found, new Date(intakeAt), rand),
        expectedVersion: 0,
      });
      result.intakesCreated++;
    }
    if (role.kind === 'not-eligible' || role.kind === 'awaiting-qualification') continue;
    const hasPlan = (await listPatientPlanVersions(db, clinic.id, row.id)).length > 0;
    if (!hasPlan) {
      if (!(await ensureQualified(s, row.id, intakeAt + DAY_MS, result))) continue;
      const first =
        role.kind === 'today'
          ? todayStart(role.chair)
          : new Date(dayTo.getTime() + 6 * DAY_MS + 9 * 60 * MIN_MS); // next week, in the morning
      await signDemoPlan(s, row.id, role.protocolId, first, intakeAt + 2 * DAY_MS);
      result.plansSigned++;
    }
  }

  // Today's chairs: a session today for each of the 20 (a new plan when a series has ended), then the chart.
  const todays = async () =>
    (await listSessionsBetween(db, clinic.id, { from: dayFrom, to: dayTo, includeCancelled: false })).filter(
      (d) => patients.some((p) => p.id === d.patient.id),
    );
  let sessions = await todays();
  for (const [i, row] of patients.entries()) {
    const role = roleOf(i);
    if (role.kind !== 'today' || sessions.some((d) => d.patient.id === row.id)) continue;
    if (!(await ensureQualified(s, row.id, now - 3 * 60 * MIN_MS, result))) continue;
    await signDemoPlan(s, row.id, role.protocolId, todayStart(role.chair), now - 2 * 60 * MIN_MS);
    result.plansSigned++;
  }
  sessions = await todays();
  result.chairsToday = sessions.length;
  const chairOf = new Map(patients.map((p, i) => [p.id, i + 1]));
  for (const detail of sessions) {
    const n = chairOf.get(detail.patient.id) ?? DEMO_CHAIRS;
    if (detail.session.chair !== null || detail.session.state !== 'scheduled' || detail.session.lastSeq > 0)
      continue;
    const scenario = SCENARIOS[n - 1] ?? { kind: 'scheduled', startsAt: 60 };
    clock.set(Math.min(now, now + scenario.startsAt * MIN_MS) - 60 * MIN_MS);
    await rescheduleSession(ctx, actors.front_desk, meta, detail.session.id, {
      chair: `Chair ${n}`,
      assignedNurseId: actors.nurse.userId,
      scheduledStart: todayStart(n).toISOString(),
      expectedVersion: detail.session.version,
    });
    const fresh = await findSessionDetail(db, clinic.id, detail.session.id);
    if (!fresh) continue;
    await chartChair(s, fresh, scenario, n);
    result.chairsCharted++;
  }
  for (const d of await todays()) result.states[d.session.state] = (result.states[d.session.state] ?? 0) + 1;
  await ledger.countAtEndOfDay(now);
  result.ledger = ledger.summary;
  result.entriesRecorded = s.entries;
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}
