/**
 * The protocol library: the regimens of REFERENCE §1.2, §2.1 and §2.2 as versioned data, each with its
 * evidence label. Limits are the studied regimen's own numbers (soft) and, for chronic-pain IV infusions,
 * §1.4's infusion upper bound (hard, with §1.4's caution). Anything REFERENCE.md does not give is null:
 * the clinic sets it in its copy. Library versions are never edited; a change is a new version.
 */
import type {
  LimitMeasure,
  LimitPair,
  Protocol,
  ProtocolLimit,
  ProtocolRoute,
  RouteLimits,
  ValueSource,
} from '@ketapath/core';

type Section = '§1.2' | '§1.4' | '§2.1' | '§2.2';

function ref(
  section: Section,
  source: string,
  evidence: 'G' | 'T' | 'P',
  note: string,
  verification: 'verified' | 'unverified' = 'verified',
): ValueSource {
  return { kind: 'reference', section, source, evidence, verification, note };
}

function limit(value: number, source: ValueSource): ProtocolLimit {
  return { value, source };
}

const UNSET: LimitPair = { soft: null, hard: null };

function routeLimits(route: ProtocolRoute, set: Partial<Record<LimitMeasure, LimitPair>>): RouteLimits {
  return {
    route,
    rateMgPerKgPerH: set.rateMgPerKgPerH ?? UNSET,
    rateMgPerH: set.rateMgPerH ?? UNSET,
    bolusMgPerKg: set.bolusMgPerKg ?? UNSET,
    bolusMg: set.bolusMg ?? UNSET,
    sessionDoseMg: set.sessionDoseMg ?? UNSET,
    dailyDoseMg: set.dailyDoseMg ?? UNSET,
    weeklyDoseMg: set.weeklyDoseMg ?? UNSET,
    concentrationMgPerMl: set.concentrationMgPerMl ?? UNSET,
  };
}

/**
 * REFERENCE §1.4 [G] C/low (S2): infusion 0.5–2 mg/kg/h. §1.4 warns this may describe the general
 * subanesthetic range and must be checked against S1 before relying on it, hence 'unverified'.
 */
const SECTION_1_4_INFUSION_UPPER_MG_PER_KG_PER_H = limit(
  2,
  ref(
    '§1.4',
    'S2',
    'G',
    'Infusion range 0.5–2 mg/kg/h listed under S1 (C, low). §1.4 caution: far above the outpatient regimens and may describe the general subanesthetic range; check S1 before relying on it.',
    'unverified',
  ),
);

const IV_CONCENTRATION_NOTE =
  'REFERENCE.md gives no standard IV bag or vial concentration; the clinic lists the bags it prepares in its copy.';

const NO_WEIGHT_RULE =
  'REFERENCE §2.2: no guideline rule on actual versus ideal body weight was found; the source does not state the weight, so actual body weight is used. The weight used is stored with each dose.';

const CRPS_EVIDENCE = {
  label: 'G',
  grade: 'B; low-to-moderate certainty',
  summary:
    'CRPS: moderate evidence of pain improvement lasting up to 12 weeks (ASRA/AAPM/ASA guideline as summarised). This regimen is one of the two cited as the evidence base.',
  citations: [
    { section: '§1.2', source: 'S2', note: 'CRPS: grade B, low-to-moderate certainty.' },
    { section: '§1.2', source: 'S3', note: 'Regimens cited as the evidence base for CRPS.' },
    { section: '§2.1', source: 'S4', note: 'Regimens cited as the evidence base for CRPS.' },
  ],
} as const;

