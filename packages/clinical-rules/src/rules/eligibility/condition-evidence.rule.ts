/** The guideline's evidence for the patient's condition (REFERENCE §1.2): CRPS noted, others need justification. */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { conditionEvidenceFor } from './condition-evidence.js';

export const conditionEvidence = defineRule<Intake>({
  id: 'eligibility/condition-evidence',
  version: 1,
  area: 'eligibility',
  title: 'Guideline evidence for the condition',
  severity: 'needs-ack',
  description:
    'CRPS has moderate (grade B) evidence and is noted. Every other condition has weak or no guideline evidence: the physician documents a justification; the rule never blocks.',
  parameters: [],
  citations: [
    {
      section: '§1.2',
      source: 'S2',
      note: 'Grades by condition: CRPS B; spinal cord injury pain C; other listed conditions D.',
    },
    {
      section: '§1.2',
      source: 'S3',
      note: 'All conditions other than CRPS: no evidence for intermediate- or long-term benefit.',
    },
  ],
  evaluate: (intake) => {
    const { conditionCategory: category, primaryCondition } = intake.pain;
    const evidence = conditionEvidenceFor(category, primaryCondition.code);
    const inputs = {
      conditionCategory: category,
      code: primaryCondition.code,
      grade: evidence?.grade ?? null,
    };
    if (evidence === null) {
      return [
        {
          message: `${primaryCondition.label} (${primaryCondition.code}) is not a condition the guideline evidence table lists. Document the clinical justification for ketamine.`,
          inputs,
        },
      ];
    }
    if (evidence.grade === 'B') {
      return [
        {
          severity: 'info',
          message: `${primaryCondition.label}: guideline evidence grade B (${evidence.certainty} certainty). ${evidence.evidence}`,
          inputs,
        },
      ];
    }
    return [
      {
        message: `${primaryCondition.label}: guideline evidence grade ${evidence.grade} (${evidence.certainty} certainty). ${evidence.evidence} Document the clinical justification for ketamine.`,
        inputs,
      },
    ];
  },
});
