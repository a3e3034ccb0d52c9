/** Parameters of the eligibility rules, each with its default and REFERENCE.md source. */
import type { Parameter } from '../types.js';

export const ELIGIBILITY_PARAMETERS: readonly Parameter[] = [];