const crpsDaily4h: Protocol = {
  id: 'crps-4h-daily-10-days',
  version: 1,
  name: 'CRPS: 0.35 mg/kg/h over 4 hours daily for 10 days',
  indication: { text: 'Complex regional pain syndrome (CRPS).', conditions: ['crps'] },
  evidence: { ...CRPS_EVIDENCE, citations: [...CRPS_EVIDENCE.citations] },
  routes: ['iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: NO_WEIGHT_RULE,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: '0.35 mg/kg/h for 4 hours',
      rate: { min: 0.35, max: 0.35, unit: 'mg/kg/h' },
      titration: null,
      sessionDoseMg: null,
      durationMin: { min: 240, max: 240 },
      note: 'REFERENCE §1.2 / §2.1 [G]: 0.35 mg/kg/h over 4 hours daily, 10 days.',
    },
  ],
  sessions: { count: 10, spacingDays: 1, text: 'One 4-hour infusion daily for 10 days.' },
  booster: null,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE],
  limits: [
    routeLimits('iv-infusion', {
      rateMgPerKgPerH: {
        soft: limit(
          0.35,
          ref('§2.1', 'S3', 'G', 'The studied regimen: 0.35 mg/kg/h for 4 h daily, 10 days.'),
        ),
        hard: SECTION_1_4_INFUSION_UPPER_MG_PER_KG_PER_H,
      },
    }),
  ],
};

const crpsContinuous22: Protocol = {
  id: 'crps-continuous-22-mg-h-4-days',
  version: 1,
  name: 'CRPS: continuous infusion 22 mg/h for 4 days',
  indication: { text: 'Complex regional pain syndrome (CRPS).', conditions: ['crps'] },
  evidence: { ...CRPS_EVIDENCE, citations: [...CRPS_EVIDENCE.citations] },
  routes: ['iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: `The regimen is a fixed rate in mg/h; the weight is used only to compare the rate with the per-kg limit. ${NO_WEIGHT_RULE}`,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: '22 mg/h continuously for 4 days',
      rate: { min: 22, max: 22, unit: 'mg/h' },
      titration: null,
      sessionDoseMg: null,
      durationMin: { min: 5760, max: 5760 },
      note: 'REFERENCE §1.2 / §2.1 [G]: continuous infusion of 22 mg/h for 4 days (4 × 24 h = 5760 min).',
    },
  ],
  sessions: { count: 1, spacingDays: null, text: 'One continuous infusion over 4 days (inpatient).' },
  booster: null,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE],
  limits: [
    routeLimits('iv-infusion', {
      rateMgPerH: {
        soft: limit(22, ref('§2.1', 'S3', 'G', 'The studied regimen: 22 mg/h for 4 days.')),
        hard: null,
      },
      rateMgPerKgPerH: { soft: null, hard: SECTION_1_4_INFUSION_UPPER_MG_PER_KG_PER_H },
      sessionDoseMg: {
        soft: limit(
          2112,
          ref('§2.1', 'S3', 'G', 'Derived from the studied regimen: 22 mg/h × 96 h (4 days) = 2112 mg.'),
        ),
        hard: null,
      },
      dailyDoseMg: {
        soft: limit(
          528,
          ref('§2.1', 'S3', 'G', 'Derived from the studied regimen: 22 mg/h × 24 h = 528 mg per day.'),
        ),
        hard: null,
      },
    }),
  ],
};

