/**
 * The API side of the browser tests: a small client with the browser's cookie session and CSRF token, the
 * clean CRPS intake, a patient seeded through intake, qualification and a signed plan whose session 1 is
 * today, chart entries (state-changing ones with the version read just before), a session started through
 * the pump programming and its double-check, clinic settings and ledger receipts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

export interface Answer {
  status: number;
  body: Record<string, unknown> & { [key: string]: any };
  contentType: string;
}

export class ApiSession {
  #cookie = '';
  #csrf = '';
  constructor(readonly baseUrl: string) {}

  async request(method: string, urlPath: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#cookie) headers.cookie = this.#cookie;
    if (this.#csrf && method !== 'GET') headers['x-csrf-token'] = this.#csrf;
    const response = await fetch(`${this.baseUrl}${urlPath}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) this.#cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const text = await response.text();
    let parsed: unknown = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { text };
    }
    return {
      status: response.status,
      body: parsed as Answer['body'],
      contentType: response.headers.get('content-type') ?? '',
    };
  }

  async must(method: string, urlPath: string, body: unknown, status: number): Promise<Answer['body']> {
    const answer = await this.request(method, urlPath, body);
    assert.equal(answer.status, status, `${method} ${urlPath}: ${JSON.stringify(answer.body).slice(0, 600)}`);
    return answer.body;
  }

  static async signIn(baseUrl: string, email: string, password: string): Promise<ApiSession> {
    const api = new ApiSession(baseUrl);
    const session = await api.must('POST', '/api/auth/login', { email, password }, 200);
    api.#csrf = String(session.csrfToken);
    return api;
  }
}

/** REFERENCE §1.2 / §2.1 [G]: CRPS, 0.35 mg/kg/h over 4 hours daily for 10 days (S3, S4). */
export const CRPS_PROTOCOL = { id: 'crps-4h-daily-10-days', version: 1 };

