/** Builders for order-check tests: an order, a patient, clinic settings and clinic copies with overrides. */
import type { Order, OrderHistory, OrderHistoryEntry, OrderPatient, Protocol } from '@ketapath/core';
import { checkOrder, type OrderCheckResult } from '../../../check-order.js';
import { deriveClinicCopy, getProtocol, type ClinicLimitChanges } from '../../../protocols/index.js';
import type { ClinicSettings } from '../../../settings.js';

export const NOW = new Date('2026-03-02T09:00:00Z');

/** Clinic values for the parameters REFERENCE.md leaves unset (test values, not recommendations). */
export const CONFIGURED: ClinicSettings = {
  'order.weight-change-threshold-pct': 10,
  'order.weight-max-age-days': 30,
  'order.duplicate-window-h': 20,
};

export function libraryProtocol(id: string, version?: number): Protocol {
  const p = getProtocol(id, version);
  if (p === undefined) throw new Error(`no protocol ${id}`);
  return p;
}

/** A clinic copy with every relevant hard limit set (so a clean order is accepted) plus `limits` changes. */
export function clinicCopy(
  id: string,
  limits: ClinicLimitChanges = {},
  standardConcentrationsMgPerMl: readonly number[] = [1, 10],
): Protocol {
  const base = libraryProtocol(id);
  const all: Record<string, Record<string, { soft?: number | null; hard?: number | null }>> = {};
  for (const l of base.limits) {
    all[l.route] = {
      ...(l.rateMgPerKgPerH.hard === null && l.rateMgPerH.hard === null
        ? { rateMgPerKgPerH: { hard: 1 } }
        : {}),
      ...(l.bolusMgPerKg.hard === null && l.bolusMg.hard === null ? { bolusMgPerKg: { hard: 1 } } : {}),
      sessionDoseMg: { hard: 6000 },
      dailyDoseMg: { hard: 1500 },
      weeklyDoseMg: { hard: 7000 },
      concentrationMgPerMl: { hard: 50 },
      ...(limits[l.route] ?? {}),
    };
  }
  return deriveClinicCopy(base, {
    id: `clinic-${id}`.slice(0, 80),
    version: 1,
    note: 'test clinic values',
    limits: all,
    standardConcentrations: standardConcentrationsMgPerMl.map((c) => ({
      concentrationMgPerMl: c,
      container: 'bag' as const,
      description: `${c} mg/mL`,
      source: { kind: 'clinic' as const, note: 'clinic pharmacy' },
    })),
  });
}

export function makePatient(overrides: Partial<OrderPatient> = {}): OrderPatient {
  return { ageYears: 45, sex: 'female', heightCm: 165, weightKg: 70, recordedOn: '2026-02-20', ...overrides };
}

/** CRPS 0.35 mg/kg/h × 240 min at 70 kg from 100 mg / 100 mL, pump 24.5 mL/h. */
export function makeInfusion(overrides: Partial<Order> = {}): Order {
  return {
    protocolId: 'crps-4h-daily-10-days',
    protocolVersion: 1,
    route: 'iv-infusion',
    kind: 'infusion',
    rate: { value: 0.35, unit: 'mg/kg/h' },
    durationMin: 240,
    weightKg: 70,
    weightBasis: 'actual',
    bag: { drugMg: 100, volumeMl: 100 },
    programmedRateMlPerH: 24.5,
    orderedAt: '2026-03-02T09:00:00Z',
    orderedBy: 'physician',
    ...overrides,
  };
}

/** UW ED 0.3 mg/kg at 60 kg from 10 mg/mL. */
export function makeBolus(overrides: Partial<Order> = {}): Order {
  return {
    protocolId: 'ed-uw-0-1-0-3-mg-kg',
    protocolVersion: 1,
    route: 'iv-bolus',
    kind: 'bolus',
    dose: { value: 0.3, unit: 'mg/kg' },
    weightKg: 60,
    weightBasis: 'actual',
    concentrationMgPerMl: 10,
    orderedAt: '2026-03-02T09:00:00Z',
    orderedBy: 'physician',
    ...overrides,
  };
}

export function makeHistoryEntry(overrides: Partial<OrderHistoryEntry> = {}): OrderHistoryEntry {
  return {
    at: '2026-03-01T09:00:00Z',
    protocolId: 'crps-4h-daily-10-days',
    kind: 'infusion',
    status: 'administered',
    doseMg: 98,
    ...overrides,
  };
}

export interface CheckInput {
  readonly order: Order;
  readonly protocol: Protocol;
  readonly patient?: OrderPatient;
  readonly settings?: ClinicSettings;
  readonly history?: OrderHistory;
  readonly now?: Date;
}

/** Runs checkOrder; when the order names the library protocol but a clinic copy is given, it names the copy. */
export function check(input: CheckInput): OrderCheckResult {
  const order =
    input.order.protocolId === input.protocol.basedOn?.id
      ? { ...input.order, protocolId: input.protocol.id, protocolVersion: input.protocol.version }
      : input.order;
  return checkOrder(
    order,
    input.patient ?? makePatient(),
    input.protocol,
    input.settings ?? CONFIGURED,
    input.history ?? [],
    {
      now: input.now ?? NOW,
    },
  );
}

/** Findings of one rule as [severity, slip] pairs, for compact table assertions. */
export function findingsOf(result: OrderCheckResult, ruleId: string): string[] {
  return result.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => (f.slip === undefined ? f.severity : `${f.severity}:${f.slip}`));
}
