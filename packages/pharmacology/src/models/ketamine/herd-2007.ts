/**
 * Herd 2007 racemic ketamine in children (ED procedural sedation), allometric two compartments, as data.
 * MODELS.md §3.4: parameters per 70 kg with between-subject variability (abstract, grade A).
 */
import { lPerHToLPerMin } from '@ketapath/units';
import { mammillaryIvSystem } from '../../compartments/mammillary.js';
import { omegaFromCvPercent, parameterLookup, type ParameterSpec, type PkModel } from '../../model-types.js';

const parameters: readonly ParameterSpec[] = [
  { name: 'V1', value: 38.7, unit: 'L per 70 kg (× (WT/70)^1)', description: 'central volume' },
  { name: 'V2', value: 102, unit: 'L per 70 kg (× (WT/70)^1)', description: 'peripheral volume' },
  { name: 'CL', value: 90, unit: 'L/h per 70 kg (× (WT/70)^0.75)', description: 'clearance' },
  { name: 'Q', value: 215, unit: 'L/h per 70 kg (× (WT/70)^0.75)', description: 'inter-compartmental clearance' },
];
const p = parameterLookup(parameters);

export const herd2007: PkModel = {
  id: 'ketamine/herd-2007',
  drug: 'racemic-ketamine',
  analytes: { parent: 'ketamine', metabolite: null },
  title: 'Herd 2007: racemic ketamine in children (ED sedation), allometric 2-compartment',
  structure: '2-compartment mammillary, allometric weight scaling, IV',
  population: '54 children, age 8.3 (SD 3.5) y, weight 32.5 (SD 15.6) kg; 1–1.5 mg/kg IV',
  samplingSite: 'not found',
  grade: 'A',
  gradeNote: 'Parameters and BSV from the abstract.',
  routes: ['iv-bolus', 'iv-infusion'],
  studiedRoutes: ['iv-bolus'], // 1–1.5 mg/kg IV doses for procedural sedation
  validity: { population: 'paediatric', source: 'MODELS.md §3.4: children, mean ± SD only (no ranges found)' },
  parameters,
  // MODELS.md §3.4 BSV %, read as CV (ω² = ln(1 + CV²), MODELS.md §2).
  iiv: [
    { parameter: 'V1', scale: 'log', omega: omegaFromCvPercent(64), published: 'BSV 64 %' },
    { parameter: 'V2', scale: 'log', omega: omegaFromCvPercent(51.7), published: 'BSV 51.7 %' },
    { parameter: 'CL', scale: 'log', omega: omegaFromCvPercent(38.1), published: 'BSV 38.1 %' },
    { parameter: 'Q', scale: 'log', omega: omegaFromCvPercent(19), published: 'BSV 19 %' },
  ],
  metaboliteApparent: false,
  citation: {
    authors: 'Herd DW et al.',
    title: 'Ketamine disposition in children presenting for procedural sedation and analgesia in a children’s emergency department',
    journal: 'Paediatr Anaesth 17(7):622–629',
    year: 2007,
    doi: '10.1111/j.1460-9592.2006.02145.x', // DOI per opentiva (MODELS.md §3.4)
    pmid: '17564643',
    locator: 'abstract (MODELS.md §3.4)',
    modelsMdSection: '§3.4',
  },
  flags: [],
  build: (patient, eta) => {
    const size = patient.weightKg / 70;
    const v1 = p('V1') * size * Math.exp(eta('V1'));
    const v2 = p('V2') * size * Math.exp(eta('V2'));
    const cl = lPerHToLPerMin(p('CL') * size ** 0.75 * Math.exp(eta('CL')));
    const q = lPerHToLPerMin(p('Q') * size ** 0.75 * Math.exp(eta('Q')));
    return mammillaryIvSystem({ v1L: v1, k10PerMin: cl / v1, k12PerMin: q / v1, k21PerMin: q / v2 });
  },
};
