/**
 * buildSessionSnapshot: the snapshot the session rules read (evaluateSession), made from the folded chart and
 * the facts the chart does not hold (the patient, the signed qualification, the tests the screening found due).
 */
import type { EligibilityStatus, SessionPhase, SessionSnapshot, SexAtBirth } from '@ketapath/core';
import type { ChartState, ChartStateName } from './chart-types.js';

export interface SnapshotContext {
  readonly patient: {
    readonly ageYears: number;
    readonly sex: SexAtBirth;
    readonly pregnancyPossible: boolean;
  };
  /** The qualification the session runs under, or null when none is signed. */
  readonly qualification: {
    readonly status: EligibilityStatus;
    readonly signedAt: string | null;
    readonly signedBy: string | null;
    readonly expiresAt: string | null;
  } | null;
  /** Ids of the pre-treatment tests the eligibility screening found due (REFERENCE §1.6), e.g. 'ecg'. */
  readonly testsDue: readonly string[];
  readonly now: string;
}

const PHASE_BY_STATE: Readonly<Record<ChartStateName, SessionPhase>> = {
  scheduled: 'pre-start',
  cancelled: 'pre-start',
  running: 'infusion',
  paused: 'infusion',
  stopped: 'discharge',
  discharged: 'discharge',
  'nurse-signed': 'discharge',
  locked: 'discharge',
};

export function phaseOf(state: ChartStateName): SessionPhase {
  return PHASE_BY_STATE[state];
}

/** The snapshot keeps at most this many readings (ZSessionSnapshot's limits); the latest are kept. */
const MAX_VITALS = 2000;
const MAX_SYMPTOMS = 500;
const MAX_RESCUE = 200;
const MAX_TESTS = 50;

/** The infusing rate in mg/kg/h on the loaded setting's weight: 0 while paused, absent outside the infusion. */
export function currentRateMgPerKgPerH(chart: ChartState): number | undefined {
  if (chart.state === 'paused') return 0;
  if (chart.state !== 'running') return undefined;
  const open = chart.rateSegments.find((s) => s.toIso === null);
  return open === undefined ? undefined : open.rateMgPerH / open.weightKg;
}

export function buildSessionSnapshot(chart: ChartState, context: SnapshotContext): SessionSnapshot {
  const phase = phaseOf(chart.state);
  const q = context.qualification;
  const { checklist } = chart;
  const done = new Map(checklist.preTreatmentTests.map((t) => [t.testId, t.doneAt]));
  const testIds = [...new Set([...context.testsDue, ...done.keys()])].slice(0, MAX_TESTS);
  const rate = currentRateMgPerKgPerH(chart);
  const escort = checklist.escort;
  return {
    now: context.now,
    phase,
    patient: { ...context.patient },
    eligibility:
      q === null
        ? { status: 'needs-physician-review', signedAt: null, signedBy: null, expiresAt: null }
        : { status: q.status, signedAt: q.signedAt, signedBy: q.signedBy, expiresAt: q.expiresAt },
    consent: { signedAt: checklist.consent?.signedAt ?? null },
    fasting: {
      lastFoodAt: checklist.fasting?.lastFoodAt ?? null,
      lastClearFluidAt: checklist.fasting?.lastClearFluidAt ?? null,
    },
    pregnancyTest: {
      result: checklist.pregnancyTest?.result ?? null,
      at: checklist.pregnancyTest?.at ?? null,
    },
    escort: {
      confirmed: escort?.confirmed ?? false,
      ...(escort?.name === undefined ? {} : { name: escort.name }),
    },
    preTreatmentTests: testIds.map((id) => ({
      id,
      due: context.testsDue.includes(id),
      doneAt: done.get(id) ?? null,
    })),
    baselineVitals:
      chart.baseline === null
        ? null
        : {
            at: chart.baseline.at,
            systolicMmHg: chart.baseline.systolicMmHg,
            diastolicMmHg: chart.baseline.diastolicMmHg,
            heartRatePerMin: chart.baseline.heartRatePerMin,
            spo2Percent: chart.baseline.spo2Percent,
            respiratoryRatePerMin: chart.baseline.respiratoryRatePerMin,
          },
    vitals: chart.vitals.slice(-MAX_VITALS).map((v) => ({
      at: v.at,
      ...(v.systolicMmHg === undefined ? {} : { systolicMmHg: v.systolicMmHg }),
      ...(v.diastolicMmHg === undefined ? {} : { diastolicMmHg: v.diastolicMmHg }),
      ...(v.heartRatePerMin === undefined ? {} : { heartRatePerMin: v.heartRatePerMin }),
      ...(v.spo2Percent === undefined ? {} : { spo2Percent: v.spo2Percent }),
      ...(v.respiratoryRatePerMin === undefined ? {} : { respiratoryRatePerMin: v.respiratoryRatePerMin }),
      ...(v.sedation === undefined ? {} : { sedation: v.sedation }),
      ...(v.dissociation === undefined ? {} : { dissociation: v.dissociation }),
      ...(v.onSupplementalO2 === undefined ? {} : { onSupplementalO2: v.onSupplementalO2 }),
    })),
    infusion: {
      startedAt: chart.startedAt,
      stoppedAt: chart.stoppedAt,
      ...(rate === undefined ? {} : { currentRateMgPerKgPerH: rate }),
    },
    symptoms: chart.sideEffects.slice(-MAX_SYMPTOMS).map((s) => ({
      at: s.at,
      kind: s.symptom,
      ...(s.note === undefined ? {} : { note: s.note }),
    })),
    rescueMedications: chart.rescueMeds.slice(-MAX_RESCUE).map((r) => ({
      at: r.at,
      drug: r.drug,
      doseMg: r.doseMg,
      route: r.route,
      reason: r.reason,
    })),
    discharge:
      phase !== 'discharge'
        ? null
        : {
            aldrete: chart.discharge?.aldrete ?? null,
            lastDoseAt: chart.lastDoseAt,
            escortPresent: chart.discharge?.escortPresent ?? false,
            noDrivingAdviceGiven: chart.discharge?.noDrivingAdviceGiven ?? false,
            instructionsGiven: chart.discharge?.instructionsGiven ?? false,
          },
  };
}
