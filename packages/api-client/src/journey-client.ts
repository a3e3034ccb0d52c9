/**
 * The patient-journey routes for the Intake and Plan tabs: intake versions, the live eligibility screen, the
 * physician's qualification, plan previews and signed plan versions. The answer shapes follow the server's
 * DTOs and @ketapath/clinical-rules' results (EligibilityResult, OrderCheckResult); they are restated here so
 * this client depends on @ketapath/core alone, and checked only for the fields the app reads.
 *
 * @example
 * const journey = journeyClient(api);
 * const { current, qualification } = await journey.listIntakes(patientId);
 */
import type { EligibilityStatus, Intake, Order, WeightBasis } from '@ketapath/core';
import type { ApiClient, RequestOptions } from './client.js';
import type {
  EvidenceLabel,
  ResponseSchema,
  RuleCitation,
  RuleSeverity,
  SettingValue,
} from './rules-types.js';

// --- shapes --------------------------------------------------------------------------------------------

/** Who did something: the audit's email and role; some answers also carry a display name and id. */
export interface JourneyStaffRef {
  email?: string;
  role?: string;
  displayName?: string;
  id?: string;
}

/** A threshold a rule compared with, its value and where that value comes from. */
export interface UsedParameterDto {
  id: string;
  label: string;
  value: SettingValue;
  unit?: string;
  origin: 'default' | 'clinic';
  evidence: EvidenceLabel;
  verification: 'verified' | 'unverified' | 'not-found';
  /** e.g. 'practice [P] default', 'clinic setting'. */
  basis: string;
}

export interface FindingDto {
  ruleId: string;
  ruleVersion: number;
  severity: RuleSeverity;
  title: string;
  message: string;
  inputs: Record<string, unknown>;
  parameters: UsedParameterDto[];
  citations: RuleCitation[];
  actionTier?: string;
  /** Order findings: the classic slip this looks like ('tenfold', 'microgram-as-milligram'…). */
  slip?: string;
  /** The clinic settings (or protocol limits) a rule could not run without. */
  unconfigured?: string[];
}

export interface ConditionEvidenceDto {
  category: string;
  code: string;
  evidence: string;
  grade: string;
  certainty: string;
  citation: RuleCitation;
}

export interface TestDueDto {
  id: string;
  name: string;
  reason: string;
  citation: RuleCitation;
  ruleIds: string[];
}

export interface InteractionDto {
  medication: string;
  interactionClass: string;
  effect: string;
  handling: string;
  severity: RuleSeverity;
  citation: RuleCitation;
}

/** @ketapath/clinical-rules EligibilityResult as JSON. */
export interface EligibilityResultDto {
  status: EligibilityStatus;
  findings: FindingDto[];
  conditionEvidence: ConditionEvidenceDto | null;
  testsDue: TestDueDto[];
  interactions: InteractionDto[];
  evaluatedAt: string;
}

export interface IntakeVersionDto {
  version: number;
  intake: Intake;
  eligibility: EligibilityResultDto;
  createdAt: string;
  createdBy: JourneyStaffRef;
}

export interface IntakeVersionSummary {
  version: number;
  eligibilityStatus: EligibilityStatus;
  createdAt: string;
  createdBy: JourneyStaffRef;
}

export interface FindingOverride {
  ruleId: string;
  reason: string;
}

export interface QualificationDto {
  id: string;
  intakeVersion: number;
  eligibilityStatus: EligibilityStatus;
  /** The physician's decision: reviewed findings with reasons make it eligible with precautions. */
  decision?: 'eligible' | 'eligible-with-precautions';
  /** Re-evaluated at signing. */
  eligibility: EligibilityResultDto;
  overrides: (FindingOverride & { ruleVersion?: number })[];
  signedAt: string;
  signedBy: JourneyStaffRef;
  expiresAt: string | null;
  /** Past its expiry now. */
  expired: boolean;
  /** Unexpired and signed for the latest intake version. */
  current: boolean;
}

export interface IntakeList {
  current: IntakeVersionDto | null;
  versions: IntakeVersionSummary[];
  qualification: QualificationDto | null;
}

export interface SaveIntakeBody {
  intake: Intake;
  /** The version the form was based on; 0 for the first. A stale one is refused with 409. */
  expectedVersion: number;
}

export interface SignQualificationBody {
  intakeVersion: number;
  overrides: FindingOverride[];
}

