/** Hypersensitivity to ketamine, esketamine or an excipient: contraindicated by the labels (REFERENCE §1.3, §3.3). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const ketamineHypersensitivity = defineRule<Intake>({
  id: 'eligibility/ketamine-hypersensitivity',
  version: 1,
  area: 'eligibility',
  title: 'No hypersensitivity to ketamine',
  severity: 'block',
  description:
    'A recorded hypersensitivity to ketamine, esketamine or a ketamine excipient: ketamine is contraindicated.',
  parameters: [],
  citations: [
    {
      section: '§1.3',
      source: 'S15',
      note: 'Ketalar label: contraindicated in hypersensitivity to ketamine or its excipients.',
    },
    {
      section: '§3.3',
      source: 'S18',
      note: 'Esketamine label: contraindicated in hypersensitivity to esketamine, ketamine or excipients.',
    },
  ],
  evaluate: (intake) => {
    const allergies = intake.allergies.filter((a) => a.kind !== 'other');
    if (allergies.length === 0) return [];
    const list = allergies
      .map((a) => (a.reaction === undefined ? a.substance : `${a.substance} (${a.reaction})`))
      .join('; ');
    return [
      {
        message: `Hypersensitivity recorded: ${list}. Ketamine is contraindicated.`,
        inputs: { allergies: allergies.map((a) => a.kind) },
      },
    ];
  },
});
