/**
 * The infusion-session routes: the day's schedule, a patient's sessions, one session's chart and its entries,
 * the floor board (and its event stream) and the chart PDF. The answers are restated here as the app reads
 * them (the server builds them with @ketapath/charting and @ketapath/clinical-rules), with light structural
 * checks, so this client depends on @ketapath/core alone.
 *
 * Chart entries are idempotent by `clientEntryId`: `postEntry` retries a post that got no answer (or a
 * gateway error) with the SAME body and id, so an entry is recorded once even when the first answer was lost.
 */
import type {
  ChartBag,
  ChartRate,
  Order,
  SessionEntry,
  SessionEntryBody,
  SessionPhase,
} from '@ketapath/core';
import type { ApiError } from './api-error.js';
import type { ApiClient, RequestOptions } from './client.js';
import type { ResponseSchema, RuleCitation, RuleSeverity, SettingValue } from './rules-types.js';

export const INFUSION_SESSION_STATES = [
  'scheduled',
  'running',
  'paused',
  'stopped',
  'discharged',
  'nurse-signed',
  'locked',
  'cancelled',
] as const;
export type InfusionSessionState = (typeof INFUSION_SESSION_STATES)[number];

export type ActionTier = 'continue-and-watch' | 'slow' | 'pause' | 'stop-and-call';

/** A staff member named on a schedule or a board. */
export interface StaffPerson {
  id: string;
  displayName: string;
}

/** Who recorded something on a chart. */
export interface ChartActor {
  userId: string;
  email: string;
  role: string;
}

export interface SessionPatientRef {
  id: string;
  displayName: string;
  mrn: string;
}

// --- schedule -------------------------------------------------------------------------------------------

/** One session on the day's list: where, when, who; no clinical content. */
export interface ScheduleItem {
  sessionId: string;
  patient: SessionPatientRef;
  protocolName: string;
  sessionNumber: number;
  sessionCount: number;
  scheduledStart: string;
  plannedDurationMin: number;
  chair: string | null;
  assignedNurse: StaffPerson | null;
  state: InfusionSessionState;
  /** The session's version, sent back as `expectedVersion` when moving it. */
  version: number;
}

export interface ScheduleDay {
  date: string;
  /** The zone the day is counted in. */
  timeZone?: string;
  sessions: ScheduleItem[];
  /** Staff who may be assigned (nurses and physicians). */
  nurses?: StaffPerson[];
}

export interface UpdateSessionBody {
  chair?: string | null;
  assignedNurseId?: string | null;
  scheduledStart?: string;
  expectedVersion: number;
}

// --- a patient's sessions -------------------------------------------------------------------------------

export interface PatientSessionSummary {
  sessionId: string;
  sessionNumber: number;
  sessionCount: number;
  protocolName: string;
  scheduledStart: string;
  plannedDurationMin: number;
  startedAt: string | null;
  stoppedAt?: string | null;
  state: InfusionSessionState;
  /** Computed by the server from the rate history, never typed. */
  administeredMg: number | null;
  alertCount: number;
  openAlertCount?: number;
  painBefore: number | null;
  painAfter: number | null;
  chair: string | null;
  planId?: string;
  planVersion?: number;
  version?: number;
}

// --- the chart ------------------------------------------------------------------------------------------

/** Provenance of a chart fact: its entry, when it happened at the chair, who recorded it (null: a device). */
export interface ChartRecorded {
  seq: number;
  at: string;
  by: ChartActor | null;
}

export type ChecklistFact = ChartRecorded & Record<string, unknown>;

/** A pump programming or a rate change of the loaded programming, with its independent double-check. */
export interface ChartProgram extends ChartRecorded {
  kind: 'program' | 'rate-change';
  programSeq: number;
  bag: ChartBag;
  concentrationMgPerMl: number;
  rate: ChartRate;
  rateMlPerH: number;
  rateMgPerH: number;
  weightKg: number;
  weightBasis: 'actual' | 'ideal' | 'adjusted';
  volumeToInfuseMl: number | null;
  reason: string | null;
  doubleCheckedBy: ChartRecorded | null;
}

export interface ChartRateSegment {
  fromIso: string;
  toIso: string | null;
  settingSeq?: number;
  rateMlPerH: number;
  rateMgPerH: number;
  concentrationMgPerMl: number;
}

export interface ChartPause {
  seq: number;
  fromIso: string;
  toIso: string | null;
  reason: string;
}

