/** The order rules, in the order they are evaluated and listed. */
import type { Rule } from '../../define-rule.js';
import { bolusLimit } from './bolus-limit.rule.js';
import { bolusPerKgLimit } from './bolus-per-kg-limit.rule.js';
import { concentrationLimit } from './concentration-limit.rule.js';
import { dailyDoseLimit } from './daily-dose-limit.rule.js';
import { doseResponseFloor } from './dose-response-floor.rule.js';
import { doseSlip } from './dose-slip.rule.js';
import { duplicateOrder } from './duplicate-order.rule.js';
import { impossibleValues } from './impossible-values.rule.js';
import { limitsUnconfigured } from './limits-unconfigured.rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { protocolMatch } from './protocol-match.rule.js';
import { protocolNeedsReview } from './protocol-needs-review.rule.js';
import { pumpRateMismatch } from './pump-rate-mismatch.rule.js';
import { ratePerKgLimit } from './rate-per-kg-limit.rule.js';
import { rateLimit } from './rate-limit.rule.js';
import { sessionDoseLimit } from './session-dose-limit.rule.js';
import { standardConcentration } from './standard-concentration.rule.js';
import { weeklyDoseLimit } from './weekly-dose-limit.rule.js';
import { weightAge } from './weight-age.rule.js';
import { weightBasis } from './weight-basis.rule.js';
import { weightChange } from './weight-change.rule.js';
import { weightUnitSlip } from './weight-unit-slip.rule.js';

/** Typed list for checkOrder. */
export const ORDER_RULES_TYPED: readonly Rule<OrderSnapshot>[] = [
  impossibleValues,
  protocolMatch,
  protocolNeedsReview,
  weightUnitSlip,
  weightChange,
  weightAge,
  weightBasis,
  doseSlip,
  ratePerKgLimit,
  rateLimit,
  bolusPerKgLimit,
  bolusLimit,
  sessionDoseLimit,
  dailyDoseLimit,
  weeklyDoseLimit,
  concentrationLimit,
  limitsUnconfigured,
  standardConcentration,
  pumpRateMismatch,
  duplicateOrder,
  doseResponseFloor,
];

export const ORDER_RULES: readonly Rule<never>[] = ORDER_RULES_TYPED;
