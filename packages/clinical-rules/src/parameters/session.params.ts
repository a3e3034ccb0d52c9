/** Parameters of the session rules, each with its default and REFERENCE.md source. */
import type { Parameter } from '../types.js';

export const SESSION_PARAMETERS: readonly Parameter[] = [];