export interface ChartVitals extends ChartRecorded {
  systolicMmHg?: number;
  diastolicMmHg?: number;
  heartRatePerMin?: number;
  spo2Percent?: number;
  respiratoryRatePerMin?: number;
  sedation?: { scale: string; score: number };
  dissociation?: { scale: string; score: number };
  onSupplementalO2?: boolean;
  baseline: boolean;
  source: 'manual' | 'device';
  deviceId: string | null;
}

export interface ChartAlert extends ChartRecorded {
  ruleId: string;
  ruleVersion: number;
  severity: RuleSeverity;
  actionTier: ActionTier | null;
  title: string;
  message: string;
  finding: Record<string, unknown>;
  raisedBySeq: number;
  acknowledged: (ChartRecorded & { action: string }) | null;
}

export type ChartSignature = ChartRecorded;

export interface ChartAddendum extends ChartRecorded {
  text: string;
  reason: string;
}

/** The chart computed from its entries (@ketapath/charting foldChart); the parts the app reads. */
export interface ChartState {
  state: InfusionSessionState;
  lastSeq: number;
  checklist: Record<string, unknown>;
  programs: ChartProgram[];
  currentSetting: ChartProgram | null;
  /** Pump settings (programs and rate changes) still waiting for their independent double-check. */
  awaitingDoubleCheck: number[];
  startedAt: string | null;
  stoppedAt: string | null;
  paused: boolean;
  pauses: ChartPause[];
  rateSegments: ChartRateSegment[];
  boluses: Array<ChartRecorded & { doseMg: number; reason: string }>;
  /** Computed exactly from the rate history and boluses (rounded to the µg), never typed. */
  administered: {
    mg: number;
    micrograms: number;
    infusionMg?: number;
    bolusMg?: number;
    asOf?: string | null;
  };
  lastDoseAt: string | null;
  vitals: ChartVitals[];
  baseline: (Record<string, unknown> & { seq: number }) | null;
  painBefore: (ChartRecorded & { nrs: number }) | null;
  painAfter: (ChartRecorded & { nrs: number }) | null;
  sideEffects: Array<ChartRecorded & { symptom: string; note?: string }>;
  rescueMeds: Array<ChartRecorded & { drug: string; doseMg: number; route: string; reason: string }>;
  alerts: ChartAlert[];
  discharge: (ChartRecorded & Record<string, unknown>) | null;
  nurseSignedBy: ChartSignature | null;
  physicianCosignedBy: ChartSignature | null;
  locked: boolean;
  addenda: ChartAddendum[];
  notes?: Array<ChartRecorded & { text: string }>;
  /** Odd sequences the chart met (e.g. a rate change before the start); the entry is otherwise ignored. */
  problems?: string[];
}

export interface SessionFinding {
  ruleId: string;
  ruleVersion: number;
  severity: RuleSeverity;
  title: string;
  message: string;
  inputs?: Record<string, unknown>;
  parameters?: Array<{ id: string; label: string; value: SettingValue; unit?: string; basis?: string }>;
  citations: RuleCitation[];
  actionTier?: ActionTier;
  unconfigured?: string[];
}

export interface SessionChecklistItem {
  id: string;
  label: string;
  ruleIds: string[];
  status: 'done' | 'open' | 'n/a';
  severity?: RuleSeverity;
  finding?: string;
}

export interface SessionEvaluation {
  status: 'ok' | 'warn' | 'needs-ack' | 'blocked';
  phase: SessionPhase;
  findings: SessionFinding[];
  checklist: SessionChecklistItem[];
  rescuePrompts?: Array<Record<string, unknown>>;
  discharge: {
    aldreteScore: number | null;
    items: Record<string, unknown> | null;
    passing: boolean;
    observedMin: number | null;
    requiredMin: number | null;
    ready: boolean;
  } | null;
  evaluatedAt: string;
}

/** The predicted plasma ketamine level from the doses actually given. */
export interface ChartPrediction {
  modelId: string;
  modelTitle: string;
  samplingSite: string;
  /** Minute 0 of `timesMin` (the first dose). */
  startIso: string;
  timesMin: number[];
  ngPerMl: number[];
  norketamine?: { available: false; reason: string };
}

