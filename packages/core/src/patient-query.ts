/**
 * Parses the one search box of the patient list: words are name fragments, a date is a date of birth
 * (YYYY-MM-DD or the US MM/DD/YYYY), and a run of digits is the start of a medical record number.
 */
import { normalizeSearchText } from './search-text.js';

export interface PatientQuery {
  nameFragments: string[];
  dateOfBirth: string | null;
  mrnPrefix: string | null;
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

export function parsePatientQuery(q: string | undefined): PatientQuery {
  const result: PatientQuery = { nameFragments: [], dateOfBirth: null, mrnPrefix: null };
  for (const token of normalizeSearchText(q ?? '').split(' ')) {
    if (token === '') continue;
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(token);
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(token);
    const candidate = iso ? token : us ? `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}` : null;
    if (candidate && isRealDate(candidate)) result.dateOfBirth = candidate;
    else if (/^\d+$/.test(token)) result.mrnPrefix = token;
    else result.nameFragments.push(token);
  }
  return result;
}
