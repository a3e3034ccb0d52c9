/**
 * The JSON the rules-engine routes answer with (GET /api/rules, /api/settings/clinical, /api/protocols), and
 * light structural checks of those answers. The shapes follow @ketapath/clinical-rules' describeRules() and
 * describeParameters(); they are restated here so this client depends on @ketapath/core alone.
 */
import { ZProtocol, type EvidenceLabel, type Protocol, type ProtocolRoute } from '@ketapath/core';

export type { EvidenceLabel };

export type RuleSeverity = 'info' | 'warn' | 'needs-ack' | 'block';
export type RuleArea = 'eligibility' | 'order' | 'session' | 'discharge' | 'ledger';
export type ParameterVerification = 'verified' | 'unverified' | 'not-found';
export type SettingValue = number | boolean | string;

export interface RuleCitation {
  /** A REFERENCE.md section, e.g. '§4.2'. */
  section: string;
  /** A REFERENCE.md source key, e.g. 'S30'. */
  source: string;
  note: string;
  sectionTitle?: string;
  sourceTitle?: string;
}

export interface ParameterDescriptor {
  id: string;
  label: string;
  description: string;
  kind: 'number' | 'boolean' | 'choice';
  unit?: string;
  min?: number;
  max?: number;
  integer?: boolean;
  choices?: string[];
  default: SettingValue | null;
  /** e.g. 'practice [P] default', 'no default: clinic must set'. */
  defaultBasis: string;
  evidence: EvidenceLabel;
  verification: ParameterVerification;
  requiresClinicValue: boolean;
  citations: RuleCitation[];
  usedBy: string[];
}

export interface RuleDescriptor {
  id: string;
  version: number;
  area: RuleArea;
  title: string;
  severity: RuleSeverity;
  description: string;
  parameters: string[];
  citations: RuleCitation[];
}

export interface RulesCatalogue {
  rules: RuleDescriptor[];
  parameters: ParameterDescriptor[];
}

/** Who made a change, as the audit knows them. */
export interface StaffRef {
  email: string;
  role: string;
}

export interface ClinicalSetting extends ParameterDescriptor {
  /** The value in force: the clinic's, else the default; null when neither exists. */
  value: SettingValue | null;
  origin: 'default' | 'clinic';
  /** 0 = never changed by the clinic. */
  version: number;
  changedAt: string | null;
  changedBy: StaffRef | null;
}

export interface ClinicalSettingChange {
  version: number;
  value: SettingValue | null;
  previousValue: SettingValue | null;
  reason: string;
  changedBy: StaffRef;
  changedAt: string;
}

export interface UpdateClinicalSettingBody {
  /** null puts the parameter back to its default. */
  value: SettingValue | null;
  reason: string;
  expectedVersion: number;
}

export type ProtocolOrigin = 'library' | 'clinic';

export interface ProtocolSummary {
  id: string;
  version: number;
  name: string;
  indication: string;
  /** The routes, comma-separated. */
  route: string;
  routes: ProtocolRoute[];
  evidence: EvidenceLabel;
  origin: ProtocolOrigin;
  basedOn?: { id: string; version: number };
  updatedAt?: string;
}

export interface ProtocolVersionInfo {
  version: number;
  /** null for library versions. */
  createdAt: string | null;
  createdBy: StaffRef | null;
  reason: string;
}

export interface ProtocolDetail {
  protocol: Protocol;
  origin: ProtocolOrigin;
  versions: ProtocolVersionInfo[];
}

export interface ProtocolVersion {
  protocol: Protocol;
  origin: ProtocolOrigin;
}

export interface CreateClinicProtocolBody {
  basedOn: { protocolId: string; version: number };
  protocol: Protocol;
  reason: string;
}

export interface UpdateClinicProtocolBody {
  protocol: Protocol;
  reason: string;
  expectedVersion: number;
}

// --- checks ---------------------------------------------------------------------------------------------

