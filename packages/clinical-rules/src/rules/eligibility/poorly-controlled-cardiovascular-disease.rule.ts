/** Poorly controlled cardiovascular disease is a relative contraindication; cardiac disease needs caution (§1.3). */
import type { CardiovascularConditionKind, Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import type { FindingDraft } from '../../define-rule.js';

/** Conditions the blood-pressure-rise-hazard rule covers (contraindicated); not repeated here. */
const HANDLED_AS_BP_HAZARD: ReadonlySet<CardiovascularConditionKind> = new Set([
  'aortic-aneurysm',
  'intracranial-aneurysm',
  'peripheral-arterial-aneurysm',
  'arteriovenous-malformation',
  'intracerebral-hemorrhage-history',
]);

export const poorlyControlledCardiovascularDisease = defineRule<Intake>({
  id: 'eligibility/poorly-controlled-cardiovascular-disease',
  version: 1,
  area: 'eligibility',
  title: 'Cardiovascular disease is controlled',
  severity: 'needs-ack',
  description:
    'A cardiovascular condition the clinician records as not controlled needs physician review (relative contraindication). Controlled cardiac disease is a precaution (label caution).',
  parameters: [],
  citations: [
    {
      section: '§1.3',
      source: 'S2',
      note: 'Poorly controlled cardiovascular disease: relative contraindication (grade B, low).',
    },
    {
      section: '§1.3',
      source: 'S15',
      note: 'Ketalar label: caution with cardiac disease; monitor cardiac function in hypertension or decompensation.',
    },
  ],
  evaluate: (intake) => {
    const conditions = intake.cardiovascular.conditions.filter((c) => !HANDLED_AS_BP_HAZARD.has(c.kind));
    const describe = (c: (typeof conditions)[number]) =>
      c.description === undefined ? c.kind : `${c.kind} (${c.description})`;
    const uncontrolled = conditions.filter((c) => !c.controlled);
    const controlled = conditions.filter((c) => c.controlled);
    const drafts: FindingDraft[] = [];
    if (uncontrolled.length > 0) {
      drafts.push({
        message: `Not controlled: ${uncontrolled.map(describe).join('; ')}. Poorly controlled cardiovascular disease is a relative contraindication: a physician must review before ketamine.`,
        inputs: { uncontrolled: uncontrolled.map((c) => c.kind) },
      });
    }
    if (controlled.length > 0) {
      drafts.push({
        severity: 'warn',
        title: 'Cardiovascular disease: precaution',
        message: `Controlled cardiovascular disease: ${controlled.map(describe).join('; ')}. The label advises caution with cardiac disease; monitor blood pressure and heart rate.`,
        inputs: { controlled: controlled.map((c) => c.kind) },
      });
    }
    return drafts;
  },
});
