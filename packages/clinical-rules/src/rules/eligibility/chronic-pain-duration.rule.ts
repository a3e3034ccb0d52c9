/** Pain must have lasted longer than the clinic's chronic-pain duration (REFERENCE §1.2 gives none). */
import { painDurationMonths, type Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const chronicPainDuration = defineRule<Intake>({
  id: 'eligibility/chronic-pain-duration',
  version: 1,
  area: 'eligibility',
  title: 'Pain has lasted long enough to count as chronic',
  severity: 'needs-ack',
  description:
    'Compares the pain duration (from the onset date, else as reported) with the clinic minimum; pain not longer than it needs a physician decision.',
  parameters: ['eligibility.min-pain-duration-months'],
  citations: [
    {
      section: '§1.2',
      source: 'S2',
      note: 'The guideline indications are chronic pain conditions; REFERENCE.md gives no minimum duration, so it is a clinic setting.',
    },
  ],
  evaluate: (intake, ctx) => {
    const minMonths = ctx.number('eligibility.min-pain-duration-months');
    const durationMonths = painDurationMonths(intake);
    if (durationMonths > minMonths) return [];
    const from = intake.pain.onsetOn === undefined ? 'as reported' : `since onset on ${intake.pain.onsetOn}`;
    return [
      {
        message: `Pain has lasted ${durationMonths.toFixed(1)} months (${from}), not longer than the clinic minimum of ${minMonths} months for chronic pain. A physician must decide whether to proceed.`,
        inputs: { durationMonths, onsetOn: intake.pain.onsetOn ?? null, evaluatedOn: intake.evaluatedOn },
        parameters: ['eligibility.min-pain-duration-months'],
      },
    ];
  },
});
