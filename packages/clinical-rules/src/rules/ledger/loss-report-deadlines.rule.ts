/** Ledger: an open loss report's written notice and DEA Form 106 deadlines (§9 Theft or significant loss). */
import type { FindingDraft } from '../../define-rule.js';
import { defineRule } from '../../define-rule.js';
import { addBusinessDays, addCalendarDays } from './calendar.js';
import { LOSS } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

const NOTICE = 'ledger.loss-notice-business-days';
const REPORT = 'ledger.loss-report-days';

export const lossReportDeadlines = defineRule<LedgerCheck>({
  id: 'ledger/loss-report-deadlines',
  version: 1,
  area: 'ledger',
  title: 'Loss report deadlines',
  severity: 'warn',
  description:
    'For each theft or significant loss: the written notice to the DEA Field Division is due the set number of business days after discovery (default 1; weekends are skipped; public holidays count as business days, which can only bring the date earlier), and the electronic DEA Form 106 the set number of days after discovery (default 45). Warns while a step is outstanding and says when it is overdue.',
  parameters: [NOTICE, REPORT],
  citations: [LOSS],
  evaluate: (s, ctx) => {
    if (s.operation !== 'status') return [];
    const noticeDays = ctx.number(NOTICE);
    const reportDays = ctx.number(REPORT);
    const findings: FindingDraft[] = [];
    for (const r of s.lossReports) {
      if (r.writtenNoticeSentOn === null) {
        const notice = addBusinessDays(r.discoveredOn, noticeDays, s.nonBusinessDates);
        findings.push({
          title: 'Written notice of theft or loss to DEA',
          message:
            s.today > notice.dueOn
              ? `The written notice for the loss discovered on ${r.discoveredOn} was due on ${notice.dueOn} and is overdue.`
              : `Send the written notice to the DEA Field Division by ${notice.dueOn} (loss discovered on ${r.discoveredOn}).`,
          inputs: {
            lossReportId: r.lossReportId,
            discoveredOn: r.discoveredOn,
            dueOn: notice.dueOn,
            skipped: notice.skipped,
            today: s.today,
          },
          parameters: [NOTICE],
        });
      }
      if (r.form106FiledOn === null) {
        const dueOn = addCalendarDays(r.discoveredOn, reportDays);
        findings.push({
          title: 'DEA Form 106',
          message:
            s.today > dueOn
              ? `DEA Form 106 for the loss discovered on ${r.discoveredOn} was due on ${dueOn} and is overdue.`
              : `File DEA Form 106 electronically by ${dueOn} (loss discovered on ${r.discoveredOn}).`,
          inputs: { lossReportId: r.lossReportId, discoveredOn: r.discoveredOn, dueOn, today: s.today },
          parameters: [REPORT],
        });
      }
    }
    return findings;
  },
});
