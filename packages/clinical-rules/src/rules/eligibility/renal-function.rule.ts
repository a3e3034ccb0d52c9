/** eGFR below the clinic's review limit: no renal dose adjustment is known (REFERENCE §5.1, §10). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const renalFunction = defineRule<Intake>({
  id: 'eligibility/renal-function',
  version: 1,
  area: 'eligibility',
  title: 'Renal function',
  severity: 'needs-ack',
  description:
    'An eGFR below the clinic limit needs physician review of the dose plan: metabolites are excreted in urine and no renal dose adjustment was found. A missing eGFR is noted.',
  parameters: ['eligibility.egfr-review-below-ml-per-min-173m2'],
  citations: [
    {
      section: '§5.1',
      source: 'S17',
      note: 'Metabolites are excreted in urine; renal-impairment dose adjustment not found.',
    },
  ],
  evaluate: (intake, ctx) => {
    const limit = ctx.number('eligibility.egfr-review-below-ml-per-min-173m2');
    const renal = intake.renal;
    if (renal === undefined) {
      return [
        {
          severity: 'info',
          message: 'No eGFR on file; renal function was not assessed.',
          inputs: { egfrMlPerMinPer173m2: null },
        },
      ];
    }
    if (renal.egfrMlPerMinPer173m2 >= limit) return [];
    return [
      {
        message: `eGFR ${renal.egfrMlPerMinPer173m2} mL/min/1.73m² on ${renal.measuredOn} is below the clinic limit of ${limit}. No renal dose adjustment for ketamine is known: a physician must review the dose plan.`,
        inputs: { egfrMlPerMinPer173m2: renal.egfrMlPerMinPer173m2, measuredOn: renal.measuredOn },
        parameters: ['eligibility.egfr-review-below-ml-per-min-173m2'],
      },
    ];
  },
});
