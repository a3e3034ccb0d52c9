/**
 * One small, valid example of each input of the rules commands, for docs/clinical-rules.md and the tests
 * (which check each against its schema). Synthetic data; the numbers are ordinary entries, not thresholds.
 */
import {
  ZIntake,
  ZOrder,
  ZOrderHistory,
  ZOrderPatient,
  ZProtocol,
  ZSessionSnapshot,
  type Intake,
  type Order,
  type OrderHistory,
  type OrderPatient,
  type Protocol,
  type SessionSnapshot,
} from '@ketapath/core';
import { listProtocols } from '@ketapath/clinical-rules';
import type { InputSchema } from './input.js';

export const EXAMPLE_INTAKE: Intake = {
  patient: { ageYears: 46, sex: 'female', weightKg: 70 },
  evaluatedOn: '2025-03-03',
  pain: {
    onsetOn: '2023-01-15',
    sites: ['left foot'],
    character: ['burning'],
    primaryCondition: { code: 'G90.522', label: 'Complex regional pain syndrome I of left lower limb' },
    conditionCategory: 'crps',
    workup: [],
  },
  treatmentsTried: [
    { class: 'gabapentinoid', name: 'pregabalin', outcome: 'ineffective' },
    { class: 'physical-therapy', outcome: 'partial' },
  ],
  currentMedications: [{ name: 'duloxetine', classes: [] }],
  cardiovascular: { conditions: [], riskFactors: [], suspectedDisease: false },
  vitals: { systolicMmHg: 124, diastolicMmHg: 78, heartRatePerMin: 72 },
  psychiatric: { psychosis: 'none', depression: false, ptsd: false, other: [] },
  substanceUse: [],
  pregnancy: { status: 'not-pregnant', breastfeeding: false },
  hepatic: { diseaseSeverity: 'none', chronicHepatitis: false },
  intracranial: { pressure: 'none' },
  intraocular: { glaucoma: 'none' },
  thyroid: { disease: 'none' },
  allergies: [],
  baselineScores: { nrs: 7, phq9Total: 6, gad7Total: 4 },
};

const EXAMPLE_WEIGHT_KG = 70;
/** The example bag: 100 mg in 100 mL (1 mg/mL). */
const EXAMPLE_BAG = { drugMg: 100, volumeMl: 100 } as const;
/** Example amounts as a person would write them (0.35 × 70 is 24.5, not 24.499999999999996). */
const written = (x: number): number => Number(x.toFixed(3));

/**
 * The first library protocol with an infusion step written in mg/kg/h: the example order uses that step's own
 * rate and duration, so it is an order the protocol describes.
 */
function exampleProtocol(): { protocol: Protocol; rateMgPerKgPerH: number; durationMin: number } {
  for (const protocol of listProtocols()) {
    for (const step of protocol.steps) {
      if (step.kind === 'infusion' && step.rate?.unit === 'mg/kg/h' && step.durationMin !== null) {
        return { protocol, rateMgPerKgPerH: step.rate.min, durationMin: step.durationMin.min };
      }
    }
  }
  throw new Error('No library protocol has an infusion step in mg/kg/h');
}

export function exampleOrder(): Order {
  const { protocol, rateMgPerKgPerH, durationMin } = exampleProtocol();
  const rateMgPerH = rateMgPerKgPerH * EXAMPLE_WEIGHT_KG;
  return {
    protocolId: protocol.id,
    protocolVersion: protocol.version,
    route: 'iv-infusion',
    kind: 'infusion',
    rate: { value: rateMgPerKgPerH, unit: 'mg/kg/h' },
    durationMin,
    weightKg: EXAMPLE_WEIGHT_KG,
    weightBasis: 'actual',
    weightUnitEntered: 'kg',
    bag: EXAMPLE_BAG,
    programmedRateMlPerH: written(rateMgPerH / (EXAMPLE_BAG.drugMg / EXAMPLE_BAG.volumeMl)),
    orderedAt: '2025-03-10T08:30:00Z',
  };
}

export const EXAMPLE_ORDER_PATIENT: OrderPatient = {
  ageYears: 46,
  sex: 'female',
  heightCm: 168,
  weightKg: EXAMPLE_WEIGHT_KG,
  recordedOn: '2025-03-03',
};

/** The same infusion given three days earlier. */
export function exampleHistory(): OrderHistory {
  const { protocol, rateMgPerKgPerH, durationMin } = exampleProtocol();
  const rateMgPerH = rateMgPerKgPerH * EXAMPLE_WEIGHT_KG;
  return [
    {
      at: '2025-03-07T08:30:00Z',
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      kind: 'infusion',
      status: 'administered',
      doseMg: written((rateMgPerH * durationMin) / 60),
      rateMgPerH: written(rateMgPerH),
      durationMin,
    },
  ];
}

export const EXAMPLE_SESSION_SNAPSHOT: SessionSnapshot = {
  now: '2025-03-10T09:15:00Z',
  phase: 'infusion',
  patient: { ageYears: 46, sex: 'female', pregnancyPossible: false },
  eligibility: {
    status: 'eligible',
    signedAt: '2025-03-03T16:00:00Z',
    signedBy: 'Dr. A. Example',
    expiresAt: '2025-09-03T16:00:00Z',
  },
  consent: { signedAt: '2025-03-10T08:00:00Z' },
  fasting: { lastFoodAt: '2025-03-10T00:30:00Z', lastClearFluidAt: '2025-03-10T06:00:00Z' },
  pregnancyTest: { result: null, at: null },
  escort: { confirmed: true, name: 'B. Example' },
  preTreatmentTests: [],
  baselineVitals: {
    at: '2025-03-10T08:20:00Z',
    systolicMmHg: 124,
    diastolicMmHg: 78,
    heartRatePerMin: 72,
    spo2Percent: 98,
    respiratoryRatePerMin: 14,
  },
  vitals: [
    {
      at: '2025-03-10T09:15:00Z',
      systolicMmHg: 132,
      diastolicMmHg: 82,
      heartRatePerMin: 80,
      spo2Percent: 97,
      respiratoryRatePerMin: 14,
    },
  ],
  infusion: {
    startedAt: '2025-03-10T08:30:00Z',
    stoppedAt: null,
    currentRateMgPerKgPerH: exampleProtocol().rateMgPerKgPerH,
  },
  symptoms: [],
  rescueMedications: [],
  discharge: null,
};

export type InputKind = 'intake' | 'order' | 'patient' | 'history' | 'snapshot' | 'protocol';

export interface InputExample {
  readonly schema: InputSchema<unknown> & JsonSchemaSource;
  readonly value: unknown;
}

/** What the reference document needs of a zod schema. */
export interface JsonSchemaSource {
  toJSONSchema(params?: {
    io?: 'input' | 'output';
    unrepresentable?: 'throw' | 'any';
    reused?: 'ref' | 'inline';
  }): unknown;
}

/** Each input with its schema, in the order the reference document shows them. */
export function inputExamples(): Record<InputKind, InputExample> {
  return {
    intake: { schema: ZIntake, value: EXAMPLE_INTAKE },
    patient: { schema: ZOrderPatient, value: EXAMPLE_ORDER_PATIENT },
    order: { schema: ZOrder, value: exampleOrder() },
    history: { schema: ZOrderHistory, value: exampleHistory() },
    snapshot: { schema: ZSessionSnapshot, value: EXAMPLE_SESSION_SNAPSHOT },
    protocol: { schema: ZProtocol, value: exampleProtocol().protocol },
  };
}
