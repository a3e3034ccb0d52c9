/**
 * What the order rules look at: the order, patient, protocol and history, plus the pump maths done once
 * with @ketapath/units (dose weight by basis, mg/h, mg/kg/h, mL/h, volume, session dose, the day's and the
 * week's totals) and the reverse check of the programmed pump rate. Impossible numbers become `problems`
 * (a block finding), never exceptions.
 */
import type {
  Order,
  OrderHistory,
  OrderPatient,
  Protocol,
  ProtocolStep,
  RouteLimits,
  WeightBasis,
} from '@ketapath/core';
import {
  adjustedBodyWeightKg,
  bagConcentrationMgPerMl,
  computePumpSetting,
  idealBodyWeightKg,
  mgPerKgToMg,
  microgramPerKgPerMinToMgPerKgPerH,
  microgramToMg,
  pumpRateToOrder,
  type Bag,
  type InfusionOrder,
} from '@ketapath/units';
import { isPumpRateMatch } from './patterns.js';

const MIN_PER_H = 60;
const H_PER_DAY = 24;
const DAYS_PER_WEEK = 7;
const MS_PER_H = 3_600_000;

export interface PumpComputation {
  /** The weight the per-kg amount was multiplied by (the order's weight basis). */
  readonly doseWeightKg: number | null;
  readonly weightBasis: WeightBasis;
  readonly rateMgPerH: number | null;
  readonly rateMgPerKgPerH: number | null;
  readonly rateMlPerH: number | null;
  readonly volumeMl: number | null;
  readonly durationMin: number | null;
  readonly sessionDoseMg: number | null;
  readonly concentrationMgPerMl: number | null;
}

export interface ReverseCheck {
  readonly programmedRateMlPerH: number | null;
  /** What the programmed pump rate delivers, per kg of the dose weight. */
  readonly deliveredMgPerKgPerH: number | null;
  readonly deliveredMgPerH: number | null;
  /** Null when there is no pump setting to check. */
  readonly matches: boolean | null;
}

/** The quantities the limits are written in, computed for this order (per kg by the protocol's weight basis). */
export interface OrderQuantities {
  readonly rateMgPerKgPerH: number | null;
  readonly rateMgPerH: number | null;
  readonly bolusMgPerKg: number | null;
  readonly bolusMg: number | null;
  readonly sessionDoseMg: number | null;
  /** This order's drug in any 24 h, plus the history of the 24 h before it. */
  readonly dailyDoseMg: number | null;
  /** This order's drug in any 7 days, plus the history of the 7 days before it. */
  readonly weeklyDoseMg: number | null;
  readonly concentrationMgPerMl: number | null;
}

/** One documented amount of the protocol for this order's route and kind, in a limit quantity. */
export interface ExpectedAmount {
  readonly quantity: 'rateMgPerKgPerH' | 'rateMgPerH' | 'bolusMgPerKg' | 'bolusMg' | 'sessionDoseMg';
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Documented single values: the dose, titration start and maximum. */
  readonly points: readonly number[];
  readonly stepLabel: string;
  /** The amount as the source wrote it, to recognise the right number typed with another unit. */
  readonly source: { readonly min: number; readonly max: number; readonly unit: string };
}

export interface OrderSnapshot {
  readonly order: Order;
  readonly patient: OrderPatient;
  readonly protocol: Protocol;
  readonly history: OrderHistory;
  readonly now: Date;
  readonly orderedAtMs: number;
  readonly pump: PumpComputation;
  readonly reverseCheck: ReverseCheck;
  readonly quantities: OrderQuantities;
  /** The weight the protocol's per-kg limits apply to (the protocol's basis; actual when it has none). */
  readonly limitWeightKg: number | null;
  readonly limitWeightBasis: WeightBasis;
  readonly routeLimits: RouteLimits | undefined;
  readonly matchingSteps: readonly ProtocolStep[];
  readonly expected: readonly ExpectedAmount[];
  readonly historyDailyMg: number;
  readonly historyWeeklyMg: number;
  /** Physically impossible numbers or inputs the schemas refuse; each becomes a block. */
  readonly problems: readonly string[];
}

