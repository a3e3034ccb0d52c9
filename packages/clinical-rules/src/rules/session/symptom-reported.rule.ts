/** Infusion: reported adverse symptoms that need a nurse's action or a physician's order. */
import type { SessionSnapshot, SessionSymptomKind } from '@ketapath/core';
import { defineRule, type FindingDraft } from '../../define-rule.js';
import { asActionTier, severityForTier, tierWords } from './tier.js';

const RESP_TIER = 'session.respiratory-compromise-tier';

const ACTIONS: Readonly<
  Record<
    Exclude<SessionSymptomKind, 'respiratory-compromise' | 'other'>,
    { severity: 'warn' | 'needs-ack'; text: string }
  >
> = {
  dysphoria: {
    severity: 'needs-ack',
    text: 'calm, dim environment; a benzodiazepine only on a physician’s order',
  },
  hallucinations: {
    severity: 'needs-ack',
    text: 'calm, dim environment; a benzodiazepine only on a physician’s order',
  },
  'emergence-reaction': {
    severity: 'needs-ack',
    text: 'minimise verbal, tactile and visual stimulation; a short-acting benzodiazepine or barbiturate only on a physician’s order',
  },
  nausea: { severity: 'warn', text: 'an antiemetic per order' },
  vomiting: { severity: 'warn', text: 'an antiemetic per order; protect the airway' },
  hypertension: { severity: 'needs-ack', text: 'a physician reviews the BP and the infusion' },
};

const SYMPTOM_LABELS: Readonly<Record<SessionSymptomKind, string>> = {
  dysphoria: 'Dysphoria',
  hallucinations: 'Hallucinations',
  nausea: 'Nausea',
  vomiting: 'Vomiting',
  'respiratory-compromise': 'Respiratory compromise',
  'emergence-reaction': 'Emergence reaction',
  hypertension: 'Hypertension',
  other: 'Other symptom',
};

export const symptomReported = defineRule<SessionSnapshot>({
  id: 'session/symptom-reported',
  version: 1,
  area: 'session',
  title: 'Adverse symptom reported',
  severity: 'needs-ack',
  description:
    'Each reported symptom gives a finding pointing to the rescue prompt (§4.5). Respiratory compromise takes its action tier (default stop and call); dysphoria, hallucinations, emergence reactions and hypertension need a physician (any rescue medication is a physician’s order); nausea and vomiting warn (antiemetic per order).',
  parameters: [RESP_TIER],
  citations: [
    {
      section: '§4.5',
      source: 'S30',
      note: 'Practice: benzodiazepine for dysphoria/hallucinations; antiemetic per order; reposition, O₂, suction, BVM for respiratory compromise [P].',
    },
    {
      section: '§4.5',
      source: 'S15',
      note: 'Label: severe emergence reaction: short- or ultra-short-acting benzodiazepine or barbiturate; minimise stimulation [L].',
    },
    {
      section: '§4.3',
      source: 'S15',
      note: 'Emergence reactions ~12% at anaesthetic doses; nausea/vomiting and raised BP are label-listed effects.',
    },
  ],
  evaluate: (s, ctx) => {
    const nowMs = Date.parse(s.now);
    const latestByKind = new Map<SessionSymptomKind, string>();
    for (const sym of s.symptoms) {
      if (Date.parse(sym.at) > nowMs) continue;
      const prev = latestByKind.get(sym.kind);
      if (prev === undefined || Date.parse(sym.at) > Date.parse(prev)) latestByKind.set(sym.kind, sym.at);
    }
    const out: FindingDraft[] = [];
    for (const [kind, at] of latestByKind) {
      if (kind === 'other') continue;
      if (kind === 'respiratory-compromise') {
        const tier = asActionTier(ctx.choice(RESP_TIER));
        out.push({
          severity: severityForTier(tier),
          actionTier: tier,
          message: `Respiratory compromise reported: ${tierWords(tier)}; reposition, supplemental O₂, suction, bag-valve-mask as needed.`,
          inputs: { kind, at },
          parameters: [RESP_TIER],
        });
        continue;
      }
      const action = ACTIONS[kind];
      out.push({
        severity: action.severity,
        message: `${SYMPTOM_LABELS[kind]} reported: ${action.text}.`,
        inputs: { kind, at },
      });
    }
    return out;
  },
});