const crpsTitratedGoldberg: Protocol = {
  id: 'crps-inpatient-titrated-5-days',
  version: 1,
  name: 'CRPS: inpatient continuous infusion titrated 10–40 mg/h for 5 days',
  indication: { text: 'Complex regional pain syndrome (CRPS), inpatient.', conditions: ['crps'] },
  evidence: {
    label: 'T',
    grade: 'observational study, n=16',
    summary:
      'Racemic ketamine titrated 10–40 mg/h and held for 5 days. Relief minimal on day 1, significant by day 3; no significant tachycardia, desaturation or hallucinations reported.',
    citations: [
      {
        section: '§2.1',
        source: 'S11',
        note: 'Goldberg et al. (PMC2950807), 5-day inpatient infusion, n=16.',
      },
    ],
  },
  routes: ['iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: `The regimen is in mg/h; the weight is used only to compare the rate with the per-kg limit. ${NO_WEIGHT_RULE}`,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: 'Titrate 10–40 mg/h, hold for 5 days',
      rate: { min: 10, max: 40, unit: 'mg/h' },
      titration: { start: 10, step: null, max: 40, unit: 'mg/h', intervalMin: null },
      sessionDoseMg: null,
      durationMin: { min: 7200, max: 7200 },
      note: 'REFERENCE §2.1 [T] (S11): titrated 10–40 mg/h and held for 5 days (5 × 24 h = 7200 min). Step size and interval not given.',
    },
  ],
  sessions: { count: 1, spacingDays: null, text: 'One continuous 5-day inpatient infusion.' },
  booster: null,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE],
  limits: [
    routeLimits('iv-infusion', {
      rateMgPerH: {
        soft: limit(40, ref('§2.1', 'S11', 'T', 'The documented maximum of the titration: 40 mg/h.')),
        hard: null,
      },
      rateMgPerKgPerH: { soft: null, hard: SECTION_1_4_INFUSION_UPPER_MG_PER_KG_PER_H },
      sessionDoseMg: {
        soft: limit(
          4800,
          ref('§2.1', 'S11', 'T', 'Derived: the documented maximum 40 mg/h × 120 h (5 days) = 4800 mg.'),
        ),
        hard: null,
      },
      dailyDoseMg: {
        soft: limit(
          960,
          ref('§2.1', 'S11', 'T', 'Derived: the documented maximum 40 mg/h × 24 h = 960 mg per day.'),
        ),
        hard: null,
      },
    }),
  ],
};

const crpsSchwartzman: Protocol = {
  id: 'crps-inpatient-5-days-20-40-mg-h',
  version: 1,
  name: 'CRPS: inpatient 5-day infusion, 20 mg/h rising in 5 mg/h steps to 40 mg/h (Schwartzman/Getson)',
  indication: { text: 'Complex regional pain syndrome (CRPS), inpatient.', conditions: ['crps'] },
  evidence: {
    label: 'P',
    grade: 'published practice protocol',
    summary:
      'Start at 20 mg/h and increase in 5 mg steps to a maximum of 40 mg/h over a 5-day inpatient stay. Clonidine 0.1–0.2 mg daily or twice daily as adjunct; lorazepam 1–2 mg for dysphoria or hallucinations.',
    citations: [
      { section: '§2.1', source: 'S7', note: 'Medscape: ketamine administration in CRPS.' },
      { section: '§2.1', source: 'S8', note: 'Getson: overview of ketamine infusion therapy.' },
    ],
  },
  routes: ['iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: `The regimen is in mg/h; the weight is used only to compare the rate with the per-kg limit. ${NO_WEIGHT_RULE}`,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: 'Start 20 mg/h, increase by 5 mg/h to at most 40 mg/h; 5 days',
      rate: { min: 20, max: 40, unit: 'mg/h' },
      titration: { start: 20, step: 5, max: 40, unit: 'mg/h', intervalMin: null },
      sessionDoseMg: null,
      durationMin: { min: 7200, max: 7200 },
      note: 'REFERENCE §2.1 [P] (S7, S8). The interval between steps is not given.',
    },
  ],
  sessions: { count: 1, spacingDays: null, text: 'One continuous 5-day inpatient infusion.' },
  booster: null,
  reviewRequired: null,
  cautions: [
    IV_CONCENTRATION_NOTE,
    'Adjuncts in the source (not checked by these limits): clonidine 0.1–0.2 mg daily or twice daily; lorazepam 1–2 mg for dysphoria or hallucinations.',
  ],
  limits: [
    routeLimits('iv-infusion', {
      rateMgPerH: {
        soft: limit(40, ref('§2.1', 'S7', 'P', 'The protocol maximum: 40 mg/h.')),
        hard: null,
      },
      rateMgPerKgPerH: { soft: null, hard: SECTION_1_4_INFUSION_UPPER_MG_PER_KG_PER_H },
      sessionDoseMg: {
        soft: limit(
          4800,
          ref('§2.1', 'S7', 'P', 'Derived: the protocol maximum 40 mg/h × 120 h (5 days) = 4800 mg.'),
        ),
        hard: null,
      },
      dailyDoseMg: {
        soft: limit(
          960,
          ref('§2.1', 'S7', 'P', 'Derived: the protocol maximum 40 mg/h × 24 h = 960 mg per day.'),
        ),
        hard: null,
      },
    }),
  ],
};

