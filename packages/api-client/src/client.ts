/**
 * Typed client for the Ketapath staff API over `fetch`. It keeps the session's CSRF token and sends it on
 * every state-changing request, validates responses against the core schemas, and calls `onSessionExpired`
 * when a request made inside a session comes back 401.
 *
 * @example
 * const api = createApiClient({ onSessionExpired: () => showSignIn('Your session ended.') });
 * await api.login({ email, password });
 * const page = await api.searchPatients({ q: 'garcia' });
 */
import {
  ZAuditPage,
  ZMeasurement,
  ZPatient,
  ZPatientPage,
  ZSessionInfo,
  ZUser,
  ZWeightOn,
  type AuditPage,
  type AuditQuery,
  type CreateMeasurementBody,
  type CreatePatientBody,
  type CreateUserBody,
  type LoginBody,
  type Measurement,
  type MeasurementKind,
  type Patient,
  type PatientPage,
  type SessionInfo,
  type UpdatePatientBody,
  type User,
} from '@ketapath/core';
import { ApiError, networkError, toApiError } from './api-error.js';
import {
  ZClinicalSetting,
  ZClinicalSettingHistory,
  ZClinicalSettingList,
  ZProtocolDetail,
  ZProtocolList,
  ZProtocolVersion,
  ZRulesCatalogue,
  type ClinicalSetting,
  type ClinicalSettingChange,
  type CreateClinicProtocolBody,
  type ProtocolDetail,
  type ProtocolSummary,
  type ProtocolVersion,
  type ResponseSchema,
  type RulesCatalogue,
  type UpdateClinicalSettingBody,
  type UpdateClinicProtocolBody,
} from './rules-types.js';

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Prefix of every path; '' (the default) means the page's own origin. */
  baseUrl?: string;
  /** Defaults to the global fetch; tests pass a fake. */
  fetch?: FetchFunction;
  /** Called once per 401 answered to a request sent while the client held a session. */
  onSessionExpired?: (error: ApiError) => void;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

