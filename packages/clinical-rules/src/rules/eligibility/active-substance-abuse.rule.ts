/** Active substance abuse is a relative contraindication (REFERENCE §1.3); past misuse is noted. */
import type { Intake } from '@ketapath/core';
import { defineRule, type FindingDraft } from '../../define-rule.js';

export const activeSubstanceAbuse = defineRule<Intake>({
  id: 'eligibility/active-substance-abuse',
  version: 1,
  area: 'eligibility',
  title: 'No active substance abuse',
  severity: 'needs-ack',
  description:
    'Active use the clinician judges to be misuse (including alcohol) needs physician review (relative contraindication). Past misuse is noted.',
  parameters: [],
  citations: [
    {
      section: '§1.3',
      source: 'S2',
      note: 'Active substance abuse: relative contraindication (grade C, low).',
    },
  ],
  evaluate: (intake) => {
    const describe = (s: (typeof intake.substanceUse)[number]) =>
      s.description === undefined ? s.substance : `${s.substance} (${s.description})`;
    const active = intake.substanceUse.filter((s) => s.status === 'active' && s.misuse);
    const past = intake.substanceUse.filter((s) => s.status === 'past' && s.misuse);
    const drafts: FindingDraft[] = [];
    if (active.length > 0) {
      drafts.push({
        message: `Active substance misuse: ${active.map(describe).join('; ')}. This is a relative contraindication: a physician must review before ketamine.`,
        inputs: { substances: active.map((s) => s.substance) },
      });
    }
    if (past.length > 0) {
      drafts.push({
        severity: 'info',
        title: 'Past substance misuse',
        message: `Past substance misuse: ${past.map(describe).join('; ')}. Not a listed contraindication; note for the treatment plan.`,
        inputs: { substances: past.map((s) => s.substance) },
      });
    }
    return drafts;
  },
});