/** @ketapath/clinical-rules OrderCheckResult as JSON. */
export interface OrderCheckDto {
  verdict: 'accept' | 'warn' | 'override-required' | 'blocked';
  findings: FindingDto[];
  pump: {
    doseWeightKg: number | null;
    weightBasis: WeightBasis;
    rateMgPerH: number | null;
    rateMgPerKgPerH: number | null;
    rateMlPerH: number | null;
    volumeMl: number | null;
    durationMin: number | null;
    sessionDoseMg: number | null;
    concentrationMgPerMl: number | null;
  };
  reverseCheck: {
    programmedRateMlPerH: number | null;
    deliveredMgPerKgPerH: number | null;
    matches: boolean | null;
  };
  override?: { reason: string; orderedBy: string | null; accepted: boolean } | null;
  evaluatedAt?: string;
}

export interface PlanRequestBody {
  protocolId: string;
  protocolVersion: number;
  /** ISO instant of the first session. */
  firstSessionAt: string;
  /** Every session's start, replacing the protocol's spacing. */
  sessionTimes?: string[];
  /** Else the latest weight recorded on or before the first session's date. */
  weightKg?: number;
  bag: { drugMg: number; volumeMl: number };
  overrides: FindingOverride[];
}

export interface SignPlanBody extends PlanRequestBody {
  /** To sign the next version of an existing plan. */
  planId?: string;
  expectedVersion?: number;
  /** Required from version 2 on. */
  changeReason?: string;
}

export interface PlanStepDto {
  stepIndex: number;
  label: string;
  /** How the starting amount was taken from the protocol. */
  basis?: string;
  order: Order;
  check: OrderCheckDto;
}

export interface PlanScheduleItem {
  sessionNumber: number;
  startsAt: string;
  durationMin: number;
}

export interface PlanPredictionDto {
  modelId: string;
  modelTitle: string;
  samplingSite: string;
  analytes: string[];
  norketamine: { available: boolean; reason: string };
  timesMin: number[];
  medianNgPerMl: number[];
  p5?: number[];
  p95?: number[];
  peakNgPerMl: number;
  /** The virtual population of the band; null when the model has no variability to sample. */
  band?: { nSubjects: number; seed: number; percentiles: number[] } | null;
  /** Model-validity warnings and what was left out of the prediction, in words. */
  notes?: string[];
}

export interface PlanPreview {
  protocol: { id: string; version: number; name: string; weightBasis: WeightBasis | null };
  /** measuredOn null: the weight was given for this plan; basis: the weight the doses were multiplied by. */
  weight: { weightKg: number; measuredOn: string | null; doseWeightKg: number; basis: WeightBasis };
  steps: PlanStepDto[];
  schedule: PlanScheduleItem[];
  prediction: PlanPredictionDto | null;
  canSign: boolean;
  blockers: string[];
}

export interface PlanVersionDto extends PlanPreview {
  planId: string;
  version: number;
  signedAt: string;
  signedBy: JourneyStaffRef;
  qualificationId: string;
  changeReason: string | null;
  /** The sessions this version scheduled, with their state now. */
  sessions?: PlanSessionDto[];
}

export interface PlanSessionDto {
  sessionId: string;
  sessionNumber: number;
  scheduledStart: string;
  plannedDurationMin: number;
  state: string;
}

export interface PlanVersionSummary {
  version: number;
  signedAt: string;
  signedBy: JourneyStaffRef;
  changeReason: string | null;
}

export interface PlanSummary {
  planId: string;
  current: PlanVersionDto;
  versions: PlanVersionSummary[];
}

export interface PlanList {
  plans: PlanSummary[];
}

// --- checks --------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checked<T>(what: string, isValid: (data: unknown) => boolean): ResponseSchema<T> {
  return {
    safeParse(data) {
      return isValid(data)
        ? { success: true, data: data as T }
        : { success: false, error: new TypeError(`not ${what}`) };
    },
  };
}

const isFinding = (f: unknown) =>
  isRecord(f) &&
  typeof f.ruleId === 'string' &&
  typeof f.severity === 'string' &&
  typeof f.message === 'string' &&
  Array.isArray(f.citations);

export const isEligibilityResult = (e: unknown): boolean =>
  isRecord(e) &&
  typeof e.status === 'string' &&
  Array.isArray(e.findings) &&
  e.findings.every(isFinding) &&
  Array.isArray(e.testsDue) &&
  Array.isArray(e.interactions);

const isIntakeVersion = (v: unknown) =>
  isRecord(v) && typeof v.version === 'number' && isRecord(v.intake) && isEligibilityResult(v.eligibility);

const isQualification = (q: unknown) =>
  isRecord(q) &&
  typeof q.id === 'string' &&
  typeof q.intakeVersion === 'number' &&
  typeof q.signedAt === 'string' &&
  typeof q.expired === 'boolean';

