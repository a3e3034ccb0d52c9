/** Infusion: BP rise from the patient's own pre-infusion baseline. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule, type FindingDraft } from '../../define-rule.js';
import { latestReading, readingInputs } from './readings.js';
import { asActionTier, severityForTier, tierWords } from './tier.js';

const RISE_SBP = 'session.bp-rise-systolic-mmhg';
const RISE_DBP = 'session.bp-rise-diastolic-mmhg';
const TIER = 'session.bp-rise-tier';

export const bloodPressureRise = defineRule<SessionSnapshot>({
  id: 'session/blood-pressure-rise',
  version: 1,
  area: 'session',
  title: 'Blood pressure rise from baseline',
  severity: 'needs-ack',
  description:
    'Compares the latest SBP and DBP with the patient’s own baseline, as §4.2 recommends (trend rather than single readings, S30b). The default rise (≥ 40 mmHg systolic and/or ≥ 25 mmHg diastolic) is the esketamine label’s adverse-event threshold (§4.2, S18 [L], descriptive); it takes the BP-rise action tier (default slow).',
  parameters: [RISE_SBP, RISE_DBP, TIER],
  citations: [
    {
      section: '§4.2',
      source: 'S18',
      note: 'Rise of ≥ 40 mmHg systolic and/or ≥ 25 mmHg diastolic: adverse-event threshold in esketamine trials [L] (descriptive).',
    },
    {
      section: '§4.2',
      source: 'S30b',
      note: 'Rules-engine note: consider change from the patient’s own baseline; one clinic watches the trend rather than single readings.',
    },
  ],
  evaluate: (s, ctx) => {
    const b = s.baselineVitals;
    if (b === null) {
      return [
        {
          severity: 'warn',
          actionTier: 'continue-and-watch',
          message: 'No baseline BP is recorded, so the rise from baseline cannot be checked.',
          inputs: { baselineVitals: null },
        },
      ];
    }
    const sbp = latestReading(s, 'systolicMmHg');
    const dbp = latestReading(s, 'diastolicMmHg');
    const riseSbp = ctx.number(RISE_SBP);
    const riseDbp = ctx.number(RISE_DBP);
    const sbpRise = sbp === undefined ? null : sbp.latest.value - b.systolicMmHg;
    const dbpRise = dbp === undefined ? null : dbp.latest.value - b.diastolicMmHg;
    const parts: string[] = [];
    if (sbp !== undefined && sbpRise !== null && sbpRise >= riseSbp) {
      parts.push(
        `SBP ${sbp.latest.value} mmHg is ${sbpRise} mmHg above the baseline ${b.systolicMmHg} (≥ ${riseSbp})`,
      );
    }
    if (dbp !== undefined && dbpRise !== null && dbpRise >= riseDbp) {
      parts.push(
        `DBP ${dbp.latest.value} mmHg is ${dbpRise} mmHg above the baseline ${b.diastolicMmHg} (≥ ${riseDbp})`,
      );
    }
    if (parts.length === 0) return [];
    const tier = asActionTier(ctx.choice(TIER));
    const out: FindingDraft = {
      severity: severityForTier(tier),
      actionTier: tier,
      message: `${parts.join('; ')}: ${tierWords(tier)}.`,
      inputs: {
        baselineSystolicMmHg: b.systolicMmHg,
        baselineDiastolicMmHg: b.diastolicMmHg,
        systolicRiseMmHg: sbpRise,
        diastolicRiseMmHg: dbpRise,
        ...(sbp === undefined ? {} : { systolic: readingInputs('systolicMmHg', sbp) }),
        ...(dbp === undefined ? {} : { diastolic: readingInputs('diastolicMmHg', dbp) }),
        direction: 'high',
      },
      parameters: [RISE_SBP, RISE_DBP, TIER],
    };
    return [out];
  },
});
