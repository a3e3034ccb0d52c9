/**
 * The clinical rules over HTTP: the rule and parameter catalogue, eligibility screening of an intake, the
 * order check against a protocol version, and session safety. Each evaluation uses the clinic's current
 * settings and the server's clock, so every client gets the same answer the engine gives. The inputs are
 * clinical but carry no patient identity; the audit row names the kind of evaluation and its outcome only.
 */
import {
  invalidFields,
  type Intake,
  type Order,
  type OrderHistory,
  type OrderPatient,
  type SessionSnapshot,
} from '@ketapath/core';
import {
  checkOrder,
  describeParameters,
  describeRules,
  evaluateEligibility,
  evaluateSession,
  type EligibilityResult,
  type OrderCheckResult,
  type ParameterDescriptor,
  type RuleDescriptor,
  type SessionResult,
} from '@ketapath/clinical-rules';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { loadClinicSettings } from './clinical-settings.service.js';
import { resolveProtocol } from './protocol.service.js';

export type EvaluationKind = 'eligibility' | 'check-order' | 'session';

export function getRulesCatalogue(): { rules: RuleDescriptor[]; parameters: ParameterDescriptor[] } {
  return { rules: describeRules(), parameters: describeParameters() };
}

async function auditEvaluation(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  kind: EvaluationKind,
  outcome: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'rules.evaluate',
    entityType: 'rules',
    entityId: kind,
    detail: { kind, outcome, ...extra },
  });
}

export async function screenEligibility(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  intake: Intake,
): Promise<EligibilityResult> {
  const settings = await loadClinicSettings(ctx.database.db, actor.clinicId);
  const result = evaluateEligibility(intake, settings, { now: ctx.clock.now() });
  await auditEvaluation(ctx, actor, meta, 'eligibility', result.status);
  return result;
}

export interface CheckOrderInput {
  protocolId: string;
  protocolVersion?: number | undefined;
  patient: OrderPatient;
  order: Order;
  history?: OrderHistory | undefined;
}

export type CheckedOrder = OrderCheckResult & { protocol: { id: string; version: number; name: string } };

/**
 * Checks an order against the protocol version it names: the clinic's copy of that id, else the library's.
 * `protocolVersion` defaults to the order's; the body and the order must agree on the protocol.
 */
export async function checkOrderAgainstProtocol(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  input: CheckOrderInput,
): Promise<CheckedOrder> {
  if (input.order.protocolId !== input.protocolId) {
    throw invalidFields([
      { field: 'order.protocolId', message: `must be the protocol checked against ('${input.protocolId}')` },
    ]);
  }
  if (input.protocolVersion !== undefined && input.order.protocolVersion !== input.protocolVersion) {
    throw invalidFields([
      {
        field: 'order.protocolVersion',
        message: `must be the protocol version checked against (${input.protocolVersion})`,
      },
    ]);
  }
  const { protocol } = await resolveProtocol(
    ctx.database.db,
    actor.clinicId,
    input.protocolId,
    input.protocolVersion ?? input.order.protocolVersion,
  );
  const settings = await loadClinicSettings(ctx.database.db, actor.clinicId);
  // Who orders is who is signed in: an override reason counts only from a physician's session, never from
  // a role claimed in the body.
  const order: Order = { ...input.order, orderedBy: actor.role };
  const result = checkOrder(order, input.patient, protocol, settings, input.history ?? [], {
    now: ctx.clock.now(),
  });
  await auditEvaluation(ctx, actor, meta, 'check-order', result.verdict, {
    protocol: { id: protocol.id, version: protocol.version },
  });
  return { ...result, protocol: { id: protocol.id, version: protocol.version, name: protocol.name } };
}

/** Evaluates a session as of the server's time (the snapshot's `now` is replaced by it). */
export async function evaluateSessionSnapshot(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  snapshot: SessionSnapshot,
): Promise<SessionResult> {
  const settings = await loadClinicSettings(ctx.database.db, actor.clinicId);
  const result = evaluateSession({ ...snapshot, now: ctx.clock.now().toISOString() }, settings);
  await auditEvaluation(ctx, actor, meta, 'session', result.status);
  return result;
}
