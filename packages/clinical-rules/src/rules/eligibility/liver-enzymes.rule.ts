/** Liver enzymes above the trial-exclusion values (REFERENCE §4.2 [T]) are a precaution. */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { abnormalLiverEnzymes, LIVER_ENZYME_PARAMETERS } from './liver-labs.js';

export const liverEnzymes = defineRule<Intake>({
  id: 'eligibility/liver-enzymes',
  version: 1,
  area: 'eligibility',
  title: 'Liver enzymes',
  severity: 'warn',
  description:
    'ALT, AST or ALP above the clinic limits (defaults: the exclusion values of one perioperative trial) is a precaution: recurrent ketamine is linked to hepatobiliary dysfunction.',
  parameters: [...LIVER_ENZYME_PARAMETERS],
  citations: [
    {
      section: '§4.2',
      source: 'S9b',
      note: 'Trial exclusion as written: AST > 120, ALP > 130, ALT > 40 IU/L (trial values, not a standard).',
    },
    {
      section: '§5.3',
      source: 'S15',
      note: 'Label: recurrent use is linked to hepatobiliary dysfunction, most often cholestatic.',
    },
  ],
  evaluate: (intake, ctx) => {
    const labs = intake.hepatic.labs;
    const abnormal = abnormalLiverEnzymes(labs, ctx);
    if (labs === undefined || abnormal.length === 0) return [];
    const list = abnormal.map((a) => `${a.name} ${a.valueIuPerL} IU/L (limit ${a.limitIuPerL})`).join(', ');
    return [
      {
        message: `Raised liver enzymes on ${labs.measuredOn}: ${list}. Find the cause, and recheck during treatment.`,
        inputs: {
          altIuPerL: labs.altIuPerL ?? null,
          astIuPerL: labs.astIuPerL ?? null,
          alpIuPerL: labs.alpIuPerL ?? null,
          measuredOn: labs.measuredOn,
        },
        parameters: abnormal.map((a) => a.parameter),
      },
    ];
  },
});