const BOOSTER_TAPER = {
  text: 'After induction: 4-hour IV infusion of 100–200 mg, 1–2 times a week at first; then 2 treatments a week every other week for 1 month, 1 treatment every other week for 1 month, monthly for 3 months, then every 3 months. The source calls this a guideline only; some patients need more frequent treatment.',
  schedule: [
    { phase: '1–2 treatments per week at first', intervalDays: null, durationDays: null },
    { phase: '2 treatments per week, every other week, for 1 month', intervalDays: null, durationDays: null },
    { phase: '1 treatment every other week for 1 month', intervalDays: 14, durationDays: null },
    { phase: 'Monthly for 3 months', intervalDays: null, durationDays: null },
    { phase: 'Every 3 months', intervalDays: null, durationDays: null },
  ],
  source: ref('§2.1', 'S7', 'P', 'Maintenance / booster taper after induction (practice).'),
};

const crpsOutpatient10: Protocol = {
  id: 'crps-outpatient-10-daily',
  version: 1,
  name: 'CRPS: outpatient 10 daily treatments, 70–200 mg/day titrated',
  indication: {
    text: 'Complex regional pain syndrome (CRPS), outpatient infusion suite.',
    conditions: ['crps'],
  },
  evidence: {
    label: 'P',
    grade: 'practice protocol',
    summary:
      '10 daily treatments over 2 consecutive weeks in an outpatient infusion suite, 70–200 mg/day titrated, then the booster taper.',
    citations: [{ section: '§2.1', source: 'S7', note: 'Medscape: outpatient "10 daily treatments".' }],
  },
  routes: ['iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: `The regimen is in mg per day; the weight is used only to compare the rate with the per-kg limit. ${NO_WEIGHT_RULE}`,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: '70–200 mg per daily treatment, titrated',
      rate: null,
      titration: null,
      sessionDoseMg: { min: 70, max: 200 },
      durationMin: null,
      note: 'REFERENCE §2.1 [P] (S7): 70–200 mg/day titrated. The infusion duration is not given.',
    },
  ],
  sessions: { count: 10, spacingDays: 1, text: '10 daily treatments over 2 consecutive weeks.' },
  booster: BOOSTER_TAPER,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE],
  limits: [
    routeLimits('iv-infusion', {
      rateMgPerKgPerH: { soft: null, hard: SECTION_1_4_INFUSION_UPPER_MG_PER_KG_PER_H },
      sessionDoseMg: {
        soft: limit(200, ref('§2.1', 'S7', 'P', 'The top of the titrated range: 200 mg per day.')),
        hard: null,
      },
      dailyDoseMg: {
        soft: limit(200, ref('§2.1', 'S7', 'P', 'The top of the titrated range: 200 mg per day.')),
        hard: null,
      },
    }),
  ],
};

const boosterTaper: Protocol = {
  id: 'booster-4h-100-200-mg',
  version: 1,
  name: 'Booster after induction: 100–200 mg over 4 hours, then the practice taper',
  indication: {
    text: 'Maintenance after a response to an induction series (CRPS practice).',
    conditions: ['crps'],
  },
  evidence: {
    label: 'P',
    grade: 'practice protocol',
    summary: BOOSTER_TAPER.text,
    citations: [
      { section: '§2.1', source: 'S7', note: 'Medscape: maintenance / booster taper after induction.' },
    ],
  },
  routes: ['iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: `The regimen is in mg per session; the weight is used only to compare the rate with the per-kg limit. ${NO_WEIGHT_RULE}`,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: '100–200 mg over 4 hours',
      rate: null,
      titration: null,
      sessionDoseMg: { min: 100, max: 200 },
      durationMin: { min: 240, max: 240 },
      note: 'REFERENCE §2.1 [P] (S7): 4-hour IV infusion of 100–200 mg.',
    },
  ],
  sessions: {
    count: null,
    spacingDays: null,
    text: 'By the taper schedule; booster cadence by response is clinic practice (REFERENCE §2.1).',
  },
  booster: BOOSTER_TAPER,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE],
  limits: [
    routeLimits('iv-infusion', {
      rateMgPerKgPerH: { soft: null, hard: SECTION_1_4_INFUSION_UPPER_MG_PER_KG_PER_H },
      sessionDoseMg: {
        soft: limit(200, ref('§2.1', 'S7', 'P', 'The top of the booster range: 200 mg over 4 hours.')),
        hard: null,
      },
      dailyDoseMg: {
        soft: limit(200, ref('§2.1', 'S7', 'P', 'One 4-hour booster of at most 200 mg on a treatment day.')),
        hard: null,
      },
      weeklyDoseMg: {
        soft: limit(
          400,
          ref('§2.1', 'S7', 'P', 'Derived: at most 2 treatments a week × 200 mg = 400 mg per week.'),
        ),
        hard: null,
      },
    }),
  ],
};

