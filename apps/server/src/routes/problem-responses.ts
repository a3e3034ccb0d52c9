/** The problem+json responses a route can give, for its OpenAPI entry. */
import { ZProblem } from '@ketapath/core';

export const PROBLEMS = {
  400: ZProblem.describe('The request is not valid; `field` names the first offending field.'),
  401: ZProblem.describe('Not signed in, or the session expired.'),
  403: ZProblem.describe('The role does not allow this, or the CSRF token is missing.'),
} as const;
export const NOT_FOUND = { 404: ZProblem.describe('No such resource in your clinic.') } as const;
export const CONFLICT = { 409: ZProblem.describe('A stale version: someone else saved first.') } as const;
