/** Baseline and post-infusion liver tests for liver dysfunction, liver risk or recurrent dosing (§1.6, §5.3). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { abnormalLiverEnzymes, LIVER_ENZYME_PARAMETERS } from './liver-labs.js';

export const liverTestsDue = defineRule<Intake>({
  id: 'eligibility/liver-tests-due',
  version: 1,
  area: 'eligibility',
  title: 'Liver function tests due',
  severity: 'info',
  description:
    'Known liver disease, raised liver enzymes, chronic hepatitis, active alcohol misuse, or a plan of recurrent dosing: baseline and post-infusion (label: periodic) liver function tests including ALP and GGT.',
  parameters: [...LIVER_ENZYME_PARAMETERS],
  citations: [
    {
      section: '§1.6',
      source: 'S2',
      note: 'Liver dysfunction or risk of liver toxicity (alcohol abuse, chronic hepatitis) or high doses at frequent intervals: consider baseline and post-infusion LFTs.',
    },
    {
      section: '§5.3',
      source: 'S15',
      note: 'Label: baseline and periodic LFTs (incl. ALP and GGT) when the plan uses recurrent dosing.',
    },
  ],
  evaluate: (intake, ctx) => {
    const { hepatic } = intake;
    const reasons: string[] = [];
    if (hepatic.diseaseSeverity !== 'none') reasons.push(`${hepatic.diseaseSeverity} liver disease`);
    const abnormal = abnormalLiverEnzymes(hepatic.labs, ctx);
    if (abnormal.length > 0) reasons.push(`raised ${abnormal.map((a) => a.name).join(', ')}`);
    if (hepatic.chronicHepatitis) reasons.push('chronic hepatitis');
    if (intake.substanceUse.some((s) => s.substance === 'alcohol' && s.status === 'active' && s.misuse)) {
      reasons.push('active alcohol misuse');
    }
    if (intake.plannedTreatment?.recurrentDosing === true) reasons.push('recurrent dosing planned');
    if (reasons.length === 0) return [];
    return [
      {
        title: 'Liver function tests due',
        message: `Liver function tests (with ALP and GGT) at baseline and after infusions: ${reasons.join('; ')}.`,
        inputs: { testId: 'liver-function-tests', reasons },
        parameters: abnormal.map((a) => a.parameter),
      },
    ];
  },
});
