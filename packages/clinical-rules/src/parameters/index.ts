/** Every rule parameter, by id. One list; a test proves ids are unique and defaults obey their own ranges. */
import type { Parameter } from '../types.js';
import { ELIGIBILITY_PARAMETERS } from './eligibility.params.js';
import { LEDGER_PARAMETERS } from './ledger.params.js';
import { ORDER_PARAMETERS } from './order.params.js';
import { SESSION_PARAMETERS } from './session.params.js';

export const PARAMETERS: readonly Parameter[] = [
  ...ELIGIBILITY_PARAMETERS,
  ...ORDER_PARAMETERS,
  ...SESSION_PARAMETERS,
  ...LEDGER_PARAMETERS,
];

export const PARAMETERS_BY_ID: ReadonlyMap<string, Parameter> = new Map(PARAMETERS.map((p) => [p.id, p]));

export function getParameter(id: string): Parameter | undefined {
  return PARAMETERS_BY_ID.get(id);
}
