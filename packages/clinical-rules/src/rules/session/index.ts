/** The session rules (pre-start checklist and intra-infusion), in the order they are evaluated and listed. */
import type { SessionSnapshot } from '@ketapath/core';
import type { Rule } from '../../define-rule.js';
import { baselineVitals } from './baseline-vitals.rule.js';
import { bloodPressureLimits } from './blood-pressure-limits.rule.js';
import { bloodPressureRise } from './blood-pressure-rise.rule.js';
import { consentSigned } from './consent-signed.rule.js';
import { dissociationLevel } from './dissociation-level.rule.js';
import { eligibilityCurrent } from './eligibility-current.rule.js';
import { escortConfirmed } from './escort-confirmed.rule.js';
import { fasting } from './fasting.rule.js';
import { heartRateLimits } from './heart-rate-limits.rule.js';
import { monitoringRecorded } from './monitoring-recorded.rule.js';
import { oxygenSaturation } from './oxygen-saturation.rule.js';
import { preTreatmentTests } from './pre-treatment-tests.rule.js';
import { pregnancyTestPositive } from './pregnancy-test-positive.rule.js';
import { pregnancyTestRequired } from './pregnancy-test-required.rule.js';
import { qualificationValidity } from './qualification-validity.rule.js';
import { respiratoryRateLimits } from './respiratory-rate-limits.rule.js';
import { sedationLevel } from './sedation-level.rule.js';
import { symptomReported } from './symptom-reported.rule.js';

export {
  baselineVitals,
  bloodPressureLimits,
  bloodPressureRise,
  consentSigned,
  dissociationLevel,
  eligibilityCurrent,
  escortConfirmed,
  fasting,
  heartRateLimits,
  monitoringRecorded,
  oxygenSaturation,
  preTreatmentTests,
  pregnancyTestPositive,
  pregnancyTestRequired,
  qualificationValidity,
  respiratoryRateLimits,
  sedationLevel,
  symptomReported,
};

/** Pre-start checklist rules. */
export const PRE_START_RULES: readonly Rule<SessionSnapshot>[] = [
  eligibilityCurrent,
  qualificationValidity,
  consentSigned,
  fasting,
  baselineVitals,
  pregnancyTestPositive,
  pregnancyTestRequired,
  escortConfirmed,
  preTreatmentTests,
];

/** Intra-infusion rules. */
export const INFUSION_RULES: readonly Rule<SessionSnapshot>[] = [
  bloodPressureLimits,
  bloodPressureRise,
  heartRateLimits,
  respiratoryRateLimits,
  oxygenSaturation,
  sedationLevel,
  dissociationLevel,
  monitoringRecorded,
  symptomReported,
];

export const SESSION_RULES: readonly Rule<never>[] = [...PRE_START_RULES, ...INFUSION_RULES];
