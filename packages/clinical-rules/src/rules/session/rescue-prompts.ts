/**
 * Rescue-medication prompts (REFERENCE §4.5). A prompt names the problem and what the source says, in the
 * source's own terms; it never decides a drug or a dose. Any medication needs a physician's order.
 */
import type { SessionSnapshot } from '@ketapath/core';
import type { Citation, EvidenceType, Finding } from '../../types.js';

export const RESCUE_PROBLEMS = [
  'dysphoria-hallucinations',
  'severe-emergence-reaction',
  'nausea-vomiting',
  'respiratory-compromise',
  'hypertension',
] as const;
export type RescueProblem = (typeof RESCUE_PROBLEMS)[number];

export interface RescuePrompt {
  readonly problem: RescueProblem;
  /** What triggered the prompt: symptom kinds reported, or the rule ids of vital-sign findings. */
  readonly triggers: readonly string[];
  readonly suggestion: string;
  readonly physicianOrderRequired: boolean;
  readonly evidence: EvidenceType;
  readonly citations: readonly Citation[];
}

interface PromptText {
  readonly suggestion: string;
  readonly physicianOrderRequired: boolean;
  readonly evidence: EvidenceType;
  readonly citations: readonly Citation[];
}

export const RESCUE_PROMPT_TEXT: Readonly<Record<RescueProblem, PromptText>> = {
  'dysphoria-hallucinations': {
    suggestion:
      'Calm, dim environment. Benzodiazepine per physician order; the cited inpatient CRPS protocol names lorazepam 1–2 mg (practice example, not an order).',
    physicianOrderRequired: true,
    evidence: 'P',
    citations: [
      {
        section: '§4.5',
        source: 'S7',
        note: 'Inpatient CRPS protocol: lorazepam 1–2 mg for dysphoria or hallucinations [P].',
      },
      { section: '§4.5', source: 'S30', note: 'Benzodiazepine; calm, dim environment [P].' },
    ],
  },
  'severe-emergence-reaction': {
    suggestion:
      'Label: a short- or ultra-short-acting benzodiazepine or barbiturate may be used (per physician order); minimise verbal, tactile and visual stimulation.',
    physicianOrderRequired: true,
    evidence: 'L',
    citations: [
      {
        section: '§4.5',
        source: 'S15',
        note: 'Ketalar label: severe emergence reaction: short- or ultra-short-acting benzodiazepine or barbiturate; minimise stimulation [L].',
      },
    ],
  },
  'nausea-vomiting': {
    suggestion: 'Antiemetic per order.',
    physicianOrderRequired: true,
    evidence: 'P',
    citations: [{ section: '§4.5', source: 'S30', note: 'Nausea/vomiting: antiemetic per order [P].' }],
  },
  'respiratory-compromise': {
    suggestion:
      'Reposition the patient, supplemental O₂, suction, bag-valve-mask as needed; call the prescriber.',
    physicianOrderRequired: false,
    evidence: 'P',
    citations: [
      {
        section: '§4.5',
        source: 'S30',
        note: 'Respiratory compromise: reposition, supplemental O₂, suction, bag-valve-mask [P].',
      },
    ],
  },
  hypertension: {
    suggestion:
      'Physician review of the blood pressure and of whether to continue; REFERENCE.md names no antihypertensive for this setting.',
    physicianOrderRequired: true,
    evidence: 'P',
    citations: [
      {
        section: '§4.2',
        source: 'S30',
        note: 'SBP > 180 mmHg: unstable vitals, do not give [P]; thresholds need an action tier per clinic.',
      },
      {
        section: '§1.3',
        source: 'S15',
        note: 'Label: contraindicated where a significant rise in BP would be a serious hazard [L].',
      },
    ],
  },
};

const SYMPTOM_PROBLEM: Readonly<Partial<Record<SessionSnapshot['symptoms'][number]['kind'], RescueProblem>>> =
  {
    dysphoria: 'dysphoria-hallucinations',
    hallucinations: 'dysphoria-hallucinations',
    'emergence-reaction': 'severe-emergence-reaction',
    nausea: 'nausea-vomiting',
    vomiting: 'nausea-vomiting',
    'respiratory-compromise': 'respiratory-compromise',
    hypertension: 'hypertension',
  };

/**
 * The prompts for the symptoms reported up to `now` and for vital-sign findings that point to the same
 * problems (high BP → hypertension; low SpO₂ or low RR → respiratory compromise).
 */
export function rescuePromptsFor(snapshot: SessionSnapshot, findings: readonly Finding[]): RescuePrompt[] {
  const triggers = new Map<RescueProblem, Set<string>>();
  const add = (problem: RescueProblem, trigger: string) => {
    const set = triggers.get(problem) ?? new Set<string>();
    set.add(trigger);
    triggers.set(problem, set);
  };
  const nowMs = Date.parse(snapshot.now);
  for (const sym of snapshot.symptoms) {
    const problem = SYMPTOM_PROBLEM[sym.kind];
    if (problem !== undefined && Date.parse(sym.at) <= nowMs) add(problem, sym.kind);
  }
  for (const f of findings) {
    if (f.severity === 'info' || f.unconfigured !== undefined) continue;
    const direction = f.inputs.direction;
    if (
      (f.ruleId === 'session/blood-pressure-limits' || f.ruleId === 'session/blood-pressure-rise') &&
      direction === 'high'
    ) {
      add('hypertension', f.ruleId);
    }
    if (f.ruleId === 'session/oxygen-saturation' && f.severity !== 'warn')
      add('respiratory-compromise', f.ruleId);
    if (f.ruleId === 'session/respiratory-rate-limits' && direction === 'low')
      add('respiratory-compromise', f.ruleId);
  }
  return RESCUE_PROBLEMS.filter((p) => triggers.has(p)).map((problem) => ({
    problem,
    triggers: [...(triggers.get(problem) ?? [])],
    ...RESCUE_PROMPT_TEXT[problem],
  }));
}