const PERIOP_NO_HARD =
  'The acute-pain guideline (Schwenk 2018, S6) subanesthetic limits were not retrieved (REFERENCE §2.2, §10 item 2): the clinic sets the hard limits. §1.4 ranges are for chronic pain and are not applied here.';

const periopLoftus: Protocol = {
  id: 'periop-spine-loftus',
  version: 1,
  name: 'Perioperative, opioid-dependent spine surgery: 0.5 mg/kg at induction + 10 µg/kg/min to wound closure (Loftus)',
  indication: {
    text: 'Opioid-dependent patients with chronic back pain having major lumbar spine surgery.',
    conditions: ['perioperative', 'low-back-spinal'],
  },
  evidence: {
    label: 'T',
    grade: 'RCT',
    summary:
      '48-h morphine consumption reduced, also at 24 h and 6 weeks (Loftus 2010, Anesthesiology 113:639–646).',
    citations: [
      {
        section: '§2.2',
        source: 'S9',
        note: 'Loftus 2010: 0.5 mg/kg at induction, 10 µg/kg/min until wound closure.',
      },
    ],
  },
  routes: ['iv-bolus', 'iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: NO_WEIGHT_RULE,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'bolus',
      route: 'iv-bolus',
      label: '0.5 mg/kg IV at induction',
      dose: { min: 0.5, max: 0.5, unit: 'mg/kg' },
      administration: 'IV at induction of anaesthesia.',
      note: 'REFERENCE §2.2 [T] (S9).',
    },
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: '10 µg/kg/min from induction to wound closure',
      rate: { min: 10, max: 10, unit: 'µg/kg/min' },
      titration: null,
      sessionDoseMg: null,
      durationMin: null,
      note: 'REFERENCE §2.2 [T] (S9): 10 µg/kg/min (= 0.6 mg/kg/h), started at induction and stopped at wound closure.',
    },
  ],
  sessions: { count: 1, spacingDays: null, text: 'One operation.' },
  booster: null,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE, PERIOP_NO_HARD],
  limits: [
    routeLimits('iv-bolus', {
      bolusMgPerKg: {
        soft: limit(0.5, ref('§2.2', 'S9', 'T', 'The studied induction dose: 0.5 mg/kg.')),
        hard: null,
      },
    }),
    routeLimits('iv-infusion', {
      rateMgPerKgPerH: {
        soft: limit(0.6, ref('§2.2', 'S9', 'T', 'The studied infusion: 10 µg/kg/min (= 0.6 mg/kg/h).')),
        hard: null,
      },
    }),
  ],
};