export interface PatientSearchParams {
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Audit filters; every one is optional (the server defaults `limit` to 25). */
export type AuditSearchParams = { [K in keyof AuditQuery]?: AuditQuery[K] | undefined };

export type WeightOn = ReturnType<typeof ZWeightOn.parse>;

/** `{ items: T[] }`, the list envelope of several routes. */
function itemsOf<T>(item: { array(): ResponseSchema<T[]> }): ResponseSchema<{ items: T[] }> {
  const list = item.array();
  return {
    safeParse(data) {
      const items: unknown =
        typeof data === 'object' && data !== null && 'items' in data ? data.items : undefined;
      const parsed = list.safeParse(items);
      return parsed.success ? { success: true, data: { items: parsed.data } } : parsed;
    },
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const ZMeasurementList = itemsOf(ZMeasurement);
const ZUserList = itemsOf(ZUser);

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export class ApiClient {
  readonly #baseUrl: string;
  readonly #fetch: FetchFunction;
  readonly #onSessionExpired: ((error: ApiError) => void) | undefined;
  #csrfToken: string | null = null;

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = options.baseUrl ?? '';
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#onSessionExpired = options.onSessionExpired;
  }

  /** True between a successful login (or session check) and logout or expiry. */
  get hasSession(): boolean {
    return this.#csrfToken !== null;
  }

  async #request<T>(
    method: string,
    path: string,
    schema: ResponseSchema<T> | null,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (!SAFE_METHODS.has(method) && this.#csrfToken) headers['x-csrf-token'] = this.#csrfToken;
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (options.signal) init.signal = options.signal;

    const hadSession = this.#csrfToken !== null;
    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${path}`, init);
    } catch (cause) {
      throw networkError(cause);
    }
    if (!response.ok) {
      const error = await toApiError(response);
      if (response.status === 401 && hadSession) {
        this.#csrfToken = null;
        this.#onSessionExpired?.(error);
      }
      throw error;
    }
    if (schema === null) return undefined as T;
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      throw new ApiError(
        {
          status: response.status,
          code: 'BAD_RESPONSE',
          detail: 'The server sent a response that is not JSON.',
        },
        { cause },
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        {
          status: response.status,
          code: 'BAD_RESPONSE',
          detail: 'The server sent a response this app does not understand; reload the page.',
        },
        { cause: parsed.error },
      );
    }
    return parsed.data;
  }

  /**
   * One request for the route groups kept in their own files (journey-client.ts): CSRF, session expiry and
   * problem+json handling as for every method here; the answer is checked with `schema` (null: no body).
   */
  send<T>(
    method: string,
    path: string,
    schema: ResponseSchema<T> | null,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    return this.#request(method, path, schema, body, options);
  }

  #remember(session: SessionInfo): SessionInfo {
    this.#csrfToken = session.csrfToken;
    return session;
  }

  // --- session -------------------------------------------------------------------------------------

  async login(body: LoginBody): Promise<SessionInfo> {
    this.#csrfToken = null;
    return this.#remember(await this.#request('POST', '/api/auth/login', ZSessionInfo, body));
  }

  /** Signs out; the local session is forgotten even when the server call fails. */
  async logout(): Promise<void> {
    try {
      await this.#request('POST', '/api/auth/logout', null);
    } finally {
      this.#csrfToken = null;
    }
  }

  /** The current session (restores the CSRF token after a page reload); 401 when signed out. */
  async getSession(): Promise<SessionInfo> {
    return this.#remember(await this.#request('GET', '/api/auth/session', ZSessionInfo));
  }

  // --- patients ------------------------------------------------------------------------------------

  searchPatients(params: PatientSearchParams = {}, options?: RequestOptions): Promise<PatientPage> {
    return this.#request(
      'GET',
      `/api/patients${queryString({ q: params.q?.trim(), limit: params.limit, offset: params.offset })}`,
      ZPatientPage,
      undefined,
      options,
    );
  }

  createPatient(body: CreatePatientBody): Promise<Patient> {
    return this.#request('POST', '/api/patients', ZPatient, body);
  }

  getPatient(patientId: string, options?: RequestOptions): Promise<Patient> {
    return this.#request(
      'GET',
      `/api/patients/${encodeURIComponent(patientId)}`,
      ZPatient,
      undefined,
      options,
    );
  }

  /** Send the `version` you read; a stale one is refused with 409 PATIENT_VERSION_CONFLICT. */
  updatePatient(patientId: string, body: UpdatePatientBody): Promise<Patient> {
    return this.#request('PATCH', `/api/patients/${encodeURIComponent(patientId)}`, ZPatient, body);
  }

  /** Weight and height history, newest first. */
  async listMeasurements(
    patientId: string,
    kind?: MeasurementKind,
    options?: RequestOptions,
  ): Promise<Measurement[]> {
    const page = await this.#request(
      'GET',
      `/api/patients/${encodeURIComponent(patientId)}/measurements${queryString({ kind })}`,
      ZMeasurementList,
      undefined,
      options,
    );
    return page.items;
  }

  addMeasurement(patientId: string, body: CreateMeasurementBody): Promise<Measurement> {
    return this.#request(
      'POST',
      `/api/patients/${encodeURIComponent(patientId)}/measurements`,
      ZMeasurement,
      body,
    );
  }

  /** The weight in force on `on` (YYYY-MM-DD): the latest measured on or before it. */
  getWeightOn(patientId: string, on: string): Promise<WeightOn> {
    return this.#request(
      'GET',
      `/api/patients/${encodeURIComponent(patientId)}/weight${queryString({ on })}`,
      ZWeightOn,
    );
  }

  // --- administration ------------------------------------------------------------------------------

  listAudit(params: AuditSearchParams = {}, options?: RequestOptions): Promise<AuditPage> {
    const { userId, action, entityType, entityId, outcome, from, to, cursor, limit } = params;
    return this.#request(
      'GET',
      `/api/audit${queryString({ userId, action, entityType, entityId, outcome, from, to, cursor, limit })}`,
      ZAuditPage,
      undefined,
      options,
    );
  }

  async listUsers(options?: RequestOptions): Promise<User[]> {
    return (await this.#request('GET', '/api/users', ZUserList, undefined, options)).items;
  }

  createUser(body: CreateUserBody): Promise<User> {
    return this.#request('POST', '/api/users', ZUser, body);
  }

  // --- rules engine: catalogue, protocols, clinic settings ---------------------------------------------

  /** Every rule and parameter the engine knows, with citations. */
  getRules(options?: RequestOptions): Promise<RulesCatalogue> {
    return this.#request('GET', '/api/rules', ZRulesCatalogue, undefined, options);
  }

  /** The library's protocols and the clinic's own, latest version of each. */
  async listProtocols(options?: RequestOptions): Promise<ProtocolSummary[]> {
    return (await this.#request('GET', '/api/protocols', ZProtocolList, undefined, options)).protocols;
  }

  /** The latest version of a protocol with its version history. */
  getProtocol(protocolId: string, options?: RequestOptions): Promise<ProtocolDetail> {
    return this.#request(
      'GET',
      `/api/protocols/${encodeURIComponent(protocolId)}`,
      ZProtocolDetail,
      undefined,
      options,
    );
  }

  getProtocolVersion(
    protocolId: string,
    version: number,
    options?: RequestOptions,
  ): Promise<ProtocolVersion> {
    return this.#request(
      'GET',
      `/api/protocols/${encodeURIComponent(protocolId)}/versions/${version}`,
      ZProtocolVersion,
      undefined,
      options,
    );
  }

  /** A clinic copy of a protocol; its id must be new (409 otherwise). */
  createClinicProtocol(body: CreateClinicProtocolBody): Promise<ProtocolVersion> {
    return this.#request('POST', '/api/protocols', ZProtocolVersion, body);
  }

  /** A new version of a clinic protocol; a stale `expectedVersion` or a library protocol is refused with 409. */
  updateClinicProtocol(protocolId: string, body: UpdateClinicProtocolBody): Promise<ProtocolVersion> {
    return this.#request('PUT', `/api/protocols/${encodeURIComponent(protocolId)}`, ZProtocolVersion, body);
  }

  /** Every rule parameter with the clinic's value in force. */
  async listClinicalSettings(options?: RequestOptions): Promise<ClinicalSetting[]> {
    return (await this.#request('GET', '/api/settings/clinical', ZClinicalSettingList, undefined, options))
      .settings;
  }

  /** Sets (or with `value: null` resets) one parameter; a reason is required; stale versions get 409. */
  updateClinicalSetting(parameterId: string, body: UpdateClinicalSettingBody): Promise<ClinicalSetting> {
    return this.#request(
      'PUT',
      `/api/settings/clinical/${encodeURIComponent(parameterId)}`,
      ZClinicalSetting,
      body,
    );
  }

  /** Changes to one parameter, newest first. */
  async getClinicalSettingHistory(
    parameterId: string,
    options?: RequestOptions,
  ): Promise<ClinicalSettingChange[]> {
    return (
      await this.#request(
        'GET',
        `/api/settings/clinical/${encodeURIComponent(parameterId)}/history`,
        ZClinicalSettingHistory,
        undefined,
        options,
      )
    ).changes;
  }
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  return new ApiClient(options);
}
