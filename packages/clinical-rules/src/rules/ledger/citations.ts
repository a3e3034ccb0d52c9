/** The REFERENCE §9 citations the ledger rules share (S27: DEA/CFR record-keeping texts). */
import type { Citation } from '../../types.js';

export const CONTINUING_RECORDS: Citation = {
  section: '§9',
  source: 'S27',
  note: 'Continuing records: a current, complete, accurate record of every substance received, sold, delivered or otherwise disposed of (21 CFR 1304.21(a)).',
};

export const WASTAGE: Citation = {
  section: '§9',
  source: 'S27',
  note: 'Wasting the unused remainder of a dose drawn for immediate administration needs a destruction record (21 CFR 1304.21(e), 1317.95(d)); two-person witnessed wastage is commonly required by state boards and institutional policy [P].',
};

export const DESTRUCTION: Citation = {
  section: '§9',
  source: 'S27',
  note: 'Destruction of stock: DEA Form 41 with NDC, name, strength, form, quantities, date, method and location; two authorized employees witness destruction to a non-retrievable state and sign (21 CFR 1317.90). A reverse distributor usually files Form 41.',
};

export const INVENTORY: Citation = {
  section: '§9',
  source: 'S27',
  note: 'Initial inventory on the first day of handling controlled substances (zero inventory if no stock); a new inventory at least every 2 years, any date within 2 years of the previous one (21 CFR 1304.11).',
};

export const LOSS: Citation = {
  section: '§9',
  source: 'S27',
  note: 'Theft or significant loss: written notice to the local DEA Field Division within one business day of discovery, then DEA Form 106, electronic only since 24 Jul 2023, within 45 days (21 CFR 1301.76(b); 88 FR 40707).',
};

export const ADMINISTRATION_RECORDS: Citation = {
  section: '§9',
  source: 'S27',
  note: 'A clinic that administers ketamine and charges for it keeps full records of what is administered (21 CFR 1304.03; DEA Practitioner’s Manual §IV); every quantity dispensed or administered is recorded (21 CFR 1304.22(c), exact text U).',
};
