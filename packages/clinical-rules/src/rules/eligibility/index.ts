/** The eligibility rules, in the order they are evaluated and listed. */
import type { Rule } from '../../define-rule.js';

export const ELIGIBILITY_RULES: readonly Rule<never>[] = [];