export interface ChartSessionInfo {
  id: string;
  version: number;
  state: InfusionSessionState;
  lastSeq?: number;
  patient: SessionPatientRef & { dateOfBirth?: string; sexAtBirth?: string };
  protocolName: string;
  protocolId?: string;
  protocolVersion?: number;
  sessionNumber: number;
  sessionCount: number;
  scheduledStart: string;
  plannedDurationMin: number;
  chair: string | null;
  assignedNurse: StaffPerson | null;
  planId?: string;
  planVersion?: number;
  /** The plan step's order: ordered rate, bag, weight and basis, to prefill the pump programming. */
  order: Order | null;
  /** The weight the per-kg rate is multiplied by (actual, ideal or adjusted per the protocol), when known. */
  doseWeightKg: number | null;
  clinicName?: string;
}

export interface ChartDto {
  session: ChartSessionInfo;
  entries: SessionEntry[];
  chart: ChartState;
  evaluation: SessionEvaluation;
  prediction: ChartPrediction | null;
}

export interface PostEntryResult {
  entry: SessionEntry;
  session: { version: number; state: InfusionSessionState; lastSeq: number };
  raisedAlerts: SessionEntry[];
}

// --- floor board ----------------------------------------------------------------------------------------

export type Trend = 'up' | 'down' | 'flat' | null;

export interface FloorChair {
  sessionId: string;
  chair: string | null;
  patient: { id: string; displayName: string; mrn: string | null };
  protocolName: string;
  sessionNumber: number;
  sessionCount: number;
  state: InfusionSessionState;
  startedAt: string | null;
  /** Whole minutes infused (less pauses), at the time the server sent the chair. */
  elapsedMin: number | null;
  remainingMin: number | null;
  currentRate: { value: number; unit: string; rateMlPerH: number } | null;
  lastVitals: {
    at: string;
    systolicMmHg: number | null;
    diastolicMmHg: number | null;
    heartRatePerMin: number | null;
    spo2Percent: number | null;
    respiratoryRatePerMin: number | null;
  } | null;
  trend: { systolic: Trend; heartRate: Trend; spo2: Trend; respiratoryRate: Trend };
  openAlerts: { stopAndCall: number; pause: number; slow: number; watch: number; other: number };
  assignedNurse: StaffPerson | null;
  version: number;
}

// --- checks ---------------------------------------------------------------------------------------------

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

const isState = (v: unknown) => INFUSION_SESSION_STATES.some((s) => s === v);
const isPatientRef = (v: unknown) => isRecord(v) && typeof v.id === 'string';
const everyRecord = (v: unknown, item: (x: Record<string, unknown>) => boolean) =>
  Array.isArray(v) && v.every((x) => isRecord(x) && item(x));

const isScheduleItem = (s: Record<string, unknown>) =>
  typeof s.sessionId === 'string' &&
  isPatientRef(s.patient) &&
  typeof s.scheduledStart === 'string' &&
  isState(s.state);

const isFloorChair = (c: Record<string, unknown>) =>
  typeof c.sessionId === 'string' && isPatientRef(c.patient) && isState(c.state) && isRecord(c.openAlerts);

const isEntry = (e: unknown) => isRecord(e) && typeof e.seq === 'number' && isRecord(e.data);

export const ZScheduleDay = checked<ScheduleDay>(
  'a day schedule',
  (d) =>
    isRecord(d) &&
    typeof d.date === 'string' &&
    everyRecord(d.sessions, isScheduleItem) &&
    (d.nurses === undefined || Array.isArray(d.nurses)),
);

const ZAnyRecord = checked<Record<string, unknown>>('an object', isRecord);

export const ZPatientSessions = checked<{ sessions: PatientSessionSummary[] }>(
  'a session list',
  (d) => isRecord(d) && everyRecord(d.sessions, (s) => typeof s.sessionId === 'string' && isState(s.state)),
);

export const ZChartDto = checked<ChartDto>(
  'a session chart',
  (d) =>
    isRecord(d) &&
    isRecord(d.session) &&
    typeof d.session.id === 'string' &&
    typeof d.session.version === 'number' &&
    isState(d.session.state) &&
    Array.isArray(d.entries) &&
    d.entries.every(isEntry) &&
    isRecord(d.chart) &&
    isRecord(d.evaluation),
);

export const ZPostEntryResult = checked<PostEntryResult>(
  'a recorded chart entry',
  (d) =>
    isRecord(d) &&
    isEntry(d.entry) &&
    isRecord(d.session) &&
    typeof d.session.version === 'number' &&
    (d.raisedAlerts === undefined || (Array.isArray(d.raisedAlerts) && d.raisedAlerts.every(isEntry))),
);

