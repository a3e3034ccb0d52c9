/** Infusion: the latest BP against the unstable-vitals limits and the uncontrolled-hypertension line. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule, type FindingDraft } from '../../define-rule.js';
import { latestReading, readingInputs, trendWords } from './readings.js';
import { asActionTier, severityForTier, tierWords } from './tier.js';

const SBP_LOW = 'session.sbp-low-mmhg';
const SBP_HIGH = 'session.sbp-high-mmhg';
const HTN_SBP = 'session.hypertension-sbp-mmhg';
const HTN_DBP = 'session.hypertension-dbp-mmhg';
const SBP_TIER = 'session.sbp-limit-tier';
const HTN_TIER = 'session.hypertension-tier';

export const bloodPressureLimits = defineRule<SessionSnapshot>({
  id: 'session/blood-pressure-limits',
  version: 1,
  area: 'session',
  title: 'Blood pressure within limits',
  severity: 'block',
  description:
    'Latest SBP below or above the “unstable vitals: do not give” limits (§4.2, S30 [P]) takes the SBP-limit action tier (default stop and call). SBP or DBP at or above the uncontrolled-hypertension line (§4.2, S9b [T]) takes the hypertension tier (default pause). The previous reading and the direction are reported.',
  parameters: [SBP_LOW, SBP_HIGH, HTN_SBP, HTN_DBP, SBP_TIER, HTN_TIER],
  citations: [
    {
      section: '§4.2',
      source: 'S30',
      note: 'SBP < 90 or > 180 mmHg: unstable vitals, do not give low-dose ketamine [P].',
    },
    {
      section: '§4.2',
      source: 'S9b',
      note: 'SBP ≥ 180 or DBP ≥ 100 mmHg: uncontrolled hypertension, trial exclusion [T].',
    },
    {
      section: '§4.1',
      source: 'S15',
      note: 'Label: monitor BP during use; monitor cardiac function continuously in hypertension [L].',
    },
  ],
  evaluate: (s, ctx) => {
    const out: FindingDraft[] = [];
    const sbp = latestReading(s, 'systolicMmHg');
    const dbp = latestReading(s, 'diastolicMmHg');
    const low = ctx.number(SBP_LOW);
    const high = ctx.number(SBP_HIGH);
    let sbpUnstableHigh = false;
    if (sbp !== undefined && (sbp.latest.value < low || sbp.latest.value > high)) {
      sbpUnstableHigh = sbp.latest.value > high;
      const tier = asActionTier(ctx.choice(SBP_TIER));
      out.push({
        severity: severityForTier(tier),
        actionTier: tier,
        message: `SBP ${sbp.latest.value} mmHg${trendWords(sbp)} is ${sbpUnstableHigh ? 'above' : 'below'} ${sbpUnstableHigh ? high : low} mmHg (unstable vitals [P]): ${tierWords(tier)}.`,
        inputs: { ...readingInputs('systolicMmHg', sbp), direction: sbpUnstableHigh ? 'high' : 'low' },
        parameters: [sbpUnstableHigh ? SBP_HIGH : SBP_LOW, SBP_TIER],
      });
    }
    const htnSbp = ctx.number(HTN_SBP);
    const htnDbp = ctx.number(HTN_DBP);
    const sbpAtLine = sbp !== undefined && !sbpUnstableHigh && sbp.latest.value >= htnSbp;
    const dbpAtLine = dbp !== undefined && dbp.latest.value >= htnDbp;
    if (sbpAtLine || dbpAtLine) {
      const tier = asActionTier(ctx.choice(HTN_TIER));
      const parts: string[] = [];
      if (sbpAtLine) parts.push(`SBP ${sbp.latest.value} mmHg${trendWords(sbp)} ≥ ${htnSbp}`);
      if (dbpAtLine) parts.push(`DBP ${dbp.latest.value} mmHg${trendWords(dbp)} ≥ ${htnDbp}`);
      out.push({
        severity: severityForTier(tier),
        actionTier: tier,
        message: `${parts.join('; ')} mmHg (uncontrolled-hypertension line [T]): ${tierWords(tier)}.`,
        inputs: {
          ...(sbp === undefined ? {} : { systolic: readingInputs('systolicMmHg', sbp) }),
          ...(dbp === undefined ? {} : { diastolic: readingInputs('diastolicMmHg', dbp) }),
          direction: 'high',
        },
        parameters: [HTN_SBP, HTN_DBP, HTN_TIER],
      });
    }
    return out;
  },
});
