/**
 * Builders for session snapshots in tests: a pre-start snapshot where every check passes, with overrides.
 * Times are pinned: `NOW` is the evaluation instant; helpers give instants minutes before it.
 */
import type { SessionSnapshot } from '@ketapath/core';
import type { ClinicSettings } from '../../../settings.js';

export const NOW = '2025-03-10T10:00:00.000Z';

/** The instant `min` minutes before NOW (negative = after). */
export function minBefore(min: number, now: string = NOW): string {
  return new Date(Date.parse(now) - min * 60_000).toISOString();
}

/**
 * An example clinic's settings for the parameters REFERENCE.md gives no value for. These are test inputs
 * standing for one clinic's own choices, not defaults: fasting intervals copied from the esketamine label
 * example (§3.3), pregnancy test required within 72 h, RASS sedation acted on at −2 or deeper, CADSS-6
 * acted on at 10 or more.
 */
export const EXAMPLE_CLINIC_SETTINGS: ClinicSettings = {
  'session.fasting-food-interval-min': 120,
  'session.fasting-clear-fluid-interval-min': 30,
  'session.pregnancy-test-required': true,
  'session.pregnancy-test-max-age-h': 72,
  'session.sedation-scale': 'rass',
  'session.sedation-threshold-score': -2,
  'session.sedation-threshold-direction': 'at-or-below',
  'session.dissociation-scale': 'cadss-6',
  'session.dissociation-threshold-score': 10,
  'session.qualification-valid-days': 180,
};

type Overrides = { [K in keyof SessionSnapshot]?: SessionSnapshot[K] };

/** A pre-start snapshot that passes every check under EXAMPLE_CLINIC_SETTINGS. */
export function makeSnapshot(overrides: Overrides = {}): SessionSnapshot {
  return {
    now: NOW,
    phase: 'pre-start',
    patient: { ageYears: 45, sex: 'female', pregnancyPossible: false },
    eligibility: {
      status: 'eligible',
      signedAt: minBefore(60 * 24 * 7),
      signedBy: 'Dr A. Physician',
      expiresAt: minBefore(-60 * 24 * 30),
    },
    consent: { signedAt: minBefore(30) },
    fasting: { lastFoodAt: minBefore(240), lastClearFluidAt: minBefore(60) },
    pregnancyTest: { result: null, at: null },
    escort: { confirmed: true, name: 'J. Escort' },
    preTreatmentTests: [],
    baselineVitals: {
      at: minBefore(10),
      systolicMmHg: 124,
      diastolicMmHg: 78,
      heartRatePerMin: 72,
      spo2Percent: 98,
      respiratoryRatePerMin: 14,
    },
    vitals: [],
    infusion: { startedAt: null, stoppedAt: null },
    symptoms: [],
    rescueMedications: [],
    discharge: null,
    ...overrides,
  };
}

type Vitals = SessionSnapshot['vitals'][number];

/** An infusion-phase snapshot started 30 min ago, with these readings (default: one normal reading now). */
export function makeInfusion(
  readings: readonly Omit<Vitals, 'at'>[] | null = null,
  overrides: Overrides = {},
): SessionSnapshot {
  const rows = readings ?? [
    { systolicMmHg: 130, diastolicMmHg: 80, heartRatePerMin: 80, spo2Percent: 97, respiratoryRatePerMin: 14 },
  ];
  return makeSnapshot({
    phase: 'infusion',
    infusion: { startedAt: minBefore(30), stoppedAt: null, currentRateMgPerKgPerH: 0.5 },
    vitals: rows.map((r, i) => ({ at: minBefore((rows.length - 1 - i) * 5), ...r })),
    ...overrides,
  });
}

/** A discharge-phase snapshot: infusion stopped 90 min ago, Aldrete 10, escort present, advice given. */
export function makeDischarge(
  discharge: Partial<NonNullable<SessionSnapshot['discharge']>> = {},
  overrides: Overrides = {},
): SessionSnapshot {
  return makeSnapshot({
    phase: 'discharge',
    infusion: { startedAt: minBefore(150), stoppedAt: minBefore(90) },
    vitals: [
      {
        at: minBefore(5),
        systolicMmHg: 128,
        diastolicMmHg: 80,
        heartRatePerMin: 76,
        spo2Percent: 97,
        respiratoryRatePerMin: 14,
      },
    ],
    discharge: {
      aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
      lastDoseAt: minBefore(90),
      escortPresent: true,
      noDrivingAdviceGiven: true,
      instructionsGiven: true,
      ...discharge,
    },
    ...overrides,
  });
}
