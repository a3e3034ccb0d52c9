/** How a patient is named and described on screen. */
import type { PatientSummary, SexAtBirth } from '@ketapath/core';
import { ageYears, formatDate, todayIso } from './dates';

export const SEX_LABELS: Readonly<Record<SexAtBirth, string>> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  unknown: 'Unknown',
};

/** "Family, Given" — the form clinicians scan lists by. */
export function patientName(p: Pick<PatientSummary, 'familyName' | 'givenNames'>): string {
  return `${p.familyName}, ${p.givenNames}`;
}

/** "Mar 4, 1981 (44 y)". */
export function dateOfBirthWithAge(dateOfBirth: string, today: string = todayIso()): string {
  return `${formatDate(dateOfBirth)} (${ageYears(dateOfBirth, today)} y)`;
}
