/** Liver enzymes above the clinic's limits (REFERENCE §4.2 defaults), shared by two eligibility rules. */
import type { Hepatic } from '@ketapath/core';
import type { RuleContext } from '../../define-rule.js';

export const LIVER_ENZYME_PARAMETERS = [
  'eligibility.alt-high-iu-per-l',
  'eligibility.ast-high-iu-per-l',
  'eligibility.alp-high-iu-per-l',
] as const;

export interface AbnormalEnzyme {
  readonly name: 'ALT' | 'AST' | 'ALP';
  readonly valueIuPerL: number;
  readonly limitIuPerL: number;
  readonly parameter: (typeof LIVER_ENZYME_PARAMETERS)[number];
}

export function abnormalLiverEnzymes(labs: Hepatic['labs'], ctx: RuleContext): AbnormalEnzyme[] {
  if (labs === undefined) return [];
  const checks = [
    { name: 'ALT', valueIuPerL: labs.altIuPerL, parameter: 'eligibility.alt-high-iu-per-l' },
    { name: 'AST', valueIuPerL: labs.astIuPerL, parameter: 'eligibility.ast-high-iu-per-l' },
    { name: 'ALP', valueIuPerL: labs.alpIuPerL, parameter: 'eligibility.alp-high-iu-per-l' },
  ] as const;
  const abnormal: AbnormalEnzyme[] = [];
  for (const c of checks) {
    if (c.valueIuPerL === undefined) continue;
    const limitIuPerL = ctx.number(c.parameter);
    if (c.valueIuPerL > limitIuPerL)
      abnormal.push({ name: c.name, valueIuPerL: c.valueIuPerL, limitIuPerL, parameter: c.parameter });
  }
  return abnormal;
}
