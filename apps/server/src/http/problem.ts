/**
 * The one error handler: domain error codes, validation failures and Fastify's own errors become an
 * `application/problem+json` body (RFC 9457) with status, code, message and the offending field.
 * Anything unexpected is logged in full and answered with a generic 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, ERROR_CATALOGUE, type ErrorCode, type ErrorKind, type FieldIssue } from '@ketapath/core';

export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  locked: 423,
  unavailable: 503,
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: FieldIssue[];
  requestId: string;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, issues: readonly FieldIssue[] = []): FastifyReply {
  const body: ProblemBody = {
    type: `https://ketapath.org/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    requestId: reply.request.id,
    ...(issues[0] ? { field: issues[0].field, errors: [...issues] } : {}),
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

export function sendDomainError(reply: FastifyReply, error: DomainError): FastifyReply {
  return sendProblem(reply, STATUS_BY_KIND[error.kind], error.code, error.message, error.issues);
}

/** `/address/line1` → `address.line1`; `/doses/2/endMin` → `doses[2].endMin`; the root → the request part. */
function fieldName(instancePath: string, part: string): string {
  const segments = instancePath.split('/').filter((s) => s !== '');
  if (segments.length === 0) return part;
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** One issue per validation failure; an unknown key is named as the field, so the caller sees which one. */
function issuesFromValidation(error: FastifyError): FieldIssue[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const part = error.validationContext ?? 'body';
  return error.validation.map((v) => {
    const keys = (v.params as { keys?: unknown }).keys;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && typeof keys[0] === 'string') {
      const parent = v.instancePath === '/' ? '' : v.instancePath;
      return { field: fieldName(`${parent}/${keys[0]}`, part), message: 'is not a known field' };
    }
    return { field: fieldName(v.instancePath, part), message: v.message ?? 'is not valid' };
  });
}

const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
};

/**
 * `serveAppShell`: when the web app is served, unknown non-API GETs get its index.html (client-side routes
 * such as /patients/…); unknown /api paths always get a problem+json 404.
 */
export function registerErrorHandling(app: FastifyInstance, options: { serveAppShell: boolean }): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) return sendDomainError(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = issuesFromValidation(error);
      const first = issues[0];
      return sendProblem(reply, 400, 'VALIDATION_FAILED', first ? `${first.field}: ${first.message}` : 'The request is not valid.', issues);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) {
      const status = mapped === 'UNSUPPORTED_MEDIA_TYPE' ? 415 : STATUS_BY_KIND[ERROR_CATALOGUE[mapped].kind];
      return sendProblem(reply, status, mapped, ERROR_CATALOGUE[mapped].message);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendProblem(reply, 500, 'INTERNAL_ERROR', 'Something went wrong on the server.');
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, error.statusCode, error.code || 'BAD_REQUEST', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 500, 'INTERNAL_ERROR', 'Something went wrong on the server.');
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.serveAppShell && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return sendProblem(reply, 404, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`);
  });
}
