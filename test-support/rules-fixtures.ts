/**
 * Valid clinical-rules inputs for HTTP tests, edited per test: an intake, an order check, a session snapshot. Plain data in
 * the @ketapath/core shapes; the values describe one ordinary patient and are not clinical defaults.
 */
import type { Intake, Order, OrderHistory, OrderPatient, Protocol, SessionSnapshot } from '@ketapath/core';
import { TEST_NOW } from './test-app.js';

/** A 42-year-old woman with right-arm CRPS for two years, two failed treatment classes, nothing else. */
export function makeIntake(edit: (draft: Intake) => void = () => undefined): Intake {
  const intake: Intake = {
    patient: { ageYears: 42, sex: 'female', weightKg: 68 },
    evaluatedOn: '2026-11-20',
    pain: {
      onsetOn: '2024-10-15',
      sites: ['right hand', 'right forearm'],
      character: ['burning', 'allodynia'],
      primaryCondition: { code: 'G90.511', label: 'CRPS type I of right upper limb' },
      conditionCategory: 'crps',
      workup: [
        {
          kind: 'bone-scan',
          description: 'Three-phase bone scan',
          performedOn: '2025-01-20',
          result: 'Increased periarticular uptake, right wrist',
        },
      ],
    },
    treatmentsTried: [
      { class: 'gabapentinoid', name: 'pregabalin', outcome: 'ineffective' },
      { class: 'physical-therapy', name: 'graded motor imagery', outcome: 'ineffective' },
    ],
    currentMedications: [],
    cardiovascular: { conditions: [], riskFactors: [], suspectedDisease: false },
    vitals: { systolicMmHg: 118, diastolicMmHg: 76, heartRatePerMin: 72 },
    psychiatric: { psychosis: 'none', depression: false, ptsd: false, other: [] },
    substanceUse: [],
    pregnancy: { status: 'not-pregnant', breastfeeding: false },
    hepatic: { diseaseSeverity: 'none', chronicHepatitis: false },
    renal: { egfrMlPerMinPer173m2: 95, measuredOn: '2026-11-01' },
    intracranial: { pressure: 'none' },
    intraocular: { glaucoma: 'none' },
    thyroid: { disease: 'none' },
    allergies: [],
    baselineScores: { nrs: 7, phq9Total: 6, phq9Item9: 0, gad7Total: 5 },
  };
  edit(intake);
  return intake;
}

/** A session about to start at TEST_NOW: consented, eligible, escorted, baseline vitals taken. */
export function makeSessionSnapshot(
  edit: (draft: SessionSnapshot) => void = () => undefined,
): SessionSnapshot {
  const snapshot: SessionSnapshot = {
    now: TEST_NOW.toISOString(),
    phase: 'pre-start',
    patient: { ageYears: 42, sex: 'female', pregnancyPossible: false },
    eligibility: {
      status: 'eligible',
      signedAt: '2026-11-10T10:00:00.000Z',
      signedBy: 'Dr Physician',
      expiresAt: '2027-05-10T10:00:00.000Z',
    },
    consent: { signedAt: '2026-11-21T14:00:00.000Z' },
    fasting: { lastFoodAt: '2026-11-21T06:00:00.000Z', lastClearFluidAt: '2026-11-21T12:00:00.000Z' },
    pregnancyTest: { result: null, at: null },
    escort: { confirmed: true, name: 'Sam Doe' },
    preTreatmentTests: [],
    baselineVitals: {
      at: '2026-11-21T14:50:00.000Z',
      systolicMmHg: 122,
      diastolicMmHg: 78,
      heartRatePerMin: 70,
      spo2Percent: 98,
      respiratoryRatePerMin: 14,
    },
    vitals: [],
    infusion: { startedAt: null, stoppedAt: null },
    symptoms: [],
    rescueMedications: [],
    discharge: null,
  };
  edit(snapshot);
  return snapshot;
}

export interface OrderCheckBody {
  protocolId: string;
  protocolVersion?: number;
  patient: OrderPatient;
  order: Order;
  history?: OrderHistory;
}

/**
 * An order written as `protocol`'s first infusion step says (its lowest rate, its shortest duration) for a
 * 68 kg patient weighed a week before TEST_NOW, with a bag and the matching pump rate.
 */
export function makeOrderCheckBody(
  protocol: Protocol,
  edit: (draft: OrderCheckBody) => void = () => undefined,
): OrderCheckBody {
  const step = protocol.steps.find((s) => s.kind === 'infusion' && s.rate !== null);
  if (step?.kind !== 'infusion' || step.rate === null)
    throw new Error(`protocol ${protocol.id} has no infusion step with a rate`);
  const weightKg = 68;
  const bag = { drugMg: 200, volumeMl: 100 };
  const rateMgPerH =
    step.rate.unit === 'mg/kg/h'
      ? step.rate.min * weightKg
      : step.rate.unit === 'mg/h'
        ? step.rate.min
        : null;
  const body: OrderCheckBody = {
    protocolId: protocol.id,
    protocolVersion: protocol.version,
    patient: { ageYears: 42, sex: 'female', heightCm: 168, weightKg, recordedOn: '2026-11-14' },
    order: {
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      route: step.route,
      kind: 'infusion',
      rate: { value: step.rate.min, unit: step.rate.unit },
      ...(step.durationMin ? { durationMin: step.durationMin.min } : {}),
      weightKg,
      weightBasis: protocol.weightBasis ?? 'actual',
      weightUnitEntered: 'kg',
      bag,
      ...(rateMgPerH === null ? {} : { programmedRateMlPerH: rateMgPerH / (bag.drugMg / bag.volumeMl) }),
      orderedAt: TEST_NOW.toISOString(),
    },
    history: [],
  };
  edit(body);
  return body;
}