const periopRygb: Protocol = {
  id: 'periop-rygb-ibw',
  version: 1,
  name: 'Perioperative, laparoscopic Roux-en-Y gastric bypass: 0.3 mg/kg IBW + 0.2 mg/kg/h up to 24 h',
  indication: {
    text: 'Laparoscopic Roux-en-Y gastric bypass, opioid-sparing.',
    conditions: ['perioperative'],
  },
  evidence: {
    label: 'T',
    grade: 'RCT, n=35',
    summary:
      'Lower perioperative opioid use (oral morphine equivalents 179.9 vs 248.7). Dosed by ideal body weight.',
    citations: [
      {
        section: '§2.2',
        source: 'S10',
        note: 'Anesthesiol Res Pract 2021: 0.3 mg/kg IBW after induction, 0.2 mg/kg/h up to 24 h.',
      },
    ],
  },
  routes: ['iv-bolus', 'iv-infusion'],
  weightBasis: 'ideal',
  weightBasisNote:
    'REFERENCE §2.2 (S10): the trial dosed by ideal body weight (Devine formula in @ketapath/units).',
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'bolus',
      route: 'iv-bolus',
      label: '0.3 mg/kg (ideal body weight) after induction',
      dose: { min: 0.3, max: 0.3, unit: 'mg/kg' },
      administration: 'IV after induction of anaesthesia.',
      note: 'REFERENCE §2.2 [T] (S10).',
    },
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: '0.2 mg/kg/h (ideal body weight), up to 24 h after surgery',
      rate: { min: 0.2, max: 0.2, unit: 'mg/kg/h' },
      titration: null,
      sessionDoseMg: null,
      durationMin: null,
      note: 'REFERENCE §2.2 [T] (S10): continued up to 24 h postoperatively.',
    },
  ],
  sessions: { count: 1, spacingDays: null, text: 'One operation.' },
  booster: null,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE, PERIOP_NO_HARD],
  limits: [
    routeLimits('iv-bolus', {
      bolusMgPerKg: {
        soft: limit(0.3, ref('§2.2', 'S10', 'T', 'The studied dose: 0.3 mg/kg ideal body weight.')),
        hard: null,
      },
    }),
    routeLimits('iv-infusion', {
      rateMgPerKgPerH: {
        soft: limit(0.2, ref('§2.2', 'S10', 'T', 'The studied infusion: 0.2 mg/kg/h ideal body weight.')),
        hard: null,
      },
    }),
  ],
};

const edSlowPush: Protocol = {
  id: 'ed-0-3-mg-kg-slow-push',
  version: 1,
  name: 'Emergency department acute pain: 0.3 mg/kg slow IV push over 5 minutes',
  indication: {
    text: 'Acute pain in the emergency department (hospital protocol).',
    conditions: ['acute-pain'],
  },
  evidence: {
    label: 'P',
    grade: 'hospital protocol',
    summary: '0.3 mg/kg slow IV push over 5 min; may repeat every 30 min.',
    citations: [{ section: '§2.2', source: 'S30', note: 'ED low-dose ketamine protocol.' }],
  },
  routes: ['iv-bolus'],
  weightBasis: 'actual',
  weightBasisNote: NO_WEIGHT_RULE,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'bolus',
      route: 'iv-bolus',
      label: '0.3 mg/kg slow IV push over 5 min',
      dose: { min: 0.3, max: 0.3, unit: 'mg/kg' },
      administration: 'Slow IV push over 5 min; may repeat every 30 min.',
      note: 'REFERENCE §2.2 [P] (S30).',
    },
  ],
  sessions: {
    count: null,
    spacingDays: null,
    text: 'Single doses, repeated no more often than every 30 min.',
  },
  booster: null,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE, PERIOP_NO_HARD],
  limits: [
    routeLimits('iv-bolus', {
      bolusMgPerKg: {
        soft: limit(0.3, ref('§2.2', 'S30', 'P', 'The protocol dose: 0.3 mg/kg.')),
        hard: null,
      },
    }),
  ],
};

