/** Current medicines (and active alcohol use) that interact with ketamine (REFERENCE §5.2). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { findInteractions } from './interaction-table.js';

export const interactingMedicines = defineRule<Intake>({
  id: 'eligibility/interacting-medicines',
  version: 1,
  area: 'eligibility',
  title: 'Interacting medicines',
  severity: 'warn',
  description:
    'One finding per interacting medicine and class, with the effect and the handling the source gives: caution or dose change → precaution; "avoid" (theophylline) → physician review; information-only classes → noted.',
  parameters: [],
  citations: [
    {
      section: '§5.2',
      source: 'S16',
      note: 'CYP3A4 inhibitors/inducers, theophylline, sympathomimetics, thyroid hormone, CNS depressants, antihypertensives.',
    },
    { section: '§5.2', source: 'S15', note: 'Theophylline/aminophylline: extensor-type seizures reported.' },
    {
      section: '§5.2',
      source: 'S18',
      note: 'MAOIs, psychostimulants and CNS depressants flagged in esketamine labeling.',
    },
    {
      section: '§5.2',
      source: 'S38',
      note: 'Lamotrigine pre-treatment weakened neuropsychiatric effects; information only.',
    },
  ],
  evaluate: (intake) =>
    findInteractions(intake).map((i) => ({
      severity: i.severity,
      title: `Interaction: ${i.interactionClass}`,
      message: `${i.medication} (${i.interactionClass}): ${i.effect} ${i.handling}`,
      inputs: { medication: i.medication, interactionClass: i.interactionClass },
    })),
});
