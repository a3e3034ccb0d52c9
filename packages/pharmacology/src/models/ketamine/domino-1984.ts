/**
 * Domino 1984 racemic ketamine, three compartments, as data. MODELS.md §3.1 (values as carried by opentiva's
 * Domino class; fus_anes TCI_Ketamine carries the same numbers rounded to 3 digits).
 */
import { mammillaryIvSystem } from '../../compartments/mammillary.js';
import { parameterLookup, type ParameterSpec, type PkModel } from '../../model-types.js';

// MODELS.md §3.1 parameter table. Weight scaling: every volume and clearance ∝ weight (V1 per kg; k fixed).
const parameters: readonly ParameterSpec[] = [
  { name: 'V1', value: 0.063, unit: 'L/kg (V1 = 0.063 × WT L)', description: 'central volume' },
  { name: 'k10', value: 0.4381, unit: 'min⁻¹', description: 'elimination rate constant' },
  { name: 'k12', value: 0.5921, unit: 'min⁻¹', description: 'central → shallow peripheral' },
  { name: 'k13', value: 0.59, unit: 'min⁻¹', description: 'central → deep peripheral' },
  { name: 'k21', value: 0.247, unit: 'min⁻¹', description: 'shallow peripheral → central' },
  { name: 'k31', value: 0.0146, unit: 'min⁻¹', description: 'deep peripheral → central' },
];
const p = parameterLookup(parameters);

export const domino1984: PkModel = {
  id: 'ketamine/domino-1984',
  drug: 'racemic-ketamine',
  analytes: { parent: 'ketamine', metabolite: null },
  title: 'Domino 1984: racemic ketamine, 3-compartment mammillary',
  structure: '3-compartment mammillary, IV',
  population: 'not found (MODELS.md §3.1)',
  samplingSite: 'not found',
  grade: 'B',
  gradeNote: 'Read only from an open-source implementation (opentiva); not checked against the paper.',
  routes: ['iv-bolus', 'iv-infusion'],
  studiedRoutes: ['iv-bolus', 'iv-infusion'],
  validity: { population: 'not found', source: 'MODELS.md §3.1: population, N and ranges not found' },
  parameters,
  iiv: [], // MODELS.md §3.1: IIV not found
  metaboliteApparent: false,
  citation: {
    authors: 'Domino EF et al.',
    title: 'Ketamine kinetics in unmedicated and diazepam-premedicated subjects',
    journal: 'Clin Pharmacol Ther',
    year: 1984,
    doi: null, // MODELS.md §3.1: DOI not found
    pmid: null, // opentiva attaches PMID 7198883, unconfirmed (MODELS.md §3.1: verify)
    locator: 'opentiva Domino class (parameter table in MODELS.md §3.1)',
    modelsMdSection: '§3.1',
  },
  flags: [
    { code: 'citation-unverified', message: 'DOI not found; the PMID opentiva attaches (7198883) is unconfirmed (MODELS.md §3.1).' },
    { code: 'legacy-model', message: 'Very small V1 (0.063 L/kg): bolus peaks ~5–6× Kamp 2020. MODELS.md §5 keeps it as a legacy/TCI comparison, not a default.' },
  ],
  build: (patient, eta) => {
    const v1L = p('V1') * patient.weightKg * Math.exp(eta('V1'));
    return mammillaryIvSystem({
      v1L,
      k10PerMin: p('k10') * Math.exp(eta('k10')),
      k12PerMin: p('k12') * Math.exp(eta('k12')),
      k21PerMin: p('k21') * Math.exp(eta('k21')),
      k13PerMin: p('k13') * Math.exp(eta('k13')),
      k31PerMin: p('k31') * Math.exp(eta('k31')),
    });
  },
};
