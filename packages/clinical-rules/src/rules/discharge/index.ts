/** The discharge rules, in the order they are evaluated and listed. */
import type { SessionSnapshot } from '@ketapath/core';
import type { Rule } from '../../define-rule.js';
import { aldreteScore } from './aldrete-score.rule.js';
import { escortPresent } from './escort-present.rule.js';
import { instructionsGiven } from './instructions-given.rule.js';
import { noDrivingAdvice } from './no-driving-advice.rule.js';
import { observationTime } from './observation-time.rule.js';

export { aldreteScore, escortPresent, instructionsGiven, noDrivingAdvice, observationTime };

export const DISCHARGE_RULE_LIST: readonly Rule<SessionSnapshot>[] = [
  aldreteScore,
  observationTime,
  escortPresent,
  noDrivingAdvice,
  instructionsGiven,
];

export const DISCHARGE_RULES: readonly Rule<never>[] = DISCHARGE_RULE_LIST;