export const ZFloorBoard = checked<{ chairs: FloorChair[] }>(
  'a floor board',
  (d) => isRecord(d) && everyRecord(d.chairs, isFloorChair),
);

/** One `chair` event of the floor stream; null when the data is not a chair. */
export function parseFloorChair(data: string): FloorChair | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  return isRecord(value) && isFloorChair(value) ? (value as unknown as FloorChair) : null;
}

/** The `snapshot` event of the floor stream (the whole board); null when it is not one. */
export function parseFloorSnapshot(data: string): FloorChair[] | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = ZFloorBoard.safeParse(value);
  return parsed.success ? parsed.data.chairs : null;
}

// --- the client -----------------------------------------------------------------------------------------

/** Whether a failed post may be sent again unchanged: no answer arrived, or a gateway had none. */
export function isRetryable(error: ApiError): boolean {
  return error.code === 'NETWORK_ERROR' || [502, 503, 504].includes(error.status);
}

export interface PostEntryOptions {
  /** Further sends after the first when no answer arrives (the same body and `clientEntryId`); default 3. */
  retries?: number;
  /** Wait before the n-th retry, in ms; default 500 × 2^(n−1). */
  retryDelayMs?: (attempt: number) => number;
  /** Told before each retry, so a screen can say "not saved yet, trying again". */
  onRetry?: (attempt: number, error: ApiError) => void;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

export class SessionsClient {
  readonly #client: ApiClient;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  /** The day's sessions (YYYY-MM-DD, the clinic's day): time, chair, patient, protocol, nurse, state. */
  getSchedule(date: string, options?: RequestOptions): Promise<ScheduleDay> {
    return this.#client.send(
      'GET',
      `/api/schedule?date=${encodeURIComponent(date)}`,
      ZScheduleDay,
      undefined,
      options,
    );
  }

  /** Moves a session to another chair, time or nurse; a stale `expectedVersion` gets 409. */
  updateSession(sessionId: string, body: UpdateSessionBody): Promise<Record<string, unknown>> {
    return this.#client.send('PATCH', sessionPath(sessionId), ZAnyRecord, body);
  }

  async listPatientSessions(patientId: string, options?: RequestOptions): Promise<PatientSessionSummary[]> {
    return (
      await this.#client.send(
        'GET',
        `/api/patients/${encodeURIComponent(patientId)}/sessions`,
        ZPatientSessions,
        undefined,
        options,
      )
    ).sessions;
  }

  getChart(sessionId: string, options?: RequestOptions): Promise<ChartDto> {
    return this.#client.send('GET', `${sessionPath(sessionId)}/chart`, ZChartDto, undefined, options);
  }

  /**
   * Records one chart entry. A post that got no answer is sent again, unchanged, up to `retries` times: the
   * server answers a repeated `clientEntryId` with the entry it already stored. Any answered error (400, 409,
   * 403…) is thrown at once.
   */
  async postEntry(
    sessionId: string,
    body: SessionEntryBody,
    options: PostEntryOptions = {},
  ): Promise<PostEntryResult> {
    const retries = options.retries ?? 3;
    const delay = options.retryDelayMs ?? ((n: number) => 500 * 2 ** (n - 1));
    const sleep = options.sleep ?? defaultSleep;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#client.send('POST', `${sessionPath(sessionId)}/entries`, ZPostEntryResult, body);
      } catch (error) {
        const apiError = error as ApiError;
        if (attempt >= retries || !isRetryable(apiError)) throw error;
        options.onRetry?.(attempt + 1, apiError);
        await sleep(delay(attempt + 1));
      }
    }
  }

  async getFloor(options?: RequestOptions): Promise<FloorChair[]> {
    return (await this.#client.send('GET', '/api/floor', ZFloorBoard, undefined, options)).chairs;
  }

  /** The event stream of the floor board (an EventSource URL): `chair` events, one FloorChair each. */
  floorStreamUrl(): string {
    return '/api/floor/stream';
  }

  /** The printable chart (application/pdf), for a link or a download. */
  chartPdfUrl(sessionId: string): string {
    return `${sessionPath(sessionId)}/chart.pdf`;
  }
}

export function createSessionsClient(client: ApiClient): SessionsClient {
  return new SessionsClient(client);
}