const edUw: Protocol = {
  id: 'ed-uw-0-1-0-3-mg-kg',
  version: 1,
  name: 'Emergency department (UW Health policy): 0.1–0.3 mg/kg, at most 20 mg per dose',
  indication: {
    text: 'Acute pain in the emergency department (UW Health policy).',
    conditions: ['acute-pain'],
  },
  evidence: {
    label: 'P',
    grade: 'hospital policy',
    summary: '0.1–0.3 mg/kg, maximum 20 mg per single dose; repeat no sooner than every 1 h.',
    citations: [{ section: '§2.2', source: 'S30', note: 'UW Health ED policy 31.1.' }],
  },
  routes: ['iv-bolus'],
  weightBasis: 'actual',
  weightBasisNote: NO_WEIGHT_RULE,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'bolus',
      route: 'iv-bolus',
      label: '0.1–0.3 mg/kg IV, at most 20 mg',
      dose: { min: 0.1, max: 0.3, unit: 'mg/kg' },
      administration: 'Single IV dose; repeat no sooner than every 1 h.',
      note: 'REFERENCE §2.2 [P] (S30).',
    },
  ],
  sessions: { count: null, spacingDays: null, text: 'Single doses, repeated no sooner than every hour.' },
  booster: null,
  reviewRequired: null,
  cautions: [IV_CONCENTRATION_NOTE],
  limits: [
    routeLimits('iv-bolus', {
      bolusMgPerKg: {
        soft: limit(0.3, ref('§2.2', 'S30', 'P', 'The top of the policy range: 0.3 mg/kg.')),
        hard: null,
      },
      bolusMg: {
        soft: null,
        hard: limit(20, ref('§2.2', 'S30', 'P', 'The policy maximum: 20 mg per single dose.')),
      },
    }),
  ],
};

const sciPain: Protocol = {
  id: 'sci-pain-7-days',
  version: 1,
  name: 'Spinal cord injury pain: daily infusions for 7 consecutive days (units to check)',
  indication: { text: 'Spinal cord injury (SCI) pain.', conditions: ['sci-pain'] },
  evidence: {
    label: 'G',
    grade: 'C; low certainty',
    summary: 'Weak evidence, short-term improvement only (ASRA/AAPM/ASA guideline as summarised).',
    citations: [
      { section: '§1.2', source: 'S2', note: 'SCI pain: grade C, low certainty.' },
      { section: '§1.2', source: 'S3', note: 'Regimen as reported; units inconsistent between summaries.' },
    ],
  },
  routes: ['iv-infusion'],
  weightBasis: 'actual',
  weightBasisNote: NO_WEIGHT_RULE,
  drug: { name: 'ketamine (racemic)', standardConcentrations: [] },
  steps: [
    {
      kind: 'infusion',
      route: 'iv-infusion',
      label: '0.42 mg/kg/h (as reported), 17 minutes to 5 hours, daily for 7 days',
      rate: { min: 0.42, max: 0.42, unit: 'mg/kg/h' },
      titration: null,
      sessionDoseMg: null,
      durationMin: { min: 17, max: 300 },
      note: 'REFERENCE §1.2: reported as "0.42 mg/kg/h to 0.4 mg/kg, infusions of 17 minutes to 5 hours, for 7 consecutive days".',
    },
  ],
  sessions: { count: 7, spacingDays: 1, text: 'Daily for 7 consecutive days.' },
  booster: null,
  reviewRequired:
    'REFERENCE §1.2: the summaries give "0.42 mg/kg/h to 0.4 mg/kg"; the units are inconsistent (mg/kg/h versus mg/kg). Check against the full guideline (S1) before use.',
  cautions: [IV_CONCENTRATION_NOTE],
  limits: [
    routeLimits('iv-infusion', {
      rateMgPerKgPerH: {
        soft: limit(
          0.42,
          ref(
            '§1.2',
            'S3',
            'G',
            'The reported rate 0.42 mg/kg/h; the units in the summaries are inconsistent.',
            'unverified',
          ),
        ),
        hard: SECTION_1_4_INFUSION_UPPER_MG_PER_KG_PER_H,
      },
    }),
  ],
};

/** Every version of every library protocol; an order names the version it was written under. */
export const PROTOCOL_LIBRARY: readonly Protocol[] = [
  crpsDaily4h,
  crpsContinuous22,
  crpsTitratedGoldberg,
  crpsSchwartzman,
  crpsOutpatient10,
  boosterTaper,
  sciPain,
  periopLoftus,
  periopRygb,
  edSlowPush,
  edUw,
];
