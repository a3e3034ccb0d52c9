/** Elevated intracranial pressure is a relative contraindication (REFERENCE §1.3). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const elevatedIntracranialPressure = defineRule<Intake>({
  id: 'eligibility/elevated-intracranial-pressure',
  version: 1,
  area: 'eligibility',
  title: 'No raised intracranial pressure',
  severity: 'needs-ack',
  description:
    'Raised or suspected raised intracranial pressure needs physician review (relative contraindication; label caution).',
  parameters: [],
  citations: [
    {
      section: '§1.3',
      source: 'S2',
      note: 'Elevated intracranial pressure: relative contraindication (grade C, low).',
    },
    { section: '§1.3', source: 'S15', note: 'Ketalar label: caution with raised intracranial pressure.' },
  ],
  evaluate: (intake) => {
    const { pressure, description } = intake.intracranial;
    if (pressure === 'none') return [];
    const what = description === undefined ? '' : ` (${description})`;
    return [
      {
        message: `Intracranial pressure ${pressure === 'elevated' ? 'is raised' : 'may be raised'}${what}. This is a relative contraindication: a physician must review before ketamine.`,
        inputs: { pressure },
      },
    ];
  },
});
