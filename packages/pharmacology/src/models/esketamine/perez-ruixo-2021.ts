/**
 * Perez-Ruixo 2021 esketamine + noresketamine population model (IV, intranasal, oral), as data.
 * MODELS.md §3.7: Table 3 values as transcribed row by row in nlmixr2lib `PerezRuixo_2020_esketamine`.
 * Perez-Ruixo C et al. Clin Pharmacokinet 2021;60(4):501–516, doi:10.1007/s40262-020-00953-4.
 */
import { hToMin, lPerHToLPerMin, perHToPerMin } from '@ketapath/units';
import { omegaFromCvPercent, parameterLookup, type ParameterSpec, type PkModel, type RouteInputSpec } from '../../model-types.js';

// MODELS.md §3.7 table (Table 3 of the paper). Units as published: L, L/h, h⁻¹, h.
const parameters: readonly ParameterSpec[] = [
  { name: 'Vc', value: 192, unit: 'L', description: 'esketamine central volume' },
  { name: 'Q1', value: 84.3, unit: 'L/h', description: 'inter-compartmental clearance, peripheral 1' },
  { name: 'Vp1', value: 143, unit: 'L', description: 'peripheral 1 volume' },
  { name: 'Q2', value: 37.6, unit: 'L/h', description: 'inter-compartmental clearance, peripheral 2' },
  { name: 'Vp2', value: 417, unit: 'L', description: 'peripheral 2 volume' },
  { name: 'Qh', value: 151, unit: 'L/h', description: 'hepatic blood flow (central ⇄ hepato-portal)' },
  { name: 'Vh', value: 101, unit: 'L', description: 'hepato-portal volume' },
  { name: 'kel', value: 1.11, unit: 'h⁻¹', description: 'hepatic elimination by other pathways' },
  { name: 'kmet', value: 2.77, unit: 'h⁻¹', description: 'hepatic metabolism to noresketamine' },
  { name: 'Vcn/F', value: 70.0, unit: 'L', description: 'noresketamine apparent central volume' },
  { name: 'CLn/F', value: 38.0, unit: 'L/h', description: 'noresketamine apparent clearance' },
  { name: 'Q3/F', value: 26.1, unit: 'L/h', description: 'noresketamine apparent inter-compartmental clearance' },
  { name: 'Vpn/F', value: 115, unit: 'L', description: 'noresketamine apparent peripheral volume' },
  { name: 'FRn', value: 0.54, unit: '– (per spray)', description: 'fraction of a nasal dose absorbed from the nasal cavity' },
  { name: 'ka_n', value: 2.93, unit: 'h⁻¹', description: 'nasal absorption rate constant' },
  { name: 'Dsw', value: 0.53, unit: 'h', description: 'zero-order duration of the swallowed nasal fraction into the gut depot' },
  { name: 'ka_sw', value: 1.45, unit: 'h⁻¹', description: 'gut → liver absorption of the swallowed fraction' },
  { name: 'Dpo', value: 0.32, unit: 'h', description: 'zero-order duration of an oral dose into the gut depot' },
  { name: 'ka_po', value: 0.97, unit: 'h⁻¹', description: 'gut → liver absorption of an oral dose' },
  { name: 'Fgut', value: 0.64, unit: '–', description: 'fraction of a swallowed dose escaping gut metabolism' },
  // Covariates (MODELS.md §3.7 "Covariates").
  { name: 'ageOnQh', value: 2.19, unit: 'L/h per year above 60 (decrease)', description: 'age effect on Qh' },
  { name: 'asianOnKel', value: 0.36, unit: '× (Asian)', description: 'Asian effect on kel' },
  { name: 'asianOnCLn', value: 0.81, unit: '× (Asian)', description: 'Asian effect on CLn/F' },
  { name: 'japaneseOnFRn', value: 1.34, unit: '× (Japanese)', description: 'Japanese effect on FRn' },
  { name: 'doseOnFRn', value: 0.62, unit: '× (2nd and later 28-mg administrations within one dose)', description: 'dose effect on FRn' },
  { name: 'deviceMg', value: 28, unit: 'mg per device (two sprays)', description: 'size of one 28-mg administration' },
];
const p = parameterLookup(parameters);

