/** The discharge rules, in the order they are evaluated and listed. */
import type { Rule } from '../../define-rule.js';

export const DISCHARGE_RULES: readonly Rule<never>[] = [];
