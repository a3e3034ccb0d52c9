/**
 * Dose-error reduction for one ketamine order: pump maths with @ketapath/units, the reverse check of the
 * programmed pump rate, then every order rule. Over a soft limit needs a physician's recorded reason; over
 * a hard limit, an impossible number or a pump mismatch is refused. Pure: `now` is an input; never throws
 * for clinical or numeric reasons.
 */
import {
  ZOrder,
  ZOrderHistory,
  ZOrderPatient,
  type Order,
  type OrderHistory,
  type OrderPatient,
  type Protocol,
  type WeightBasis,
} from '@ketapath/core';
import { runRule } from './define-rule.js';
import { validateProtocol } from './protocols/index.js';
import { settingsView } from './registry.js';
import { ORDER_RULES_TYPED } from './rules/order/index.js';
import { unconfiguredLimitPaths } from './rules/order/limits-unconfigured.rule.js';
import { buildOrderSnapshot, type OrderSnapshot } from './rules/order/order-snapshot.js';
import type { ClinicSettings } from './settings.js';
import { severityRank, type Finding } from './types.js';

export type OrderVerdict = 'accept' | 'warn' | 'override-required' | 'blocked';

export interface OrderCheckResult {
  /**
   * accept: nothing to act on; warn: warnings only, or soft-limit findings a physician has overridden with a
   * reason; override-required: a physician must give a reason; blocked: cannot be given as written.
   */
  readonly verdict: OrderVerdict;
  /** Worst first. */
  readonly findings: readonly Finding[];
  readonly pump: {
    readonly doseWeightKg: number | null;
    readonly weightBasis: WeightBasis;
    readonly rateMgPerH: number | null;
    readonly rateMgPerKgPerH: number | null;
    readonly rateMlPerH: number | null;
    readonly volumeMl: number | null;
    readonly durationMin: number | null;
    readonly sessionDoseMg: number | null;
    readonly concentrationMgPerMl: number | null;
  };
  readonly reverseCheck: {
    readonly programmedRateMlPerH: number | null;
    readonly deliveredMgPerKgPerH: number | null;
    readonly matches: boolean | null;
  };
  /** The override on the order, and whether it counts (only a physician's reason does). */
  readonly override: {
    readonly reason: string;
    readonly orderedBy: string | null;
    readonly accepted: boolean;
  } | null;
  readonly evaluatedAt: string;
}

function schemaProblems(
  order: Order,
  patient: OrderPatient,
  protocol: Protocol,
  history: OrderHistory,
): string[] {
  const problems: string[] = [];
  const describe = (what: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
    for (const i of issues)
      problems.push(`${what}${i.path.length > 0 ? `.${i.path.map(String).join('.')}` : ''}: ${i.message}`);
  };
  const o = ZOrder.safeParse(order);
  if (!o.success) describe('order', o.error.issues);
  const p = ZOrderPatient.safeParse(patient);
  if (!p.success) describe('patient', p.error.issues);
  const h = ZOrderHistory.safeParse(history);
  if (!h.success) describe('history', h.error.issues);
  for (const issue of validateProtocol(protocol)) problems.push(`protocol.${issue.path}: ${issue.message}`);
  return problems;
}

function verdictOf(findings: readonly Finding[], overrideAccepted: boolean): OrderVerdict {
  if (findings.some((f) => f.severity === 'block')) return 'blocked';
  if (findings.some((f) => f.severity === 'needs-ack'))
    return overrideAccepted ? 'warn' : 'override-required';
  if (findings.some((f) => f.severity === 'warn')) return 'warn';
  return 'accept';
}

function runOrderRules(snapshot: OrderSnapshot, settings: ClinicSettings, now: Date): Finding[] {
  const view = settingsView(settings);
  const rules =
    snapshot.problems.length > 0
      ? ORDER_RULES_TYPED.filter((r) => r.id === 'order/impossible-values')
      : ORDER_RULES_TYPED;
  const findings = rules.flatMap((rule) => runRule(rule, snapshot, view, now));
  // The unconfigured protocol limits are named the same way the engine names unset clinic settings.
  return findings.map((f) =>
    f.ruleId === 'order/limits-unconfigured' ? { ...f, unconfigured: unconfiguredLimitPaths(snapshot) } : f,
  );
}

/**
 * Checks one order against its protocol for this patient. Example: 0.35 mg/kg/h for 70 kg for 240 min from
 * 100 mg in 100 mL gives 24.5 mg/h = 24.5 mL/h and a 98 mg session; a pump programmed at 24.5 mL/h matches.
 */
export function checkOrder(
  order: Order,
  patient: OrderPatient,
  protocol: Protocol,
  settings: ClinicSettings,
  history: OrderHistory,
  options: { readonly now: Date },
): OrderCheckResult {
  const { now } = options;
  let findings: Finding[];
  let snapshot: OrderSnapshot;
  try {
    snapshot = buildOrderSnapshot(
      order,
      patient,
      protocol,
      history,
      now,
      schemaProblems(order, patient, protocol, history),
    );
    findings = runOrderRules(snapshot, settings, now);
  } catch (error) {
    // A defect in a rule must not let an order through: refuse with the reason.
    const problem = `The order could not be checked: ${error instanceof Error ? error.message : String(error)}.`;
    snapshot = buildOrderSnapshot(order, patient, protocol, [], now, [problem]);
    findings = runOrderRules(snapshot, {}, now);
  }
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i)
    .map(({ f }) => f);
  const overrideAccepted = order.overrideReason !== undefined && order.orderedBy === 'physician';
  const { pump, reverseCheck } = snapshot;
  return {
    verdict: verdictOf(sorted, overrideAccepted),
    findings: sorted,
    pump: {
      doseWeightKg: pump.doseWeightKg,
      weightBasis: pump.weightBasis,
      rateMgPerH: pump.rateMgPerH,
      rateMgPerKgPerH: pump.rateMgPerKgPerH,
      rateMlPerH: pump.rateMlPerH,
      volumeMl: pump.volumeMl,
      durationMin: pump.durationMin,
      sessionDoseMg: pump.sessionDoseMg,
      concentrationMgPerMl: pump.concentrationMgPerMl,
    },
    reverseCheck: {
      programmedRateMlPerH: reverseCheck.programmedRateMlPerH,
      deliveredMgPerKgPerH: reverseCheck.deliveredMgPerKgPerH,
      matches: reverseCheck.matches,
    },
    override:
      order.overrideReason === undefined
        ? null
        : { reason: order.overrideReason, orderedBy: order.orderedBy ?? null, accepted: overrideAccepted },
    evaluatedAt: now.toISOString(),
  };
}
