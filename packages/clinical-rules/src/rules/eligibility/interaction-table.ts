/**
 * REFERENCE §5.2 as data: what each interacting medicine class does with ketamine and how the sources say
 * to handle it. The interacting-medicines rule and the eligibility result's `interactions` both read it.
 */
import type { InteractionClass, Intake } from '@ketapath/core';
import type { Citation, Severity } from '../../types.js';

export interface InteractionEntry {
  readonly effect: string;
  readonly handling: string;
  /** warn: a stated caution or dose change; needs-ack: a source says avoid; info: information only. */
  readonly severity: Severity;
  readonly citations: readonly Citation[];
}

const CNS_DEPRESSANT: Citation = {
  section: '§5.2',
  source: 'S16',
  note: 'CNS depressants (benzodiazepines, opioids, alcohol, phenothiazines, sedating antihistamines, muscle relaxants): more CNS and respiratory depression; lower ketamine doses may be needed.',
};
const LONGER_RECOVERY: Citation = {
  section: '§5.2',
  source: 'S16',
  note: 'Barbiturates and opioids ("narcotics") prolong recovery; barbiturates and diazepam form a precipitate with ketamine.',
};

export const INTERACTIONS: Readonly<Record<InteractionClass, InteractionEntry>> = {
  'cyp3a4-inhibitor': {
    effect: 'Lower hepatic clearance gives higher ketamine levels.',
    handling: 'A lower ketamine dose may be needed.',
    severity: 'warn',
    citations: [
      {
        section: '§5.2',
        source: 'S16',
        note: 'CYP3A4 inhibitors lower clearance; a lower ketamine dose may be needed.',
      },
      {
        section: '§5.2',
        source: 'S17',
        note: 'Diazepam and other CYP3A4 inhibitors raise ketamine plasma levels.',
      },
    ],
  },
  'cyp3a4-inducer': {
    effect: 'Higher clearance gives lower ketamine levels.',
    handling: 'A higher ketamine dose may be needed.',
    severity: 'warn',
    citations: [
      {
        section: '§5.2',
        source: 'S16',
        note: 'CYP3A4 inducers raise clearance; a higher dose may be needed.',
      },
    ],
  },
  theophylline: {
    effect: 'Lowers the seizure threshold; unpredictable extensor-type seizures have been reported.',
    handling: 'Avoid the combination or use it with caution: physician review.',
    severity: 'needs-ack',
    citations: [
      {
        section: '§5.2',
        source: 'S15',
        note: 'Theophylline/aminophylline with ketamine: extensor-type seizures reported.',
      },
      { section: '§5.2', source: 'S16', note: 'Theophylline/aminophylline: avoid or use caution.' },
    ],
  },
  sympathomimetic: {
    effect: "Adds to ketamine's sympathomimetic effects (blood pressure and heart rate).",
    handling: 'Caution; watch blood pressure and heart rate.',
    severity: 'warn',
    citations: [
      {
        section: '§5.2',
        source: 'S16',
        note: 'Sympathomimetics and vasopressin add to BP/HR effects: caution.',
      },
    ],
  },
  'thyroid-hormone': {
    effect: 'Higher risk of hypertension and tachycardia.',
    handling: 'Caution; watch blood pressure and heart rate.',
    severity: 'warn',
    citations: [
      {
        section: '§5.2',
        source: 'S16',
        note: 'Thyroid hormone: higher risk of hypertension and tachycardia; caution.',
      },
    ],
  },
  benzodiazepine: {
    effect: 'More CNS and respiratory depression.',
    handling:
      'Lower ketamine doses may be needed. Do not mix diazepam with ketamine in the same syringe or infusion fluid.',
    severity: 'warn',
    citations: [CNS_DEPRESSANT, LONGER_RECOVERY],
  },
  opioid: {
    effect: 'More CNS and respiratory depression, and a longer recovery.',
    handling: 'Lower ketamine doses may be needed; allow for a longer recovery.',
    severity: 'warn',
    citations: [CNS_DEPRESSANT, LONGER_RECOVERY],
  },
  'other-cns-depressant': {
    effect: 'More CNS and respiratory depression.',
    handling: 'Lower ketamine doses may be needed.',
    severity: 'warn',
    citations: [CNS_DEPRESSANT],
  },
  barbiturate: {
    effect: 'More CNS depression and a longer recovery.',
    handling:
      'Lower ketamine doses may be needed. Do not mix with ketamine in the same syringe or infusion fluid.',
    severity: 'warn',
    citations: [CNS_DEPRESSANT, LONGER_RECOVERY],
  },
  antihypertensive: {
    effect: 'Higher risk of hypotension.',
    handling: 'No specific handling in the source; note for blood-pressure monitoring.',
    severity: 'info',
    citations: [{ section: '§5.2', source: 'S16', note: 'Antihypertensives: higher risk of hypotension.' }],
  },
  maoi: {
    effect: 'Blood-pressure effects (flagged in esketamine labeling).',
    handling: 'Caution; watch blood pressure.',
    severity: 'warn',
    citations: [
      { section: '§5.2', source: 'S18', note: 'MAOIs are flagged in esketamine labeling (BP): caution.' },
    ],
  },
  psychostimulant: {
    effect: 'Blood-pressure effects (flagged in esketamine labeling).',
    handling: 'Caution; watch blood pressure.',
    severity: 'warn',
    citations: [
      {
        section: '§5.2',
        source: 'S18',
        note: 'Psychostimulants are flagged in esketamine labeling (BP): caution.',
      },
    ],
  },
  lamotrigine: {
    effect:
      "Pre-treatment weakened ketamine's neuropsychiatric effects in a human study; effect on analgesia not found.",
    handling: 'Information only.',
    severity: 'info',
    citations: [
      {
        section: '§5.2',
        source: 'S38',
        note: 'Lamotrigine pre-treatment weakened neuropsychiatric effects (Anand 2000).',
      },
    ],
  },
  'nmda-antagonist': {
    effect: 'Another NMDA antagonist (e.g. dextromethorphan, memantine); additive-effect data not found.',
    handling: 'Information only.',
    severity: 'info',
    citations: [
      {
        section: '§5.2',
        source: 'S2',
        note: 'Dextromethorphan/memantine are follow-on therapy per S1; additive-effect data not found.',
      },
    ],
  },
};

export interface Interaction {
  /** The medicine (or substance) as recorded. */
  readonly medication: string;
  readonly interactionClass: InteractionClass;
  readonly effect: string;
  readonly handling: string;
  readonly severity: Severity;
  readonly citation: Citation;
}

/**
 * Every interaction in an intake: one per current medicine and class, plus active alcohol use as a CNS
 * depressant (§5.2 names alcohol among them).
 */
export function findInteractions(intake: Intake): Interaction[] {
  const pairs: { medication: string; interactionClass: InteractionClass }[] = [];
  for (const m of intake.currentMedications) {
    for (const c of new Set(m.classes)) pairs.push({ medication: m.name, interactionClass: c });
  }
  for (const s of intake.substanceUse) {
    if (s.substance === 'alcohol' && s.status === 'active') {
      pairs.push({ medication: 'alcohol (active use)', interactionClass: 'other-cns-depressant' });
    }
  }
  return pairs.map(({ medication, interactionClass }) => {
    const entry = INTERACTIONS[interactionClass];
    const [citation] = entry.citations;
    if (citation === undefined) throw new Error(`Interaction '${interactionClass}' has no citation`);
    return {
      medication,
      interactionClass,
      effect: entry.effect,
      handling: entry.handling,
      severity: entry.severity,
      citation,
    };
  });
}
