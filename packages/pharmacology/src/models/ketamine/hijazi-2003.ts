/**
 * Hijazi 2003 racemic ketamine in ICU patients with brain or spinal cord injury, two compartments, as data.
 * MODELS.md §3.3 (opentiva two-compartment set; consistent with the abstract's CL and terminal half-life).
 */
import { mammillaryIvSystem } from '../../compartments/mammillary.js';
import { parameterLookup, type ParameterSpec, type PkModel } from '../../model-types.js';

const parameters: readonly ParameterSpec[] = [
  { name: 'V1', value: 1.08, unit: 'L/kg (V1 = 1.08 × WT L)', description: 'central volume' },
  { name: 'k10', value: 0.0333, unit: 'min⁻¹', description: 'elimination rate constant' },
  { name: 'k12', value: 0.0088, unit: 'min⁻¹', description: 'central → peripheral' },
  { name: 'k21', value: 0.003, unit: 'min⁻¹', description: 'peripheral → central' },
];
const p = parameterLookup(parameters);

export const hijazi2003: PkModel = {
  id: 'ketamine/hijazi-2003',
  drug: 'racemic-ketamine',
  analytes: { parent: 'ketamine', metabolite: null },
  title: 'Hijazi 2003: racemic ketamine in ICU patients (brain/spinal cord injury), 2-compartment',
  structure: '2-compartment mammillary, IV (norketamine measured, no model parameters found)',
  population: '12 intensive-care patients with brain or spinal cord injury',
  samplingSite: 'not found',
  grade: 'B',
  gradeNote: 'Abstract summary values grade A; model parameters from opentiva only (grade B).',
  routes: ['iv-bolus', 'iv-infusion'],
  studiedRoutes: ['iv-bolus', 'iv-infusion'],
  validity: { population: 'adult', source: 'MODELS.md §3.3: adult ICU cohort; age range not found (opentiva ≤ 18 y conflicts)' },
  parameters,
  iiv: [],
  metaboliteApparent: false,
  citation: {
    authors: 'Hijazi Y, Bodonian C, Bolon M, Salord F, Boulieu R',
    title: 'Pharmacokinetics and haemodynamics of ketamine in intensive care patients with brain or spinal cord injury',
    journal: 'Br J Anaesth 90(2):155–160',
    year: 2003,
    doi: '10.1093/bja/aeg028',
    pmid: '12538370',
    locator: 'opentiva two-compartment set (MODELS.md §3.3)',
    modelsMdSection: '§3.3',
  },
  flags: [
    { code: 'population-mismatch', message: 'ICU patients with brain or spinal cord injury, not a chronic-pain population (MODELS.md §3.3, §5.4).' },
    { code: 'validity-conflict', message: 'opentiva marks this model valid only for age ≤ 18 y, which does not fit the adult ICU cohort (MODELS.md §4 flag 7).' },
  ],
  build: (patient, eta) =>
    mammillaryIvSystem({
      v1L: p('V1') * patient.weightKg * Math.exp(eta('V1')),
      k10PerMin: p('k10') * Math.exp(eta('k10')),
      k12PerMin: p('k12') * Math.exp(eta('k12')),
      k21PerMin: p('k21') * Math.exp(eta('k21')),
    }),
};
