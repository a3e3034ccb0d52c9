/**
 * The sections of `shared/clinical/REFERENCE.md` and its source keys that rules may cite. A test reads the
 * document and proves each listed section heading and source key exists there, so a citation can never
 * point at nothing.
 */

export const REFERENCE_SECTIONS = {
  '§1.2': 'Indications by condition (evidence level) and the regimens studied',
  '§1.3': 'Relative contraindications and precautions (as listed in S1 summaries)',
  '§1.4': 'Dose range and dose-response',
  '§1.5': 'Oral ketamine or other NMDA antagonists as follow-up',
  '§1.6': 'Pre-infusion testing',
  '§1.7': 'Setting, personnel and monitoring',
  '§1.8': 'Preemptive and rescue medications',
  '§1.9': 'What counts as a positive treatment response',
  '§2.1': 'Chronic-pain infusion regimens',
  '§2.2': 'Perioperative / acute opioid-sparing dosing',
  '§3.1': 'Bioavailability and timing (racemic ketamine)',
  '§3.2': 'Doses used for pain by non-IV routes',
  '§3.3': 'Esketamine nasal spray (Spravato): a regulated, REMS-controlled protocol',
  '§4.1': 'Monitoring intervals',
  '§4.2': 'Vital-sign thresholds (hold / pause / stop)',
  '§4.3': 'Adverse effects and incidence',
  '§4.4': 'Dissociation scale: CADSS',
  '§4.5': 'Preemptive and rescue medications (practice and label; guideline text not retrieved)',
  '§4.6': 'Discharge / recovery criteria',
  '§5.1': 'Metabolism and elimination',
  '§5.2': 'Drug interactions',
  '§5.3': 'Organ toxicity with repeated dosing: monitoring advice',
  '§6': 'Outcome instruments',
  '§7.1': 'CDC 2022 clinical conversion factors',
  '§7.3': 'Caveats that the software must show',
  '§8.1': 'ICD-10-CM (diagnoses)',
  '§9': 'US controlled-substance record-keeping for ketamine (Schedule III, non-narcotic)',
  '§10': 'Open items (not found / to verify before go-live)',
} as const;

export type ReferenceSection = keyof typeof REFERENCE_SECTIONS;

/** Source keys from REFERENCE.md's References list, with a short title for display. */
export const REFERENCE_SOURCES = {
  S1: 'Cohen et al. 2018, ASRA/AAPM/ASA consensus guideline on IV ketamine for chronic pain',
  S2: 'Guideline Central summary of S1',
  S3: 'MedCentral / Clinical Pain Advisor summaries of S1',
  S4: 'MDedge PainWeek 2018 coverage of S1',
  S5: 'ASRA guideline post (scope)',
  S6: 'Schwenk et al. 2018, acute-pain ketamine guideline',
  S7: 'Medscape: ketamine administration in CRPS',
  S8: 'Getson: overview of ketamine infusion therapy',
  S9: 'Loftus et al. 2010, Anesthesiology 113:639–646',
  S9b: 'NCT04220489 eligibility criteria',
  S10: 'Perioperative ketamine in laparoscopic RYGB, Anesthesiol Res Pract 2021',
  S10b: 'Gharaei et al. 2013, Anesth Analg',
  S11: 'Goldberg et al., 5-day racemic ketamine infusion in CRPS (PMC2950807)',
  S12: 'Noppers et al. 2011, Pain 152:2173–2178',
  S13: 'Cotter et al. 2021, Drug Saf',
  S14: 'A&A Practice 2020, liver enzymes during ketamine infusion',
  S15: 'Ketalar (ketamine HCl) prescribing information',
  S16: 'Ketamine interactions (SmPC-derived)',
  S17: 'Ketamine pharmacokinetics (secondary summaries; Chong 2006)',
  S18: 'SPRAVATO prescribing information',
  S25: 'ICD-10-CM cross-checks (CMS ACCESS Model value set; public code lists)',
  S27: 'DEA/CFR controlled-substance record-keeping (DEA Practitioner’s Manual §IV; 21 CFR 1301, 1304, 1317; DEA Forms 41 and 106)',
  S28: 'Modified Aldrete score',
  S29: 'CADSS (Bremner 1998; CADSS-6)',
  S30: 'ED low-dose ketamine protocols; UK hospital nursing guideline',
  S30b: 'Clinic adverse-event page (weak source)',
  S30c: 'Clinic discharge practice page',
  S31: 'IMMPACT (Dworkin 2008); Farrar 2001',
  S31b: 'Faísco et al. 2024, Ketamine in Chronic Pain: A Review, Cureus',
  S32: 'LOINC cross-checks (FHIR guides; PHQ-9, GAD-7, PEG questionnaires)',
  S37: 'Oral ketamine: GVSU palliative care notes; Enarson 1999',
  S38: 'Anand et al. 2000, lamotrigine and ketamine',
} as const;

export type ReferenceSource = keyof typeof REFERENCE_SOURCES;
