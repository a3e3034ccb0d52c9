/**
 * Parameters of the controlled-substance ledger rules ('ledger.*'), from REFERENCE §9 (US record-keeping
 * for ketamine, Schedule III) with the regulation each rests on [S27]. The federal periods are verified
 * (V) and are the defaults; a state may be stricter (annual inventory, longer retention), so each is a clinic
 * setting whose accepted range never goes below the federal rule. Witnessing of wastage and the count
 * schedule have no federal value (§9: "not found"; a perpetual inventory is not required): the clinic sets them.
 */
import type { Parameter } from '../types.js';

export const LEDGER_PARAMETERS: readonly Parameter[] = [
  {
    id: 'ledger.waste-witness-required',
    kind: 'boolean',
    label: 'Waste of a drawn remainder needs a second staff member as witness',
    description:
      'Whether wasting the unused remainder of a dose drawn for a session (or of an opened single-use container) needs a witness who signs in separately. §9: the exact DEA text on witnessing wastage was not found; two-person witnessed wastage is commonly required by state boards and institutional policy [P]. Until the clinic sets this, waste cannot be recorded.',
    default: null,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§9',
        source: 'S27',
        note: 'Wasting of the unused remainder: 21 CFR 1304.21(e) requires a destruction record (§ 1317.95(d)); the DEA text on witnessing wastage was not found; two-person witnessed wastage is commonly required by state boards and institutional policy [P]. Build a configurable two-signature waste record.',
      },
    ],
  },
  {
    id: 'ledger.destruction-witnesses',
    kind: 'number',
    label: 'Witnesses to an on-site destruction of stock',
    description:
      'Authorized employees who must witness an on-site destruction to a non-retrievable state and sign DEA Form 41 (§9 Destruction of stock, 21 CFR 1317.90). A reverse distributor usually files Form 41 itself.',
    unit: 'witnesses',
    default: 2,
    min: 2,
    max: 2,
    integer: true,
    evidence: 'L',
    verification: 'verified',
    citations: [
      {
        section: '§9',
        source: 'S27',
        note: 'Destruction of stock: record on DEA Form 41 (NDC, name, strength, form, quantities, date, method, location); two authorized employees must witness destruction to a non-retrievable state and sign (21 CFR 1317.90).',
      },
    ],
  },
  {
    id: 'ledger.retention-years',
    kind: 'number',
    label: 'Keep ledger records and inventories for at least',
    description:
      'Records and inventories are kept at least 2 years and available for DEA inspection (§9 Retention, 21 U.S.C. 827(b), 21 CFR 1304.04(a)). State law may require longer (e.g. 3 years): set the longer period here; it cannot be set below 2.',
    unit: 'years',
    default: 2,
    min: 2,
    max: 10,
    integer: true,
    evidence: 'L',
    verification: 'verified',
    citations: [
      {
        section: '§9',
        source: 'S27',
        note: 'Retention: keep all records and inventories for at least 2 years, available for DEA inspection; state law may require longer (21 U.S.C. 827(b); 21 CFR 1304.04(a)).',
      },
    ],
  },
  {
    id: 'ledger.inventory-interval-months',
    kind: 'number',
    label: 'Take a new inventory at least every',
    description:
      'A new complete inventory at least every 2 years, on any date within 2 years of the previous one (§9 Biennial inventory, 21 CFR 1304.11). Some states require an annual inventory: set 12.',
    unit: 'months',
    default: 24,
    min: 1,
    max: 24,
    integer: true,
    evidence: 'L',
    verification: 'verified',
    citations: [
      {
        section: '§9',
        source: 'S27',
        note: 'Biennial inventory: a new inventory at least every 2 years (any date within 2 years of the previous one); states may require an annual inventory (21 CFR 1304.11).',
      },
    ],
  },
  {
    id: 'ledger.loss-notice-business-days',
    kind: 'number',
    label: 'Written notice of a theft or significant loss within',
    description:
      'The local DEA Field Division is notified in writing within one business day of discovering a theft or significant loss (§9 Theft or significant loss, 21 CFR 1301.76(b)). Business days skip weekends (public holidays count as business days, which can only bring the date earlier); 0 means the same day.',
    unit: 'business days',
    default: 1,
    min: 0,
    max: 1,
    integer: true,
    evidence: 'L',
    verification: 'verified',
    citations: [
      {
        section: '§9',
        source: 'S27',
        note: 'Theft or significant loss: notify the local DEA Field Division in writing within one business day of discovery, then file DEA Form 106 (21 CFR 1301.76(b)).',
      },
    ],
  },
  {
    id: 'ledger.loss-report-days',
    kind: 'number',
    label: 'DEA Form 106 filed electronically within',
    description:
      'Since 24 July 2023 DEA Form 106 is filed electronically only, within 45 days of discovering the theft or loss (§9 Theft or significant loss, 88 FR 40707).',
    unit: 'days',
    default: 45,
    min: 1,
    max: 45,
    integer: true,
    evidence: 'L',
    verification: 'verified',
    citations: [
      {
        section: '§9',
        source: 'S27',
        note: 'DEA Form 106: electronic only since 24 Jul 2023, due within 45 days; paper not accepted (88 FR 40707, 2023-13085).',
      },
    ],
  },
  {
    id: 'ledger.count-interval-hours',
    kind: 'number',
    label: 'Count the stock at least every',
    description:
      'How often staff count the controlled-substance stock (24 = daily; a shift length = per shift). DEA requires a current, complete and accurate record but no perpetual inventory (§9 Continuing records, 21 CFR 1304.21(a)), so no federal interval exists: the clinic sets its own.',
    unit: 'h',
    default: null,
    min: 1,
    max: 744,
    integer: true,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§9',
        source: 'S27',
        note: 'Continuing records: keep a current, complete, accurate record of every substance received or disposed of; a perpetual inventory is not required by DEA (21 CFR 1304.21(a)). No count interval is given.',
      },
    ],
  },
  {
    id: 'ledger.expiry-warning-days',
    kind: 'number',
    label: 'Warn about stock expiring within',
    description:
      'How many days before a container’s expiry date the stock view warns. REFERENCE.md gives no period; expired stock is destroyed with witnesses or sent to a reverse distributor (§9 Destruction of stock), so the clinic chooses how early to plan for it.',
    unit: 'days',
    default: null,
    min: 1,
    max: 365,
    integer: true,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§9',
        source: 'S27',
        note: 'Destruction of stock: expired or unwanted stock is destroyed on site with two witnesses (DEA Form 41, 21 CFR 1317.90) or sent to a reverse distributor; no expiry-warning period is given.',
      },
    ],
  },
];