function weightByBasis(
  basis: WeightBasis,
  actualKg: number,
  patient: OrderPatient,
  problems: string[],
): number | null {
  if (basis === 'actual') return actualKg;
  const sex = patient.sex === 'male' || patient.sex === 'female' ? patient.sex : null;
  if (sex === null) {
    problems.push(
      `The ${basis} body weight needs sex at birth female or male for the Devine formula (recorded: ${patient.sex}); dose by actual weight or record the value used.`,
    );
    return null;
  }
  const kg =
    basis === 'ideal'
      ? idealBodyWeightKg(patient.heightCm, sex)
      : adjustedBodyWeightKg(actualKg, patient.heightCm, sex);
  if (!Number.isFinite(kg) || kg <= 0) {
    problems.push(
      `The ${basis} body weight from height ${patient.heightCm} cm is ${kg.toFixed(1)} kg, which is not a possible dosing weight.`,
    );
    return null;
  }
  return kg;
}

function infusionOrder(order: Order, doseWeightKg: number | null): InfusionOrder | null {
  const rate = order.rate;
  if (rate === undefined) return null;
  if (rate.unit === 'mg/h') return { rateMgPerH: rate.value };
  if (doseWeightKg === null) return null;
  if (rate.unit === 'mg/kg/h') return { rateMgPerKgPerH: rate.value, weightKg: doseWeightKg };
  return { rateMicrogramPerKgPerMin: rate.value, weightKg: doseWeightKg };
}

function bolusMg(order: Order, doseWeightKg: number | null): number | null {
  const dose = order.dose;
  if (dose === undefined) return null;
  switch (dose.unit) {
    case 'mg':
      return dose.value;
    case 'µg':
      return microgramToMg(dose.value);
    case 'mg/kg':
      return doseWeightKg === null ? null : mgPerKgToMg(dose.value, doseWeightKg);
    case 'µg/kg':
      return doseWeightKg === null ? null : mgPerKgToMg(microgramToMg(dose.value), doseWeightKg);
  }
}

function orderBag(order: Order): Bag | null {
  if (order.bag !== undefined) return order.bag;
  // A concentration alone is the same maths as a bag of that many mg in 1 mL.
  if (order.concentrationMgPerMl !== undefined) return { drugMg: order.concentrationMgPerMl, volumeMl: 1 };
  return null;
}

function expectedAmounts(steps: readonly ProtocolStep[]): ExpectedAmount[] {
  const out: ExpectedAmount[] = [];
  for (const step of steps) {
    if (step.kind === 'bolus') {
      const perKg = step.dose.unit === 'mg/kg' || step.dose.unit === 'µg/kg';
      const toMg = step.dose.unit === 'µg/kg' || step.dose.unit === 'µg' ? microgramToMg : (v: number) => v;
      const min = toMg(step.dose.min);
      const max = toMg(step.dose.max);
      out.push({
        quantity: perKg ? 'bolusMgPerKg' : 'bolusMg',
        unit: perKg ? 'mg/kg' : 'mg',
        min,
        max,
        points: [min, max],
        stepLabel: step.label,
        source: { min: step.dose.min, max: step.dose.max, unit: step.dose.unit },
      });
      continue;
    }
    const rateUnit = step.rate?.unit ?? step.titration?.unit;
    if (rateUnit !== undefined) {
      const toCanonical = rateUnit === 'µg/kg/min' ? microgramPerKgPerMinToMgPerKgPerH : (v: number) => v;
      const sourceValues = [
        ...(step.rate === null ? [] : [step.rate.min, step.rate.max]),
        ...(step.titration === null ? [] : [step.titration.start, step.titration.max]),
      ];
      const values = sourceValues.map(toCanonical);
      out.push({
        quantity: rateUnit === 'mg/h' ? 'rateMgPerH' : 'rateMgPerKgPerH',
        unit: rateUnit === 'mg/h' ? 'mg/h' : 'mg/kg/h',
        min: Math.min(...values),
        max: Math.max(...values),
        points: values,
        stepLabel: step.label,
        source: { min: Math.min(...sourceValues), max: Math.max(...sourceValues), unit: rateUnit },
      });
    }
    if (step.sessionDoseMg !== null) {
      out.push({
        quantity: 'sessionDoseMg',
        unit: 'mg',
        min: step.sessionDoseMg.min,
        max: step.sessionDoseMg.max,
        points: [step.sessionDoseMg.min, step.sessionDoseMg.max],
        stepLabel: step.label,
        source: { min: step.sessionDoseMg.min, max: step.sessionDoseMg.max, unit: 'mg' },
      });
    }
  }
  return out;
}

