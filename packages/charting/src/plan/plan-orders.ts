/**
 * The orders of a treatment plan: one core Order per protocol step, written at the step's starting amount
 * (the lower end of a range; a titration starts at its start rate; a step given only as mg per session over a
 * duration runs at that amount spread evenly over the duration), for the patient's weight by the protocol's
 * weight basis, with the bag and the pump rate in mL/h computed from them. Every number comes from the
 * protocol; nothing is rounded (the order check compares the pump rate exactly).
 */
import type { Order, OrderBag, Protocol, ProtocolStep, StaffRole, WeightBasis } from '@ketapath/core';
import {
  adjustedBodyWeightKg,
  computePumpSetting,
  idealBodyWeightKg,
  mgPerKgToMg,
  microgramToMg,
  MIN_PER_H,
  type InfusionOrder,
} from '@ketapath/units';

export interface PlanPatient {
  /** Actual body weight in force on the first session's date. */
  readonly weightKg: number;
  /** Null when no height is recorded (the ideal and adjusted weights need one). */
  readonly heightCm: number | null;
  readonly sex: string;
}

export interface PlanOrdersInput {
  readonly protocol: Protocol;
  readonly patient: PlanPatient;
  readonly bag: OrderBag;
  readonly orderedAt: string;
  readonly orderedBy?: StaffRole;
  /** A physician's reason per step index, for steps whose check needs one. */
  readonly overrideReasons?: ReadonlyMap<number, string>;
}

export interface PlannedStep {
  readonly stepIndex: number;
  readonly label: string;
  readonly order: Order;
  /** The weight the per-kg amount is multiplied by (the protocol's basis). */
  readonly doseWeightKg: number;
  /** Infusions: the rate in mg/h; boluses: null. */
  readonly rateMgPerH: number | null;
  /** Boluses: the dose in mg; infusions: null. */
  readonly doseMg: number | null;
  readonly durationMin: number | null;
  /** How the starting amount was taken from the protocol, for the plan's reader. */
  readonly basis: string;
}

export interface PlanProblem {
  readonly stepIndex: number | null;
  readonly field: string;
  readonly message: string;
}

export type PlanOrdersResult =
  | {
      readonly ok: true;
      readonly steps: readonly PlannedStep[];
      readonly weightBasis: WeightBasis;
      readonly doseWeightKg: number;
    }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

/** The weight a per-kg amount is multiplied by, or a problem (ideal and adjusted need height and a binary sex). */
export function doseWeightFor(
  basis: WeightBasis,
  patient: PlanPatient,
): { ok: true; doseWeightKg: number } | { ok: false; problem: PlanProblem } {
  if (basis === 'actual') return { ok: true, doseWeightKg: patient.weightKg };
  if (patient.heightCm === null) {
    return {
      ok: false,
      problem: {
        stepIndex: null,
        field: 'heightCm',
        message: `the ${basis} body weight needs the patient's height`,
      },
    };
  }
  if (patient.sex !== 'female' && patient.sex !== 'male') {
    return {
      ok: false,
      problem: {
        stepIndex: null,
        field: 'sex',
        message: `the ${basis} body weight (Devine formula) needs sex at birth female or male (recorded: ${patient.sex})`,
      },
    };
  }
  const kg =
    basis === 'ideal'
      ? idealBodyWeightKg(patient.heightCm, patient.sex)
      : adjustedBodyWeightKg(patient.weightKg, patient.heightCm, patient.sex);
  if (!Number.isFinite(kg) || kg <= 0) {
    return {
      ok: false,
      problem: {
        stepIndex: null,
        field: 'heightCm',
        message: `the ${basis} body weight from this height is not a possible dosing weight`,
      },
    };
  }
  return { ok: true, doseWeightKg: kg };
}

type StepPlan =
  | {
      ok: true;
      order: Omit<Order, 'protocolId' | 'protocolVersion' | 'weightKg' | 'weightBasis' | 'orderedAt'>;
      rateMgPerH: number | null;
      doseMg: number | null;
      durationMin: number | null;
      basis: string;
    }
  | { ok: false; problem: PlanProblem };

function infusionOrderOf(value: number, unit: string, doseWeightKg: number): InfusionOrder {
  if (unit === 'mg/h') return { rateMgPerH: value };
  if (unit === 'mg/kg/h') return { rateMgPerKgPerH: value, weightKg: doseWeightKg };
  return { rateMicrogramPerKgPerMin: value, weightKg: doseWeightKg };
}