const isPlanPreview = (p: unknown) =>
  isRecord(p) &&
  isRecord(p.protocol) &&
  isRecord(p.weight) &&
  Array.isArray(p.steps) &&
  p.steps.every((s) => isRecord(s) && isRecord(s.check) && Array.isArray(s.check.findings)) &&
  Array.isArray(p.schedule) &&
  typeof p.canSign === 'boolean';

const isPlanVersion = (p: unknown) =>
  isPlanPreview(p) && isRecord(p) && typeof p.planId === 'string' && typeof p.version === 'number';

const ZEligibilityResultDto = checked<EligibilityResultDto>('an eligibility result', isEligibilityResult);
const ZIntakeVersionDto = checked<IntakeVersionDto>('an intake version', isIntakeVersion);
const ZIntakeList = checked<IntakeList>(
  'the intakes of a patient',
  (d) =>
    isRecord(d) &&
    (d.current === null || isIntakeVersion(d.current)) &&
    Array.isArray(d.versions) &&
    (d.qualification === null || d.qualification === undefined || isQualification(d.qualification)),
);
const ZQualificationDto = checked<QualificationDto>('a qualification', isQualification);
const ZPlanPreview = checked<PlanPreview>('a plan preview', isPlanPreview);
const ZPlanVersionDto = checked<PlanVersionDto>('a plan version', isPlanVersion);
const ZPlanList = checked<PlanList>(
  'the plans of a patient',
  (d) =>
    isRecord(d) &&
    Array.isArray(d.plans) &&
    d.plans.every((p) => isRecord(p) && typeof p.planId === 'string' && isPlanVersion(p.current)),
);

// --- routes --------------------------------------------------------------------------------------------

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

/** The journey routes over one ApiClient (its session, CSRF token and error handling). */
export function journeyClient(client: ApiClient) {
  return {
    /** The latest intake, every version's summary and the latest qualification. */
    async listIntakes(patientId: string, options?: RequestOptions): Promise<IntakeList> {
      const list = await client.send(
        'GET',
        `${patientPath(patientId)}/intakes`,
        ZIntakeList,
        undefined,
        options,
      );
      return { ...list, qualification: list.qualification ?? null };
    },

    getIntakeVersion(
      patientId: string,
      version: number,
      options?: RequestOptions,
    ): Promise<IntakeVersionDto> {
      return client.send(
        'GET',
        `${patientPath(patientId)}/intakes/${version}`,
        ZIntakeVersionDto,
        undefined,
        options,
      );
    },

    /** Saves a new version; 409 INTAKE_VERSION_CONFLICT when someone saved one since `expectedVersion`. */
    saveIntake(patientId: string, body: SaveIntakeBody): Promise<IntakeVersionDto> {
      return client.send('POST', `${patientPath(patientId)}/intakes`, ZIntakeVersionDto, body);
    },

    /** Physician only; 409 QUALIFICATION_BLOCKED / QUALIFICATION_VALIDITY_UNSET, 400 for a missing reason. */
    signQualification(patientId: string, body: SignQualificationBody): Promise<QualificationDto> {
      return client.send('POST', `${patientPath(patientId)}/qualifications`, ZQualificationDto, body);
    },

    /** Screens an intake with the clinic's settings at the server's time (nothing is saved). */
    screenEligibility(intake: Intake, options?: RequestOptions): Promise<EligibilityResultDto> {
      return client.send('POST', '/api/rules/eligibility', ZEligibilityResultDto, { intake }, options);
    },

    previewPlan(patientId: string, body: PlanRequestBody, options?: RequestOptions): Promise<PlanPreview> {
      return client.send('POST', `${patientPath(patientId)}/plans/preview`, ZPlanPreview, body, options);
    },

    /** Physician only; 409 QUALIFICATION_REQUIRED or PLAN_BLOCKED, 400 for missing override reasons. */
    signPlan(patientId: string, body: SignPlanBody): Promise<PlanVersionDto> {
      return client.send('POST', `${patientPath(patientId)}/plans`, ZPlanVersionDto, body);
    },

    listPlans(patientId: string, options?: RequestOptions): Promise<PlanList> {
      return client.send('GET', `${patientPath(patientId)}/plans`, ZPlanList, undefined, options);
    },

    getPlanVersion(
      patientId: string,
      planId: string,
      version: number,
      options?: RequestOptions,
    ): Promise<PlanVersionDto> {
      return client.send(
        'GET',
        `${patientPath(patientId)}/plans/${encodeURIComponent(planId)}/versions/${version}`,
        ZPlanVersionDto,
        undefined,
        options,
      );
    },
  };
}

export type JourneyClient = ReturnType<typeof journeyClient>;
