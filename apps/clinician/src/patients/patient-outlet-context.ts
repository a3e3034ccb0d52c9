/** What the patient page hands to the tab it shows. */
import type { Patient } from '@ketapath/core';

export interface PatientOutletContext {
  patient: Patient;
  /** Re-reads the patient (after an edit elsewhere, a conflict or a new measurement). */
  reloadPatient: () => void;
  /** How many times the patient was re-read; children key their own loads on it. */
  revision: number;
}