function historySumMg(history: OrderHistory, orderedAtMs: number, windowH: number): number {
  let total = 0;
  for (const entry of history) {
    if (entry.status === 'cancelled') continue;
    const atMs = Date.parse(entry.at);
    if (atMs <= orderedAtMs && atMs > orderedAtMs - windowH * MS_PER_H) total += entry.doseMg;
  }
  return total;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

const EMPTY_PUMP = (basis: WeightBasis): PumpComputation => ({
  doseWeightKg: null,
  weightBasis: basis,
  rateMgPerH: null,
  rateMgPerKgPerH: null,
  rateMlPerH: null,
  volumeMl: null,
  durationMin: null,
  sessionDoseMg: null,
  concentrationMgPerMl: null,
});

/**
 * All computed facts for one order. `problems` lists inputs that cannot be dosed (for example an ideal body
 * weight below zero from the Devine formula at very short stature, or numbers too large to compute).
 */
export function buildOrderSnapshot(
  order: Order,
  patient: OrderPatient,
  protocol: Protocol,
  history: OrderHistory,
  now: Date,
  inputProblems: readonly string[] = [],
): OrderSnapshot {
  const problems: string[] = [...inputProblems];
  let base: Omit<OrderSnapshot, 'pump' | 'reverseCheck' | 'quantities' | 'limitWeightKg' | 'problems'>;
  try {
    const orderedAtMs = Date.parse(order.orderedAt);
    const matchingSteps = protocol.steps.filter((s) => s.route === order.route && s.kind === order.kind);
    base = {
      order,
      patient,
      protocol,
      history,
      now,
      orderedAtMs,
      limitWeightBasis: protocol.weightBasis ?? 'actual',
      routeLimits: protocol.limits.find((l) => l.route === order.route),
      matchingSteps,
      expected: expectedAmounts(matchingSteps),
      historyDailyMg: historySumMg(history, orderedAtMs, H_PER_DAY),
      historyWeeklyMg: historySumMg(history, orderedAtMs, H_PER_DAY * DAYS_PER_WEEK),
    };
  } catch (error) {
    // Inputs that are not even shaped like an order (the schemas have already said why).
    if (problems.length === 0)
      problems.push(`The order cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
    base = {
      order,
      patient,
      protocol,
      history,
      now,
      orderedAtMs: Number.NaN,
      limitWeightBasis: 'actual',
      routeLimits: undefined,
      matchingSteps: [],
      expected: [],
      historyDailyMg: 0,
      historyWeeklyMg: 0,
    };
  }
  const { limitWeightBasis } = base;
  const empty = {
    ...base,
    pump: EMPTY_PUMP((order as Partial<Order> | undefined)?.weightBasis ?? 'actual'),
    reverseCheck: {
      programmedRateMlPerH: (order as Partial<Order> | undefined)?.programmedRateMlPerH ?? null,
      deliveredMgPerKgPerH: null,
      deliveredMgPerH: null,
      matches: null,
    },
    quantities: {
      rateMgPerKgPerH: null,
      rateMgPerH: null,
      bolusMgPerKg: null,
      bolusMg: null,
      sessionDoseMg: null,
      dailyDoseMg: null,
      weeklyDoseMg: null,
      concentrationMgPerMl: null,
    },
    limitWeightKg: null,
  };
  if (problems.length > 0) return { ...empty, problems };

  try {
    const doseWeightKg = weightByBasis(order.weightBasis, order.weightKg, patient, problems);
    const limitWeightKg =
      limitWeightBasis === order.weightBasis
        ? doseWeightKg
        : weightByBasis(limitWeightBasis, order.weightKg, patient, problems);
    const bag = orderBag(order);
    const concentrationMgPerMl = bag === null ? null : bagConcentrationMgPerMl(bag);

    let pump: PumpComputation;
    let reverseCheck: ReverseCheck = empty.reverseCheck;
    let quantities: OrderQuantities;
    if (order.kind === 'infusion') {
      const io = infusionOrder(order, doseWeightKg);
      const setting = io !== null && bag !== null ? computePumpSetting(io, bag, order.durationMin) : null;
      const rateMgPerH = setting?.rateMgPerH ?? null;
      const durationMin = order.durationMin ?? null;
      const sessionDoseMg = finiteOrNull(setting?.drugToInfuseMg);
      pump = {
        doseWeightKg,
        weightBasis: order.weightBasis,
        rateMgPerH,
        rateMgPerKgPerH: rateMgPerH === null || doseWeightKg === null ? null : rateMgPerH / doseWeightKg,
        rateMlPerH: setting?.rateMlPerH ?? null,
        volumeMl: finiteOrNull(setting?.volumeToInfuseMl),
        durationMin,
        sessionDoseMg,
        concentrationMgPerMl,
      };
      if (
        order.programmedRateMlPerH !== undefined &&
        bag !== null &&
        doseWeightKg !== null &&
        pump.rateMlPerH !== null
      ) {
        const delivered = pumpRateToOrder(order.programmedRateMlPerH, bag, doseWeightKg);
        reverseCheck = {
          programmedRateMlPerH: order.programmedRateMlPerH,
          deliveredMgPerKgPerH: delivered.rateMgPerKgPerH,
          deliveredMgPerH: delivered.rateMgPerH,
          matches: isPumpRateMatch(order.programmedRateMlPerH, pump.rateMlPerH),
        };
      }
      const windowMg = (hours: number): number | null =>
        rateMgPerH === null || durationMin === null
          ? null
          : (rateMgPerH * Math.min(durationMin, hours * MIN_PER_H)) / MIN_PER_H;
      const dayMg = windowMg(H_PER_DAY);
      const weekMg = windowMg(H_PER_DAY * DAYS_PER_WEEK);
      quantities = {
        rateMgPerKgPerH: rateMgPerH === null || limitWeightKg === null ? null : rateMgPerH / limitWeightKg,
        rateMgPerH,
        bolusMgPerKg: null,
        bolusMg: null,
        sessionDoseMg,
        dailyDoseMg: dayMg === null ? null : dayMg + base.historyDailyMg,
        weeklyDoseMg: weekMg === null ? null : weekMg + base.historyWeeklyMg,
        concentrationMgPerMl,
      };
    } else {
      const doseMg = bolusMg(order, doseWeightKg);
      pump = {
        doseWeightKg,
        weightBasis: order.weightBasis,
        rateMgPerH: null,
        rateMgPerKgPerH: null,
        rateMlPerH: null,
        volumeMl: doseMg === null || concentrationMgPerMl === null ? null : doseMg / concentrationMgPerMl,
        durationMin: order.durationMin ?? null,
        sessionDoseMg: doseMg,
        concentrationMgPerMl,
      };
      quantities = {
        rateMgPerKgPerH: null,
        rateMgPerH: null,
        bolusMgPerKg: doseMg === null || limitWeightKg === null ? null : doseMg / limitWeightKg,
        bolusMg: doseMg,
        sessionDoseMg: doseMg,
        dailyDoseMg: doseMg === null ? null : doseMg + base.historyDailyMg,
        weeklyDoseMg: doseMg === null ? null : doseMg + base.historyWeeklyMg,
        concentrationMgPerMl,
      };
    }
    const numbers: unknown[] = [
      ...Object.values(pump as unknown as Record<string, unknown>),
      ...Object.values(quantities as unknown as Record<string, unknown>),
      reverseCheck.deliveredMgPerKgPerH,
    ];
    if (numbers.some((v) => typeof v === 'number' && (!Number.isFinite(v) || v < 0))) {
      problems.push(
        'The order gives numbers too large to compute (not finite); check every amount and unit.',
      );
    }
    return { ...base, pump, reverseCheck, quantities, limitWeightKg, problems };
  } catch (error) {
    problems.push(`The order cannot be computed: ${error instanceof Error ? error.message : String(error)}.`);
    return { ...empty, problems };
  }
}
