/** Pre-start: baseline vital signs are recorded and within the clinic's limits. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule, type FindingDraft } from '../../define-rule.js';

const SBP_LOW = 'session.sbp-low-mmhg';
const SBP_HIGH = 'session.sbp-high-mmhg';
const HR_LOW = 'session.hr-low-per-min';
const HR_HIGH = 'session.hr-high-per-min';
const RR_LOW = 'session.rr-low-per-min';
const RR_HIGH = 'session.rr-high-per-min';
const HTN_SBP = 'session.hypertension-sbp-mmhg';
const HTN_DBP = 'session.hypertension-dbp-mmhg';
const SPO2 = 'session.spo2-room-air-above-percent';

export const baselineVitals = defineRule<SessionSnapshot>({
  id: 'session/baseline-vitals',
  version: 1,
  area: 'session',
  title: 'Baseline vital signs recorded and within limits',
  severity: 'block',
  description:
    'Before the start a full set of baseline vitals must be recorded. SBP, HR or RR outside the “unstable vitals: do not give” limits (§4.2, S30 [P]) blocks the start. SBP or DBP at or above the trial’s uncontrolled-hypertension line (§4.2, S9b [T]), or SpO₂ on room air at or below the full Aldrete oxygenation score line (§4.6, S28), needs a physician’s acknowledgement.',
  parameters: [SBP_LOW, SBP_HIGH, HR_LOW, HR_HIGH, RR_LOW, RR_HIGH, HTN_SBP, HTN_DBP, SPO2],
  citations: [
    {
      section: '§4.2',
      source: 'S30',
      note: 'SBP < 90 or > 180 mmHg, HR < 50 or > 150 /min, RR < 10 or > 30 /min: unstable vitals, do not give [P].',
    },
    {
      section: '§4.2',
      source: 'S9b',
      note: 'SBP ≥ 180 or DBP ≥ 100 mmHg: uncontrolled hypertension, trial exclusion [T].',
    },
    {
      section: '§4.6',
      source: 'S28',
      note: 'SpO₂ > 92% on room air earns the full Aldrete oxygenation score [P].',
    },
  ],
  evaluate: (s, ctx) => {
    const b = s.baselineVitals;
    if (b === null) {
      return [
        {
          message: 'No baseline vital signs are recorded: record BP, HR, SpO₂ and RR before the start.',
          inputs: { baselineVitals: null },
        },
      ];
    }
    const out: FindingDraft[] = [];
    const unstable = (
      what: string,
      value: number,
      unit: string,
      low: string,
      high: string,
      field: string,
    ) => {
      const lowValue = ctx.number(low);
      const highValue = ctx.number(high);
      if (value < lowValue || value > highValue) {
        out.push({
          message: `Baseline ${what} ${value} ${unit} is outside ${lowValue}–${highValue} ${unit} (“unstable vitals: do not give”, practice [P]): do not start; call the prescriber.`,
          inputs: { [field]: value, at: b.at },
          parameters: [low, high],
        });
        return true;
      }
      return false;
    };
    const sbpUnstable = unstable('systolic BP', b.systolicMmHg, 'mmHg', SBP_LOW, SBP_HIGH, 'systolicMmHg');
    unstable('heart rate', b.heartRatePerMin, '/min', HR_LOW, HR_HIGH, 'heartRatePerMin');
    unstable('respiratory rate', b.respiratoryRatePerMin, '/min', RR_LOW, RR_HIGH, 'respiratoryRatePerMin');
    const htnSbp = ctx.number(HTN_SBP);
    const htnDbp = ctx.number(HTN_DBP);
    const sbpHigh = !sbpUnstable && b.systolicMmHg >= htnSbp;
    if (sbpHigh || b.diastolicMmHg >= htnDbp) {
      out.push({
        severity: 'needs-ack',
        message: `Baseline BP ${b.systolicMmHg}/${b.diastolicMmHg} mmHg is at or above ${htnSbp}/${htnDbp} mmHg (uncontrolled hypertension in the trial criteria [T]): a physician must review before the start.`,
        inputs: { systolicMmHg: b.systolicMmHg, diastolicMmHg: b.diastolicMmHg, at: b.at },
        parameters: [HTN_SBP, HTN_DBP],
      });
    }
    const spo2Line = ctx.number(SPO2);
    if (b.spo2Percent <= spo2Line) {
      out.push({
        severity: 'needs-ack',
        message: `Baseline SpO₂ ${b.spo2Percent}% is not above ${spo2Line}% on room air: a physician must review before the start.`,
        inputs: { spo2Percent: b.spo2Percent, at: b.at },
        parameters: [SPO2],
      });
    }
    return out;
  },
});
