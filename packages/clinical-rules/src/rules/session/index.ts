/** The session rules, in the order they are evaluated and listed. */
import type { Rule } from '../../define-rule.js';

export const SESSION_RULES: readonly Rule<never>[] = [];
