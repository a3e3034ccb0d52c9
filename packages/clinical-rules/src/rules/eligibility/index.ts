/** The eligibility rules, in the order they are evaluated and listed. */
import type { Intake } from '@ketapath/core';
import type { Rule } from '../../define-rule.js';
import { activePsychosis } from './active-psychosis.rule.js';
import { activeSubstanceAbuse } from './active-substance-abuse.rule.js';
import { bloodPressureRiseHazard } from './blood-pressure-rise-hazard.rule.js';
import { chronicPainDuration } from './chronic-pain-duration.rule.js';
import { conditionEvidence } from './condition-evidence.rule.js';
import { diagnosisCodeMatch } from './diagnosis-code-match.rule.js';
import { ecgDueCardiovascularDisease } from './ecg-due-cardiovascular-disease.rule.js';
import { ecgDueRiskFactors } from './ecg-due-risk-factors.rule.js';
import { elevatedIntracranialPressure } from './elevated-intracranial-pressure.rule.js';
import { elevatedIntraocularPressure } from './elevated-intraocular-pressure.rule.js';
import { interactingMedicines } from './interacting-medicines.rule.js';
import { ketamineHypersensitivity } from './ketamine-hypersensitivity.rule.js';
import { liverEnzymes } from './liver-enzymes.rule.js';
import { liverTestsDue } from './liver-tests-due.rule.js';
import { moderateHepaticDisease } from './moderate-hepatic-disease.rule.js';
import { phq9SelfHarmItem } from './phq9-self-harm-item.rule.js';
import { poorlyControlledCardiovascularDisease } from './poorly-controlled-cardiovascular-disease.rule.js';
import { pregnancy } from './pregnancy.rule.js';
import { priorTreatmentFailure } from './prior-treatment-failure.rule.js';
import { renalFunction } from './renal-function.rule.js';
import { severeHepaticDisease } from './severe-hepatic-disease.rule.js';
import { thyroidDisease } from './thyroid-disease.rule.js';
import { uncontrolledHypertension } from './uncontrolled-hypertension.rule.js';

export const ELIGIBILITY_RULES: readonly Rule<Intake>[] = [
  // Indication (§1.2)
  chronicPainDuration,
  priorTreatmentFailure,
  conditionEvidence,
  diagnosisCodeMatch,
  // Contraindications and precautions (§1.3, §4.2)
  ketamineHypersensitivity,
  bloodPressureRiseHazard,
  poorlyControlledCardiovascularDisease,
  uncontrolledHypertension,
  pregnancy,
  activePsychosis,
  severeHepaticDisease,
  moderateHepaticDisease,
  liverEnzymes,
  elevatedIntracranialPressure,
  elevatedIntraocularPressure,
  activeSubstanceAbuse,
  thyroidDisease,
  renalFunction,
  phq9SelfHarmItem,
  // Interactions (§5.2)
  interactingMedicines,
  // Pre-infusion tests (§1.6)
  ecgDueCardiovascularDisease,
  ecgDueRiskFactors,
  liverTestsDue,
];
