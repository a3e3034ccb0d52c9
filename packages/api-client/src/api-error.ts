/**
 * The one error type the client throws: an HTTP problem (RFC 9457 problem+json from the server), a network
 * failure or a response that does not match its schema, with the offending field when the server named one.
 */
import { ZProblem, type FieldIssue } from '@ketapath/core';

/** Codes the client invents itself; every other code comes from the server's catalogue. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'ABORTED';

export interface ApiErrorInit {
  status: number;
  code: string;
  detail: string;
  field?: string | undefined;
  errors?: readonly FieldIssue[] | undefined;
  requestId?: string | undefined;
}

export class ApiError extends Error {
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field: string | undefined;
  readonly errors: readonly FieldIssue[];
  readonly requestId: string | undefined;

  constructor(init: ApiErrorInit, options?: { cause?: unknown }) {
    super(init.detail, options);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.field = init.field;
    this.errors = init.errors ?? (init.field ? [{ field: init.field, message: init.detail }] : []);
    this.requestId = init.requestId;
  }

  /**
   * Messages per field, e.g. `{ weightKg: 'must be between 20 and 400 kg' }`; the first message wins when a
   * field has several.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.errors) out[issue.field] ??= issue.message;
    return out;
  }
}

const GENERIC_DETAIL: Readonly<Record<number, string>> = {
  401: 'Sign in to continue.',
  403: 'Your role does not allow this.',
  404: 'Not found.',
  413: 'The request is too large.',
  429: 'Too many requests; wait a moment and try again.',
  502: 'The server is not reachable.',
  503: 'The server is not available.',
  504: 'The server did not answer in time.',
};

/**
 * Turns an error response into an ApiError. A problem+json body gives code, detail and fields; anything
 * else (a proxy's HTML page, an empty body) gets `HTTP_<status>` and a plain message.
 */
export async function toApiError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (/json/i.test(contentType)) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const parsed = ZProblem.safeParse(body);
    if (parsed.success) {
      const p = parsed.data;
      return new ApiError({
        status: response.status,
        code: p.code,
        detail: p.detail,
        field: p.field,
        errors: p.errors,
        requestId: p.requestId ?? requestId,
      });
    }
  }
  const detail =
    GENERIC_DETAIL[response.status] ??
    `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  return new ApiError({ status: response.status, code: `HTTP_${response.status}`, detail, requestId });
}

/** A fetch that threw: aborted by the caller, or no connection. */
export function networkError(cause: unknown): ApiError {
  if (cause instanceof DOMException && cause.name === 'AbortError') {
    return new ApiError({ status: 0, code: 'ABORTED', detail: 'The request was cancelled.' }, { cause });
  }
  return new ApiError(
    {
      status: 0,
      code: 'NETWORK_ERROR',
      detail: 'Cannot reach the Ketapath server. Check the connection and try again.',
    },
    { cause },
  );
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
