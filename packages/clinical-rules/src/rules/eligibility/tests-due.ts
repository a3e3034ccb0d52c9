/** The pre-infusion tests of REFERENCE §1.6 that eligibility rules can find due. */
export const PRE_INFUSION_TESTS = {
  ecg: 'Baseline ECG',
  'liver-function-tests': 'Baseline and post-infusion liver function tests',
} as const;

export type PreInfusionTestId = keyof typeof PRE_INFUSION_TESTS;
