/**
 * Kamp 2020 raw-data population model for racemic ketamine (three compartments, arterial central), as data.
 * MODELS.md §3.6, values as carried by opentiva's `Klamp` class (venous delay compartments and IIV not included).
 * Kamp J et al. Anesthesiology 2020;133(6):1192–1213, doi:10.1097/ALN.0000000000003577.
 */
import { lPerHToLPerMin } from '@ketapath/units';
import { mammillaryIvSystem } from '../../compartments/mammillary.js';
import { parameterLookup, type ParameterSpec, type PkModel } from '../../model-types.js';

// MODELS.md §3.6 table: values per 70 kg, each scaled × WT/70 in opentiva (linear, exponent unverified).
const parameters: readonly ParameterSpec[] = [
  { name: 'V1', value: 25, unit: 'L per 70 kg', description: 'central (arterial) volume' },
  { name: 'V2', value: 56, unit: 'L per 70 kg', description: 'shallow peripheral volume' },
  { name: 'V3', value: 157, unit: 'L per 70 kg', description: 'deep peripheral volume' },
  { name: 'CL', value: 84, unit: 'L/h per 70 kg', description: 'elimination clearance' },
  { name: 'Q2', value: 161, unit: 'L/h per 70 kg', description: 'inter-compartmental clearance, shallow' },
  { name: 'Q3', value: 79, unit: 'L/h per 70 kg', description: 'inter-compartmental clearance, deep' },
];
const p = parameterLookup(parameters);

export const kamp2020: PkModel = {
  id: 'ketamine/kamp-2020',
  drug: 'racemic-ketamine',
  analytes: { parent: 'ketamine', metabolite: null },
  title: 'Kamp 2020: racemic ketamine raw-data population model (14 pooled data sets)',
  structure: '3-compartment mammillary (arterial central); venous delay compartments not included',
  population: '14 pooled raw data sets (meta-analysis of 18 studies: healthy adults, adult patients, children)',
  samplingSite: 'arterial',
  grade: 'B',
  gradeNote: 'Model values read only from opentiva (Klamp); meta-analysis means are grade C.',
  routes: ['iv-bolus', 'iv-infusion'],
  studiedRoutes: ['iv-bolus', 'iv-infusion'],
  validity: { population: 'mixed', source: 'MODELS.md §3.6: age and weight ranges of the pooled data not found' },
  parameters,
  iiv: [], // MODELS.md §3.6 flag 3: IIV not found
  metaboliteApparent: false,
  citation: {
    authors: 'Kamp J, Olofsen E, Henthorn TK, van Velzen M, Niesters M, Dahan A; Ketamine Pharmacokinetic Study Group',
    title: 'Ketamine pharmacokinetics: a systematic review of the literature, meta-analysis, and population analysis',
    journal: 'Anesthesiology 133(6):1192–1213',
    year: 2020,
    doi: '10.1097/ALN.0000000000003577',
    pmid: '32997732',
    locator: 'opentiva Klamp class (MODELS.md §3.6 table), not the paper table',
    modelsMdSection: '§3.6',
  },
  flags: [
    { code: 'parameters-unverified', message: 'Values from opentiva, not checked against the paper table; the linear weight exponent is unverified (MODELS.md §3.6).' },
    { code: 'arterial-central', message: 'Predicts arterial concentrations; venous delay compartments are not included, so venous (clinic) draws will differ early on.' },
  ],
  build: (patient, eta) => {
    const scale = patient.weightKg / 70;
    const v1 = p('V1') * scale * Math.exp(eta('V1'));
    const v2 = p('V2') * scale * Math.exp(eta('V2'));
    const v3 = p('V3') * scale * Math.exp(eta('V3'));
    const clLPerMin = lPerHToLPerMin(p('CL') * scale * Math.exp(eta('CL')));
    const q2LPerMin = lPerHToLPerMin(p('Q2') * scale * Math.exp(eta('Q2')));
    const q3LPerMin = lPerHToLPerMin(p('Q3') * scale * Math.exp(eta('Q3')));
    return mammillaryIvSystem({
      v1L: v1,
      k10PerMin: clLPerMin / v1,
      k12PerMin: q2LPerMin / v1,
      k21PerMin: q2LPerMin / v2,
      k13PerMin: q3LPerMin / v1,
      k31PerMin: q3LPerMin / v3,
    });
  },
};