/** A 42-year-old with two years of CRPS of the right arm and two failed treatment classes. */
export function crpsIntake(weightKg: number) {
  return {
    patient: { ageYears: 42, sex: 'female', weightKg },
    evaluatedOn: new Date().toISOString().slice(0, 10),
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
}

interface Finding {
  ruleId: string;
  severity: string;
}

const reasonsFor = (findings: readonly Finding[]) =>
  findings
    .filter((f) => f.severity === 'needs-ack' || f.severity === 'warn')
    .map((f) => ({ ruleId: f.ruleId, reason: 'Reviewed with the patient for this test plan' }));

export interface SeededSession {
  patientId: string;
  patientName: string;
  sessionId: string;
}

/** A patient with a signed qualification and plan on `bag`: session 1 starts in a minute, in `chair`. */
export async function seedPatientWithSession(
  physician: ApiSession,
  options: {
    familyName: string;
    weightKg: number;
    chair: string;
    nurseId: string;
    bag: { drugMg: number; volumeMl: number };
  },
): Promise<SeededSession> {
  const { familyName, weightKg, chair, nurseId, bag } = options;
  const patient = await physician.must(
    'POST',
    '/api/patients',
    {
      familyName,
      givenNames: 'Ana',
      dateOfBirth: '1983-04-12',
      sexAtBirth: 'female',
      weightKg,
      heightCm: 168,
    },
    201,
  );
  const patientId = String(patient.id);
  const intake = await physician.must(
    'POST',
    `/api/patients/${patientId}/intakes`,
    { intake: crpsIntake(weightKg), expectedVersion: 0 },
    201,
  );
  await physician.must(
    'POST',
    `/api/patients/${patientId}/qualifications`,
    { intakeVersion: 1, overrides: reasonsFor(intake.eligibility.findings as Finding[]) },
    201,
  );
  const planBody = {
    protocolId: CRPS_PROTOCOL.id,
    protocolVersion: CRPS_PROTOCOL.version,
    firstSessionAt: new Date(Date.now() + 60_000).toISOString(),
    bag,
    overrides: [] as Array<{ ruleId: string; reason: string }>,
  };
  const preview = await physician.must('POST', `/api/patients/${patientId}/plans/preview`, planBody, 200);
  const overrides = reasonsFor(
    (preview.steps as Array<{ check: { findings: Finding[] } }>).flatMap((s) => s.check.findings),
  );
  await physician.must('POST', `/api/patients/${patientId}/plans`, { ...planBody, overrides }, 201);
  const list = await physician.must('GET', `/api/patients/${patientId}/sessions`, undefined, 200);
  const first = (list.sessions as Array<{ sessionId: string; sessionNumber: number; version: number }>).find(
    (s) => s.sessionNumber === 1,
  );
  assert.ok(first, 'the signed plan created session 1');
  await physician.must(
    'PATCH',
    `/api/sessions/${first.sessionId}`,
    { chair, assignedNurseId: nurseId, expectedVersion: first.version },
    200,
  );
  return { patientId, patientName: `${familyName}, Ana`, sessionId: first.sessionId };
}

/** Records chart entries through the API: state-changing ones with the version read just before. */
export async function entry(
  api: ApiSession,
  sessionId: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  stateChanging = false,
): Promise<Answer['body']> {
  const version = stateChanging
    ? Number((await api.must('GET', `/api/sessions/${sessionId}/chart`, undefined, 200)).session.version)
    : undefined;
  return api.must(
    'POST',
    `/api/sessions/${sessionId}/entries`,
    {
      entry: data,
      clientEntryId: randomUUID(),
      ...(version === undefined ? {} : { expectedVersion: version }),
      ...extra,
    },
    201,
  );
}

/** Pre-start checks, baseline, pump programming of `bag` with the witness's double-check, start. */
export async function startThroughApi(
  nurse: ApiSession,
  sessionId: string,
  options: {
    weightKg: number;
    bag: { drugMg: number; volumeMl: number };
    lot: string;
    witness: { email: string; password: string };
  },
): Promise<void> {
  const { weightKg, bag, lot, witness } = options;
  const now = new Date().toISOString();
  await entry(nurse, sessionId, { kind: 'checklist', checklist: { item: 'consent', signedAt: now } });
  await entry(nurse, sessionId, {
    kind: 'checklist',
    checklist: { item: 'escort', confirmed: true, name: 'Sam' },
  });
  await entry(nurse, sessionId, {
    kind: 'vitals',
    vitals: {
      systolicMmHg: 122,
      diastolicMmHg: 78,
      heartRatePerMin: 70,
      spo2Percent: 98,
      respiratoryRatePerMin: 14,
      baseline: true,
      source: 'manual',
    },
  });
  // 0.35 mg/kg/h on the actual weight, at the bag's concentration.
  const concentrationMgPerMl = bag.drugMg / bag.volumeMl;
  const rateMlPerH = Number(((0.35 * weightKg) / concentrationMgPerMl).toFixed(2));
  const program = await entry(
    nurse,
    sessionId,
    {
      kind: 'pump-program',
      bag: { drug: 'ketamine', ...bag, lot },
      rate: { value: 0.35, unit: 'mg/kg/h' },
      weightKg,
      weightBasis: 'actual',
      rateMlPerH,
      volumeToInfuseMl: Number(((rateMlPerH * 240) / 60).toFixed(1)),
    },
    {},
    true,
  );
  await entry(
    nurse,
    sessionId,
    { kind: 'double-check', programSeq: program.entry.seq },
    { witness: { email: witness.email, password: witness.password } },
    true,
  );
  await entry(nurse, sessionId, { kind: 'start' }, {}, true);
}

/** Sets a clinic setting to `value` unless it already has a value (`onlyIfUnset`) or has this one. */
export async function ensureSetting(
  admin: ApiSession,
  id: string,
  value: number | boolean | string,
  reason: string,
  onlyIfUnset = false,
): Promise<unknown> {
  const settings = await admin.must('GET', '/api/settings/clinical', undefined, 200);
  const setting = (settings.settings as Array<{ id: string; value: unknown; version: number }>).find(
    (p) => p.id === id,
  );
  assert.ok(setting, `the setting ${id} exists`);
  if (setting.value === value || (onlyIfUnset && setting.value !== null)) return setting.value;
  await admin.must(
    'PUT',
    `/api/settings/clinical/${id}`,
    { value, reason, expectedVersion: setting.version },
    200,
  );
  return value;
}

/** The clinic's first registered location (every clinic has a "Main" one). */
export async function mainLocationId(api: ApiSession): Promise<string> {
  const list = await api.must('GET', '/api/ledger/locations', undefined, 200);
  const first = (list.locations as Array<{ id: string }>)[0];
  assert.ok(first, 'the clinic has a registered location');
  return first.id;
}

/** Today plus `days`, as YYYY-MM-DD in the local zone. */
export function isoDateIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** One lot received through the API (for tests whose subject is not receiving). */
export async function receiveThroughApi(
  api: ApiSession,
  locationId: string,
  lot: { lot: string; concentrationMgPerMl: number; volumeMlPerContainer: number; containerCount: number },
): Promise<Answer['body']> {
  return api.must(
    'POST',
    '/api/ledger/receipts',
    {
      locationId,
      clientEntryId: randomUUID(),
      ndc: '0143-9508-10',
      drugName: 'Ketamine hydrochloride',
      form: 'injection, solution (vial)',
      ...lot,
      expiresOn: isoDateIn(365),
      supplier: {
        name: 'Cardinal Test Supply',
        address: '1 Depot Road, Columbus, OH 43215',
        deaNumber: 'RC1234563',
      },
      invoiceRef: `INV-${lot.lot}`,
      receivedOn: isoDateIn(0),
    },
    201,
  );
}