/** The part of a zod schema the client uses (structural, so the client need not depend on zod). */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A check written as a predicate; it vouches for the fields the app reads, not every nested one. */
function checked<T>(what: string, isValid: (data: unknown) => boolean): ResponseSchema<T> {
  return {
    safeParse(data) {
      return isValid(data)
        ? { success: true, data: data as T }
        : { success: false, error: new TypeError(`not ${what}`) };
    },
  };
}

function isArrayOf(value: unknown, item: (x: Record<string, unknown>) => boolean): boolean {
  return Array.isArray(value) && value.every((x) => isRecord(x) && item(x));
}

const isStaffRef = (v: unknown) => v === null || (isRecord(v) && typeof v.email === 'string');
const isSettingValue = (v: unknown) =>
  v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string';

function isParameter(p: Record<string, unknown>): boolean {
  return (
    typeof p.id === 'string' &&
    typeof p.label === 'string' &&
    typeof p.kind === 'string' &&
    typeof p.defaultBasis === 'string' &&
    Array.isArray(p.citations) &&
    Array.isArray(p.usedBy)
  );
}

function isRule(r: Record<string, unknown>): boolean {
  return (
    typeof r.id === 'string' &&
    typeof r.version === 'number' &&
    typeof r.area === 'string' &&
    typeof r.title === 'string' &&
    typeof r.severity === 'string' &&
    Array.isArray(r.parameters) &&
    Array.isArray(r.citations)
  );
}

function isSetting(s: Record<string, unknown>): boolean {
  return (
    isParameter(s) &&
    isSettingValue(s.value) &&
    (s.origin === 'default' || s.origin === 'clinic') &&
    typeof s.version === 'number' &&
    isStaffRef(s.changedBy)
  );
}

function isChange(c: Record<string, unknown>): boolean {
  return (
    typeof c.version === 'number' &&
    isSettingValue(c.value) &&
    isSettingValue(c.previousValue) &&
    typeof c.reason === 'string' &&
    typeof c.changedAt === 'string' &&
    isStaffRef(c.changedBy)
  );
}

const isOrigin = (v: unknown) => v === 'library' || v === 'clinic';
const isProtocol = (v: unknown) => ZProtocol.safeParse(v).success;

export const ZRulesCatalogue = checked<RulesCatalogue>(
  'a rules catalogue',
  (d) => isRecord(d) && isArrayOf(d.rules, isRule) && isArrayOf(d.parameters, isParameter),
);

export const ZClinicalSettingList = checked<{ settings: ClinicalSetting[] }>(
  'a settings list',
  (d) => isRecord(d) && isArrayOf(d.settings, isSetting),
);

export const ZClinicalSetting = checked<ClinicalSetting>('a setting', (d) => isRecord(d) && isSetting(d));

export const ZClinicalSettingHistory = checked<{ changes: ClinicalSettingChange[] }>(
  'a setting history',
  (d) => isRecord(d) && isArrayOf(d.changes, isChange),
);

export const ZProtocolList = checked<{ protocols: ProtocolSummary[] }>(
  'a protocol list',
  (d) =>
    isRecord(d) &&
    isArrayOf(
      d.protocols,
      (p) =>
        typeof p.id === 'string' &&
        typeof p.version === 'number' &&
        typeof p.name === 'string' &&
        isOrigin(p.origin),
    ),
);

export const ZProtocolDetail = checked<ProtocolDetail>(
  'a protocol',
  (d) =>
    isRecord(d) &&
    isProtocol(d.protocol) &&
    isOrigin(d.origin) &&
    isArrayOf(d.versions, (v) => typeof v.version === 'number' && isStaffRef(v.createdBy)),
);

export const ZProtocolVersion = checked<ProtocolVersion>(
  'a protocol version',
  (d) => isRecord(d) && isProtocol(d.protocol) && (d.origin === undefined || isOrigin(d.origin)),
);
