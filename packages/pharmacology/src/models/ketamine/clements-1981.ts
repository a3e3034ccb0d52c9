/**
 * Clements & Nimmo 1981 racemic ketamine, two compartments ("250 µg/kg" bolus data), as data.
 * MODELS.md §3.2 (opentiva class Clements250). Flagged: very large V1, verify against the paper before use.
 */
import { mammillaryIvSystem } from '../../compartments/mammillary.js';
import { parameterLookup, type ParameterSpec, type PkModel } from '../../model-types.js';

const parameters: readonly ParameterSpec[] = [
  { name: 'V1', value: 1.7522, unit: 'L/kg (V1 = 1.7522 × WT L)', description: 'central volume' },
  { name: 'k10', value: 0.0109, unit: 'min⁻¹', description: 'elimination rate constant' },
  { name: 'k12', value: 0.0186, unit: 'min⁻¹', description: 'central → peripheral' },
  { name: 'k21', value: 0.0137, unit: 'min⁻¹', description: 'peripheral → central' },
];
const p = parameterLookup(parameters);

export const clements1981: PkModel = {
  id: 'ketamine/clements-1981',
  drug: 'racemic-ketamine',
  analytes: { parent: 'ketamine', metabolite: null },
  title: 'Clements & Nimmo 1981: racemic ketamine, 2-compartment (250 µg/kg bolus data)',
  structure: '2-compartment mammillary, IV',
  population: 'not found (MODELS.md §3.2)',
  samplingSite: 'not found',
  grade: 'B',
  gradeNote: 'Read only from opentiva (Clements250); flagged for its central volume.',
  routes: ['iv-bolus', 'iv-infusion'],
  studiedRoutes: ['iv-bolus'], // opentiva: "based on 250 µg/kg bolus data"
  validity: { population: 'not found', source: 'MODELS.md §3.2: population and ranges not found' },
  parameters,
  iiv: [],
  metaboliteApparent: false,
  citation: {
    authors: 'Clements JA, Nimmo WS',
    title: 'Pharmacokinetics and analgesic effect of ketamine in man',
    journal: 'Br J Anaesth 53:27–30',
    year: 1981,
    doi: '10.1093/bja/53.1.27',
    pmid: '7459184',
    locator: 'opentiva Clements250 class (MODELS.md §3.2)',
    modelsMdSection: '§3.2',
  },
  flags: [
    { code: 'parameter-flagged', message: 'V1 of 1.75 L/kg is the largest of all racemic models (28× Domino); verify against the paper before use (MODELS.md §3.2).' },
  ],
  build: (patient, eta) =>
    mammillaryIvSystem({
      v1L: p('V1') * patient.weightKg * Math.exp(eta('V1')),
      k10PerMin: p('k10') * Math.exp(eta('k10')),
      k12PerMin: p('k12') * Math.exp(eta('k12')),
      k21PerMin: p('k21') * Math.exp(eta('k21')),
    }),
};
