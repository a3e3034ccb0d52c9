/** Enough distinct treatment classes tried without success before ketamine (a clinic setting). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

/** Outcomes that count as a failed trial: no useful relief, or stopped for side effects. */
const FAILED_OUTCOMES = new Set(['ineffective', 'not-tolerated']);

export const priorTreatmentFailure = defineRule<Intake>({
  id: 'eligibility/prior-treatment-failure',
  version: 1,
  area: 'eligibility',
  title: 'Other treatments have been tried first',
  severity: 'needs-ack',
  description:
    'Counts the distinct treatment classes recorded as ineffective or not tolerated; fewer than the clinic minimum needs a physician decision. Partial and ongoing trials do not count as failed.',
  parameters: ['eligibility.min-failed-treatment-classes'],
  citations: [
    {
      section: '§1.2',
      source: 'S3',
      note: 'No condition other than CRPS has evidence for intermediate- or long-term benefit; the required number of prior treatments is a clinic setting.',
    },
  ],
  evaluate: (intake, ctx) => {
    const minClasses = ctx.number('eligibility.min-failed-treatment-classes');
    const failedClasses = [
      ...new Set(intake.treatmentsTried.filter((t) => FAILED_OUTCOMES.has(t.outcome)).map((t) => t.class)),
    ];
    if (failedClasses.length >= minClasses) return [];
    const detail =
      intake.treatmentsTried.length === 0
        ? 'No earlier treatments are recorded.'
        : `Failed classes: ${failedClasses.length === 0 ? 'none' : failedClasses.join(', ')}.`;
    return [
      {
        message: `${failedClasses.length} treatment class(es) recorded as ineffective or not tolerated; the clinic asks for at least ${minClasses}. ${detail} A physician must decide whether to proceed.`,
        inputs: { failedClasses, treatmentsTried: intake.treatmentsTried.length },
        parameters: ['eligibility.min-failed-treatment-classes'],
      },
    ];
  },
});
