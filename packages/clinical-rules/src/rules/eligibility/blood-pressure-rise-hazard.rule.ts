/** Contraindicated where a significant rise in blood pressure would be a serious hazard (label, §1.3, §3.3). */
import type { CardiovascularConditionKind, Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

/** The esketamine label's contraindicated vascular conditions, where a blood-pressure surge is dangerous. */
const HAZARD_KINDS: ReadonlySet<CardiovascularConditionKind> = new Set([
  'aortic-aneurysm',
  'intracranial-aneurysm',
  'peripheral-arterial-aneurysm',
  'arteriovenous-malformation',
  'intracerebral-hemorrhage-history',
]);

export const bloodPressureRiseHazard = defineRule<Intake>({
  id: 'eligibility/blood-pressure-rise-hazard',
  version: 1,
  area: 'eligibility',
  title: 'No condition where a blood-pressure rise would be a serious hazard',
  severity: 'block',
  description:
    'Aneurysmal vascular disease, arteriovenous malformation or a history of intracerebral haemorrhage: ketamine raises blood pressure and is contraindicated where a significant rise would be a serious hazard.',
  parameters: [],
  citations: [
    {
      section: '§1.3',
      source: 'S15',
      note: 'Ketalar label: contraindicated where a significant rise in blood pressure would be a serious hazard.',
    },
    {
      section: '§3.3',
      source: 'S18',
      note: 'Esketamine label contraindications: aneurysmal vascular disease, arteriovenous malformation, history of intracerebral hemorrhage.',
    },
  ],
  evaluate: (intake) => {
    const hazards = intake.cardiovascular.conditions.filter((c) => HAZARD_KINDS.has(c.kind));
    if (hazards.length === 0) return [];
    const names = hazards.map((c) => (c.description === undefined ? c.kind : `${c.kind} (${c.description})`));
    return [
      {
        message: `${names.join('; ')}: a significant rise in blood pressure would be a serious hazard, where the label contraindicates ketamine.`,
        inputs: { conditions: hazards.map((c) => c.kind) },
      },
    ];
  },
});
