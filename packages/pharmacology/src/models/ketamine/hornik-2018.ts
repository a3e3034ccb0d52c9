/**
 * Hornik 2018 racemic ketamine in children (IV and IM), allometric two compartments, as data.
 * MODELS.md §3.5 (opentiva values per 70 kg; IM F 0.41 from the abstract, IM absorption rate not found).
 */
import { lPerHToLPerMin } from '@ketapath/units';
import { mammillaryIvSystem } from '../../compartments/mammillary.js';
import { parameterLookup, type ParameterSpec, type PkModel } from '../../model-types.js';

const parameters: readonly ParameterSpec[] = [
  { name: 'V1', value: 32.8, unit: 'L per 70 kg (× (WT/70)^1)', description: 'central volume' },
  { name: 'V2', value: 152, unit: 'L per 70 kg (× (WT/70)^1)', description: 'peripheral volume' },
  { name: 'CL', value: 38.9, unit: 'L/h per 70 kg (× (WT/70)^0.75)', description: 'clearance' },
  { name: 'Q', value: 54.9, unit: 'L/h per 70 kg (× (WT/70)^0.75)', description: 'inter-compartmental clearance' },
  { name: 'F_IM', value: 0.41, unit: '–', description: 'IM bioavailability (not usable: IM absorption rate not found)' },
];
const p = parameterLookup(parameters);

export const hornik2018: PkModel = {
  id: 'ketamine/hornik-2018',
  drug: 'racemic-ketamine',
  analytes: { parent: 'ketamine', metabolite: null },
  title: 'Hornik 2018: racemic ketamine in children, IV (IM F only), allometric 2-compartment',
  structure: '2-compartment mammillary, allometric weight scaling; IM absorption constant not found so IM is not offered',
  population: '113 children (50 IM, 63 IV), 0.02–17.6 y, 2.4–176.1 kg',
  samplingSite: 'not found',
  grade: 'B',
  gradeNote: 'Model values from opentiva only; IM F grade A. CL flagged as suspicious.',
  routes: ['iv-bolus', 'iv-infusion'],
  studiedRoutes: ['iv-bolus', 'iv-infusion'],
  validity: { ageYears: [0.02, 17.6], weightKg: [2.4, 176.1], population: 'paediatric', source: 'MODELS.md §3.5 population' },
  parameters,
  iiv: [],
  metaboliteApparent: false,
  citation: {
    authors: 'Hornik CP et al. (Pediatric Trials Network)',
    title: 'Population pharmacokinetics of intramuscular and intravenous ketamine in children',
    journal: 'J Clin Pharmacol',
    year: 2018,
    doi: '10.1002/jcph.1116',
    pmid: '29677389',
    locator: 'opentiva values per 70 kg (MODELS.md §3.5)',
    modelsMdSection: '§3.5',
  },
  flags: [
    { code: 'parameter-flagged', message: 'CL 38.9 L/h per 70 kg is less than half of every other estimate (79–116 L/h); verify (MODELS.md §3.5).' },
  ],
  build: (patient, eta) => {
    const size = patient.weightKg / 70;
    const v1 = p('V1') * size * Math.exp(eta('V1'));
    const v2 = p('V2') * size * Math.exp(eta('V2'));
    const cl = lPerHToLPerMin(p('CL') * size ** 0.75 * Math.exp(eta('CL')));
    const q = lPerHToLPerMin(p('Q') * size ** 0.75 * Math.exp(eta('Q')));
    return mammillaryIvSystem({ v1L: v1, k10PerMin: cl / v1, k12PerMin: q / v1, k21PerMin: q / v2 });
  },
};
