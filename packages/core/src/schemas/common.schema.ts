/** Schemas shared by many routes: ids, dates, pagination, the problem+json body. */
import { z } from 'zod';

export const ZUuid = z.uuid({ message: 'must be a UUID' });

/** A calendar date as YYYY-MM-DD that exists in the calendar (2023-02-30 is refused). */
export const ZIsoDate = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });

export const ZIsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  field: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof ZProblem>;

export const ZLimit = z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(25);
export const ZOffset = z.coerce.number().int().min(0, 'must be 0 or more').max(1_000_000, 'is too large').default(0);
