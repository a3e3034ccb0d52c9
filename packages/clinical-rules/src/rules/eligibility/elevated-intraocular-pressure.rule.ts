/** Elevated intraocular pressure is a relative contraindication (REFERENCE §1.3; §4.2 trial limit). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const elevatedIntraocularPressure = defineRule<Intake>({
  id: 'eligibility/elevated-intraocular-pressure',
  version: 1,
  area: 'eligibility',
  title: 'No raised intraocular pressure',
  severity: 'needs-ack',
  description:
    'A measured pressure above the limit, ocular hypertension, or glaucoma without a pressure on file needs physician review. Glaucoma with a pressure within the limit is a precaution (ketamine can raise it).',
  parameters: ['eligibility.iop-high-mmhg'],
  citations: [
    {
      section: '§1.3',
      source: 'S2',
      note: 'Elevated intraocular pressure: relative contraindication (grade C, low).',
    },
    { section: '§4.2', source: 'S9b', note: 'Trial exclusion: intraocular pressure > 22 mmHg.' },
    { section: '§4.3', source: 'S15', note: 'Label-listed effect: raised intraocular pressure.' },
  ],
  evaluate: (intake, ctx) => {
    const limitMmHg = ctx.number('eligibility.iop-high-mmhg');
    const { glaucoma, iopMmHg, measuredOn } = intake.intraocular;
    const inputs = { glaucoma, iopMmHg: iopMmHg ?? null, measuredOn: measuredOn ?? null };
    if (iopMmHg !== undefined && iopMmHg > limitMmHg) {
      return [
        {
          message: `Intraocular pressure ${iopMmHg} mmHg on ${measuredOn ?? 'an unrecorded date'} is above ${limitMmHg} mmHg. Raised intraocular pressure is a relative contraindication: a physician must review before ketamine.`,
          inputs,
          parameters: ['eligibility.iop-high-mmhg'],
        },
      ];
    }
    if (glaucoma === 'ocular-hypertension') {
      return [
        {
          message:
            'Ocular hypertension is recorded. Raised intraocular pressure is a relative contraindication: a physician must review before ketamine.',
          inputs,
        },
      ];
    }
    if (glaucoma === 'none') return [];
    if (iopMmHg === undefined) {
      return [
        {
          message: `Glaucoma (${glaucoma}) without a recorded intraocular pressure. Raised pressure cannot be ruled out: a physician must review, ideally with a current pressure.`,
          inputs,
        },
      ];
    }
    return [
      {
        severity: 'warn',
        message: `Glaucoma (${glaucoma}) with intraocular pressure ${iopMmHg} mmHg, within ${limitMmHg} mmHg. Ketamine can raise intraocular pressure; keep the eye treatment going.`,
        inputs,
        parameters: ['eligibility.iop-high-mmhg'],
      },
    ];
  },
});
