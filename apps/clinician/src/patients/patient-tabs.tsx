/** The tabs of the patient page. Later work fills Intake to Documents; until then they say nothing is recorded. */
import { useOutletContext } from 'react-router';
import type { PatientOutletContext } from './patient-outlet-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { patientName } from '../data/patient-labels';

export const PATIENT_TABS = [
  { path: '', label: 'Overview' },
  // The clinical chart: hidden from roles without chart:read (the front desk).
  { path: 'intake', label: 'Intake', permission: 'chart:read' },
  { path: 'plan', label: 'Plan', permission: 'chart:read' },
  { path: 'sessions', label: 'Sessions', permission: 'chart:read' },
  { path: 'outcomes', label: 'Outcomes' },
  { path: 'documents', label: 'Documents' },
] as const;

export function EmptyTab({ title }: { title: string }) {
  const { patient } = useOutletContext<PatientOutletContext>();
  useDocumentTitle(`${title} · ${patientName(patient)}`);
  return (
    <section className="tab-panel" aria-labelledby="tab-heading">
      <h2 id="tab-heading">{title}</h2>
      <p className="empty-state">Nothing is recorded here yet.</p>
    </section>
  );
}