function planStep(step: ProtocolStep, stepIndex: number, bag: OrderBag, doseWeightKg: number): StepPlan {
  const field = `protocol.steps[${stepIndex}]`;
  if (step.kind === 'bolus') {
    const { min, unit } = step.dose;
    const doseMg =
      unit === 'mg'
        ? min
        : unit === 'µg'
          ? microgramToMg(min)
          : unit === 'mg/kg'
            ? mgPerKgToMg(min, doseWeightKg)
            : mgPerKgToMg(microgramToMg(min), doseWeightKg);
    return {
      ok: true,
      order: { route: step.route, kind: 'bolus', dose: { value: min, unit }, bag, weightUnitEntered: 'kg' },
      rateMgPerH: null,
      doseMg,
      durationMin: null,
      basis:
        step.dose.min === step.dose.max
          ? `${min} ${unit}`
          : `${min} ${unit}, the lower end of ${min}–${step.dose.max} ${unit}`,
    };
  }
  const durationMin = step.durationMin?.min ?? null;
  if (durationMin === null) {
    return {
      ok: false,
      problem: {
        stepIndex,
        field: `${field}.durationMin`,
        message: `“${step.label}” gives no duration, so a session cannot be planned from it`,
      },
    };
  }
  let rate: NonNullable<Order['rate']>;
  let basis: string;
  if (step.titration) {
    rate = { value: step.titration.start, unit: step.titration.unit };
    basis = `the titration's start rate ${step.titration.start} ${step.titration.unit} (up to ${step.titration.max} ${step.titration.unit})`;
  } else if (step.rate) {
    rate = { value: step.rate.min, unit: step.rate.unit };
    basis =
      step.rate.min === step.rate.max
        ? `${step.rate.min} ${step.rate.unit}`
        : `${step.rate.min} ${step.rate.unit}, the lower end of ${step.rate.min}–${step.rate.max} ${step.rate.unit}`;
  } else if (step.sessionDoseMg) {
    rate = { value: (step.sessionDoseMg.min * MIN_PER_H) / durationMin, unit: 'mg/h' };
    basis = `${step.sessionDoseMg.min} mg (the lower end of ${step.sessionDoseMg.min}–${step.sessionDoseMg.max} mg per session) evenly over ${durationMin} min`;
  } else {
    return {
      ok: false,
      problem: {
        stepIndex,
        field: `${field}.rate`,
        message: `“${step.label}” gives no rate and no dose per session`,
      },
    };
  }
  if (step.durationMin && step.durationMin.min !== step.durationMin.max) {
    basis += `; ${durationMin} min, the shorter end of ${step.durationMin.min}–${step.durationMin.max} min`;
  }
  const setting = computePumpSetting(infusionOrderOf(rate.value, rate.unit, doseWeightKg), bag, durationMin);
  return {
    ok: true,
    order: {
      route: step.route,
      kind: 'infusion',
      rate,
      durationMin,
      bag,
      weightUnitEntered: 'kg',
      programmedRateMlPerH: setting.rateMlPerH,
    },
    rateMgPerH: setting.rateMgPerH,
    doseMg: null,
    durationMin,
    basis,
  };
}

/** One order per protocol step for this patient, or the problems that keep the protocol from being planned. */
export function planOrders(input: PlanOrdersInput): PlanOrdersResult {
  const { protocol, patient, bag } = input;
  const weightBasis: WeightBasis = protocol.weightBasis ?? 'actual';
  const weight = doseWeightFor(weightBasis, patient);
  if (!weight.ok) return { ok: false, problems: [weight.problem] };
  const { doseWeightKg } = weight;
  const steps: PlannedStep[] = [];
  const problems: PlanProblem[] = [];
  protocol.steps.forEach((step, stepIndex) => {
    const planned = planStep(step, stepIndex, bag, doseWeightKg);
    if (!planned.ok) {
      problems.push(planned.problem);
      return;
    }
    const reason = input.overrideReasons?.get(stepIndex);
    const order: Order = {
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      ...planned.order,
      weightKg: patient.weightKg,
      weightBasis,
      orderedAt: input.orderedAt,
      ...(input.orderedBy === undefined ? {} : { orderedBy: input.orderedBy }),
      ...(reason === undefined ? {} : { overrideReason: reason }),
    };
    steps.push({
      stepIndex,
      label: step.label,
      order,
      doseWeightKg,
      rateMgPerH: planned.rateMgPerH,
      doseMg: planned.doseMg,
      durationMin: planned.durationMin,
      basis: planned.basis,
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, steps, weightBasis, doseWeightKg };
}
