/** Pregnancy is a relative contraindication (REFERENCE §1.3); an unknown status must be settled first. */
import type { Intake } from '@ketapath/core';
import { defineRule, type FindingDraft } from '../../define-rule.js';

export const pregnancy = defineRule<Intake>({
  id: 'eligibility/pregnancy',
  version: 1,
  area: 'eligibility',
  title: 'Pregnancy',
  severity: 'needs-ack',
  description:
    'Pregnant: physician review (relative contraindication). Unknown status: a precaution to confirm before the first infusion. Breastfeeding: noted, as REFERENCE.md has no lactation guidance.',
  parameters: [],
  citations: [
    { section: '§1.3', source: 'S2', note: 'Pregnancy: relative contraindication (grade B, low).' },
  ],
  evaluate: (intake) => {
    const { status, breastfeeding } = intake.pregnancy;
    const drafts: FindingDraft[] = [];
    if (status === 'pregnant') {
      drafts.push({
        message:
          'The patient is pregnant. Pregnancy is a relative contraindication: a physician must review before ketamine.',
        inputs: { status },
      });
    }
    if (status === 'unknown') {
      drafts.push({
        severity: 'warn',
        message:
          'Pregnancy status is unknown. Confirm it before the first infusion (pregnancy is a relative contraindication).',
        inputs: { status },
      });
    }
    if (breastfeeding) {
      drafts.push({
        severity: 'info',
        title: 'Breastfeeding',
        message:
          'The patient is breastfeeding. The clinical reference has no lactation guidance for ketamine; the physician advises.',
        inputs: { breastfeeding },
      });
    }
    return drafts;
  },
});
