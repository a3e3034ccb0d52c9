/** Pre-start: the pre-treatment tests the screening found due (ECG, LFTs) are done. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const preTreatmentTests = defineRule<SessionSnapshot>({
  id: 'session/pre-treatment-tests',
  version: 1,
  area: 'session',
  title: 'Pre-treatment tests done',
  severity: 'needs-ack',
  description:
    'Each test the eligibility screening marked due (baseline ECG with suspected or high cardiovascular risk; baseline LFTs with liver risk or frequent high doses, §1.6; LFTs with recurrent dosing, §5.3) must have a result before the start, or a physician acknowledges proceeding without it.',
  parameters: [],
  citations: [
    {
      section: '§1.6',
      source: 'S2',
      note: 'Baseline ECG with suspected/high cardiovascular risk; consider baseline and post-infusion LFTs with liver risk or high, frequent doses (grade C, low).',
    },
    {
      section: '§5.3',
      source: 'S15',
      note: 'Label: baseline and periodic LFTs when the plan uses recurrent dosing [L].',
    },
  ],
  evaluate: (s) => {
    const nowMs = Date.parse(s.now);
    return s.preTreatmentTests
      .filter((t) => t.due && (t.doneAt === null || Date.parse(t.doneAt) > nowMs))
      .map((t) => ({
        message: `Pre-treatment test '${t.id}' is due and has no result: obtain it, or a physician acknowledges proceeding without it.`,
        inputs: { testId: t.id, due: t.due, doneAt: t.doneAt },
      }));
  },
});
