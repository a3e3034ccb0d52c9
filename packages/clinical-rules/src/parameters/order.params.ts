/** Parameters of the order rules, each with its default and REFERENCE.md source. */
import type { Parameter } from '../types.js';

export const ORDER_PARAMETERS: readonly Parameter[] = [];