export const perezRuixo2021: PkModel = {
  id: 'esketamine/perez-ruixo-2021',
  drug: 'esketamine',
  analytes: { parent: 'esketamine', metabolite: 'noresketamine' },
  title: 'Perez-Ruixo 2021: esketamine + noresketamine, IV / intranasal / oral',
  structure:
    '3-compartment esketamine + well-stirred hepato-portal compartment + 2-compartment apparent noresketamine; ' +
    'nasal depot (first order), swallowed and oral gut depots (zero-order release, first-order absorption into the liver)',
  population: '820 subjects (256 healthy, 564 treatment-resistant depression), 18–86 y, 39–170 kg',
  samplingSite: 'not found',
  grade: 'A',
  gradeNote: 'Table 3 values transcribed row by row (nlmixr2lib); noresketamine parameters are apparent.',
  routes: ['iv-bolus', 'iv-infusion', 'intranasal', 'oral'],
  studiedRoutes: ['iv-bolus', 'iv-infusion', 'intranasal', 'oral'],
  validity: { ageYears: [18, 86], weightKg: [39, 170], population: 'adult', source: 'MODELS.md §3.7 population: age 18–86 y, weight 39–170 kg' },
  parameters,
  // MODELS.md §3.7 IIV column (CV %). kmet IIV: value missing from Table 3 (not found), so it is not sampled.
  iiv: [
    { parameter: 'Vc', scale: 'log', omega: omegaFromCvPercent(27.5), published: 'CV 27.5 %' },
    { parameter: 'Vp1', scale: 'log', omega: omegaFromCvPercent(49.3), published: 'CV 49.3 %' },
    { parameter: 'Qh', scale: 'log', omega: omegaFromCvPercent(23.2), published: 'CV 23.2 %' },
    { parameter: 'Vh', scale: 'log', omega: omegaFromCvPercent(34.6), published: 'CV 34.6 %' },
    { parameter: 'kel', scale: 'log', omega: omegaFromCvPercent(120), published: 'CV 120 %' },
    { parameter: 'Vcn/F', scale: 'log', omega: omegaFromCvPercent(31.6), published: 'CV 31.6 %' },
    { parameter: 'CLn/F', scale: 'log', omega: omegaFromCvPercent(25.4), published: 'CV 25.4 %' },
    // "70.8 (additive on logit scale)": read as the SD of η on logit(FRn), as nlmixr2lib does.
    { parameter: 'FRn', scale: 'logit', omega: 0.708, published: '70.8 (additive on logit scale)' },
    { parameter: 'ka_n', scale: 'log', omega: omegaFromCvPercent(61.5), published: 'CV 61.5 %' },
    { parameter: 'ka_sw', scale: 'log', omega: omegaFromCvPercent(132), published: 'CV 132 %' },
    { parameter: 'ka_po', scale: 'log', omega: omegaFromCvPercent(132), published: 'CV 132 %' },
  ],
  metaboliteApparent: true,
  citation: {
    authors: 'Perez-Ruixo C, Rossenu S, Zannikos P, Nandy P, Singh J, Drevets WC, Perez-Ruixo JJ',
    title:
      'Population pharmacokinetics of esketamine nasal spray and its metabolite noresketamine in healthy subjects and patients with treatment-resistant depression',
    journal: 'Clin Pharmacokinet 60(4):501–516',
    year: 2021,
    doi: '10.1007/s40262-020-00953-4',
    pmid: null,
    locator: 'Table 3 (as transcribed in nlmixr2lib PerezRuixo_2020_esketamine)',
    modelsMdSection: '§3.7',
  },
  flags: [
    { code: 'esketamine-only', message: 'Esketamine (S-enantiomer) model from a depression population, not racemic ketamine in chronic pain (MODELS.md §3.7).' },
    { code: 'kmet-iiv-not-found', message: 'IIV on kmet is reported as estimated but its value is missing from Table 3; population runs hold kmet at its typical value.' },
  ],
  build: (patient, eta) => {
    const e = (name: string): number => Math.exp(eta(name));
    const asian = patient.raceAsian === true;
    const japanese = patient.raceJapanese === true;
    const vc = p('Vc') * e('Vc');
    const vp1 = p('Vp1') * e('Vp1');
    const vp2 = p('Vp2') * e('Vp2');
    const vh = p('Vh') * e('Vh');
    // Qh falls 2.19 L/h per year above 60 (MODELS.md §3.7); η applies to the age-adjusted value (nlmixr2lib).
    const qhLPerH = (p('Qh') - p('ageOnQh') * Math.max(0, patient.ageYears - 60)) * e('Qh');
    const kelPerH = p('kel') * e('kel') * (asian ? p('asianOnKel') : 1);
    const kmetPerH = p('kmet') * e('kmet');
    const vcn = p('Vcn/F') * e('Vcn/F');
    const clnLPerH = p('CLn/F') * e('CLn/F') * (asian ? p('asianOnCLn') : 1);
    const vpn = p('Vpn/F') * e('Vpn/F');
    const q3LPerH = p('Q3/F') * e('Q3/F');
    const q1 = lPerHToLPerMin(p('Q1') * e('Q1'));
    const q2 = lPerHToLPerMin(p('Q2') * e('Q2'));
    const qh = lPerHToLPerMin(Math.max(0, qhLPerH));
    const frnLogit = Math.log(p('FRn') / (1 - p('FRn'))) + eta('FRn');
    // Japanese × 1.34 on the per-spray FRn; a fraction cannot exceed 1, so the product is capped there.
    const frnPerSpray = Math.min(1, (1 / (1 + Math.exp(-frnLogit))) * (japanese ? p('japaneseOnFRn') : 1));
    const fgut = p('Fgut');
    const dswMin = hToMin(p('Dsw') * e('Dsw'));
    const dpoMin = hToMin(p('Dpo') * e('Dpo'));
    const device = p('deviceMg');
    // Dose effect: the first 28-mg administration at FRn, later ones at 0.62·FRn, averaged over the dose
    // (for whole devices this equals nlmixr2lib's FRn·(1 + (N − 1)·0.62)/N).
    const frnForDose = (doseMg: number): number =>
      doseMg <= device ? frnPerSpray : (frnPerSpray * (device + p('doseOnFRn') * (doseMg - device))) / doseMg;
    return {
      compartments: [
        { name: 'depot-nasal', volumeL: null },
        { name: 'depot-swallowed', volumeL: null },
        { name: 'depot-oral', volumeL: null },
        { name: 'central', volumeL: vc },
        { name: 'peripheral1', volumeL: vp1 },
        { name: 'peripheral2', volumeL: vp2 },
        { name: 'liver', volumeL: vh },
        { name: 'metabolite-central', volumeL: vcn },
        { name: 'metabolite-peripheral', volumeL: vpn },
      ],
      transfers: [
        { from: 'depot-nasal', to: 'central', kPerMin: perHToPerMin(p('ka_n') * e('ka_n')) },
        { from: 'depot-swallowed', to: 'liver', kPerMin: perHToPerMin(p('ka_sw') * e('ka_sw')) },
        { from: 'depot-oral', to: 'liver', kPerMin: perHToPerMin(p('ka_po') * e('ka_po')) },
        { from: 'central', to: 'peripheral1', kPerMin: q1 / vc },
        { from: 'peripheral1', to: 'central', kPerMin: q1 / vp1 },
        { from: 'central', to: 'peripheral2', kPerMin: q2 / vc },
        { from: 'peripheral2', to: 'central', kPerMin: q2 / vp2 },
        { from: 'central', to: 'liver', kPerMin: qh / vc },
        { from: 'liver', to: 'central', kPerMin: qh / vh },
        { from: 'liver', to: null, kPerMin: perHToPerMin(kelPerH) },
        // kmet carries mass into the apparent noresketamine system (no molar-mass factor; MODELS.md §3.7).
        { from: 'liver', to: 'metabolite-central', kPerMin: perHToPerMin(kmetPerH) },
        { from: 'metabolite-central', to: null, kPerMin: lPerHToLPerMin(clnLPerH) / vcn },
        { from: 'metabolite-central', to: 'metabolite-peripheral', kPerMin: lPerHToLPerMin(q3LPerH) / vcn },
        { from: 'metabolite-peripheral', to: 'metabolite-central', kPerMin: lPerHToLPerMin(q3LPerH) / vpn },
      ],
      parentCompartment: 'central',
      metaboliteCompartment: 'metabolite-central',
      routeInputs: (route, doseMg): readonly RouteInputSpec[] => {
        switch (route) {
          case 'iv-bolus':
          case 'iv-infusion':
            return [{ compartment: 'central', fraction: 1 }];
          case 'intranasal': {
            const frn = frnForDose(doseMg);
            // Nasal fraction → nasal depot at once; swallowed rest × Fgut → gut depot, zero order over Dsw.
            return [
              { compartment: 'depot-nasal', fraction: frn },
              { compartment: 'depot-swallowed', fraction: (1 - frn) * fgut, durationMin: dswMin },
            ];
          }
          case 'oral':
            return [{ compartment: 'depot-oral', fraction: fgut, durationMin: dpoMin }];
          case 'intramuscular':
          case 'sublingual':
            return [];
        }
      },
    };
  },
};
