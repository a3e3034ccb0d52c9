/** Blood pressure at evaluation at or above the uncontrolled-hypertension limits (REFERENCE §4.2 [T]). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const uncontrolledHypertension = defineRule<Intake>({
  id: 'eligibility/uncontrolled-hypertension',
  version: 1,
  area: 'eligibility',
  title: 'Blood pressure at evaluation is not in the uncontrolled range',
  severity: 'needs-ack',
  description:
    'Systolic at or above the systolic limit, or diastolic at or above the diastolic limit, counts as uncontrolled hypertension: physician review (poorly controlled cardiovascular disease is a relative contraindication).',
  parameters: ['eligibility.sbp-uncontrolled-mmhg', 'eligibility.dbp-uncontrolled-mmhg'],
  citations: [
    {
      section: '§4.2',
      source: 'S9b',
      note: 'Trial exclusion: uncontrolled hypertension SBP ≥ 180 or DBP ≥ 100 mmHg (trial value, not a standard).',
    },
    {
      section: '§1.3',
      source: 'S2',
      note: 'Poorly controlled cardiovascular disease: relative contraindication.',
    },
  ],
  evaluate: (intake, ctx) => {
    const sbpLimit = ctx.number('eligibility.sbp-uncontrolled-mmhg');
    const dbpLimit = ctx.number('eligibility.dbp-uncontrolled-mmhg');
    const { systolicMmHg, diastolicMmHg } = intake.vitals;
    if (systolicMmHg < sbpLimit && diastolicMmHg < dbpLimit) return [];
    return [
      {
        message: `Blood pressure ${systolicMmHg}/${diastolicMmHg} mmHg at evaluation is at or above ${sbpLimit}/${dbpLimit} mmHg (uncontrolled hypertension). A physician must review; recheck and treat the blood pressure before ketamine.`,
        inputs: { systolicMmHg, diastolicMmHg },
        parameters: ['eligibility.sbp-uncontrolled-mmhg', 'eligibility.dbp-uncontrolled-mmhg'],
      },
    ];
  },
});
