/**
 * The plan form as typed: the protocol, the first session's local date and time, the bag, an optional weight,
 * edited session times and the override reasons, turned into the body of a plan preview or signature. Field
 * names follow the request body ('bag.drugMg'), so the server's 400s land on the right box.
 */
import { WEIGHT_KG_RANGE } from '@ketapath/core';
import type { PlanRequestBody, PlanVersionDto } from '@ketapath/api-client';
import { parseNumberText } from '../intake/intake-form-model';

export interface PlanFormValues {
  /** 'id@version' of the chosen protocol. */
  protocolKey: string;
  firstDate: string;
  firstTime: string;
  drugMg: string;
  volumeMl: string;
  weightKg: string;
  /** Local 'YYYY-MM-DDTHH:mm' of every session once one was edited; null keeps the protocol's spacing. */
  sessionTimes: string[] | null;
  /** Reason per rule id for findings that need a physician's override. */
  overrides: Record<string, string>;
  changeReason: string;
}

export function protocolKey(id: string, version: number): string {
  return `${id}@${version}`;
}

export function parseProtocolKey(key: string): { id: string; version: number } | null {
  const at = key.lastIndexOf('@');
  if (at <= 0) return null;
  const version = Number(key.slice(at + 1));
  return Number.isInteger(version) ? { id: key.slice(0, at), version } : null;
}

/** The shortest reason the server accepts (apps/server ZOverrideReason). */
export const MIN_REASON_CHARS = 3;

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the local 'YYYY-MM-DDTHH:mm' a datetime-local box shows. */
export function localFromIso(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A local date and time as an ISO instant; null when either is missing or not a real time. */
export function isoFromLocal(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Tomorrow, for the first session's default date. */
export function tomorrowLocalDate(now: Date = new Date()): string {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function emptyPlanForm(now: Date = new Date()): PlanFormValues {
  return {
    protocolKey: '',
    firstDate: tomorrowLocalDate(now),
    // The clinic's usual morning start; the schedule is editable.
    firstTime: '09:00',
    drugMg: '',
    volumeMl: '',
    weightKg: '',
    sessionTimes: null,
    overrides: {},
    changeReason: '',
  };
}

/** The form for the next version of a signed plan: its protocol, times, bag and weight as signed. */
export function planFormFrom(plan: PlanVersionDto): PlanFormValues {
  const first = plan.schedule[0]?.startsAt;
  const local = first ? localFromIso(first) : '';
  const bag = plan.steps.find((s) => s.order.bag !== undefined)?.order.bag;
  return {
    protocolKey: protocolKey(plan.protocol.id, plan.protocol.version),
    firstDate: local.slice(0, 10),
    firstTime: local.slice(11, 16),
    drugMg: bag ? String(bag.drugMg) : '',
    volumeMl: bag ? String(bag.volumeMl) : '',
    // A weight with no measurement date was typed in for the plan.
    weightKg: plan.weight.measuredOn === null ? String(plan.weight.weightKg) : '',
    sessionTimes: plan.schedule.map((s) => localFromIso(s.startsAt)),
    overrides: {},
    changeReason: '',
  };
}

function positiveNumber(text: string, unit: string, errors: Record<string, string>, field: string) {
  const n = parseNumberText(text);
  if (n === undefined) errors[field] = 'is required';
  else if (typeof n === 'string') errors[field] = `must be a number in ${unit}`;
  else if (n <= 0) errors[field] = `must be more than 0 ${unit}`;
  else return n;
  return undefined;
}

export interface BuiltPlanBody {
  body: PlanRequestBody | null;
  errors: Record<string, string>;
}

export function buildPlanBody(v: PlanFormValues): BuiltPlanBody {
  const errors: Record<string, string> = {};
  const protocol = parseProtocolKey(v.protocolKey);
  if (!protocol) errors.protocolId = 'choose a protocol';
  const firstSessionAt = isoFromLocal(`${v.firstDate}T${v.firstTime}`);
  if (!v.firstDate) errors.firstSessionAt = 'give the date of the first session';
  else if (!firstSessionAt) errors.firstSessionAt = 'give the time of the first session';
  const drugMg = positiveNumber(v.drugMg, 'mg', errors, 'bag.drugMg');
  const volumeMl = positiveNumber(v.volumeMl, 'mL', errors, 'bag.volumeMl');
  let weightKg: number | undefined;
  const w = parseNumberText(v.weightKg);
  if (typeof w === 'string') errors.weightKg = 'must be a number in kg';
  else if (w !== undefined && (w < WEIGHT_KG_RANGE.min || w > WEIGHT_KG_RANGE.max))
    errors.weightKg = `must be between ${WEIGHT_KG_RANGE.min} and ${WEIGHT_KG_RANGE.max} kg`;
  else weightKg = w;
  let sessionTimes: string[] | undefined;
  if (v.sessionTimes) {
    sessionTimes = [];
    v.sessionTimes.forEach((local, i) => {
      const iso = isoFromLocal(local);
      if (iso === null) errors[`sessionTimes.${i}`] = 'give a date and time';
      else sessionTimes?.push(iso);
    });
    // The first session is the one set above.
    if (firstSessionAt && sessionTimes.length > 0) sessionTimes[0] = firstSessionAt;
  }
  if (
    !protocol ||
    !firstSessionAt ||
    drugMg === undefined ||
    volumeMl === undefined ||
    Object.keys(errors).length > 0
  )
    return { body: null, errors };
  const overrides = Object.entries(v.overrides)
    .map(([ruleId, reason]) => ({ ruleId, reason: reason.trim() }))
    // The server takes a reason of 3 characters or more; a shorter one is still being typed.
    .filter((o) => o.reason.length >= MIN_REASON_CHARS);
  return {
    body: {
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      firstSessionAt,
      ...(sessionTimes ? { sessionTimes } : {}),
      ...(weightKg === undefined ? {} : { weightKg }),
      bag: { drugMg, volumeMl },
      overrides,
    },
    errors,
  };
}
