/** Routes of the clinician app; everything but the sign-in page needs a session. */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useSessionState } from './session/session-context';
import { SignInPage } from './session/sign-in-page';
import { AppShell } from './shell/app-shell';
import { NotAllowedPage, NotFoundPage } from './shell/simple-pages';
import { PatientListPage } from './patients/patient-list-page';
import { PatientCreatePage } from './patients/patient-create-page';
import { PatientPage } from './patients/patient-page';
import { PatientOverviewTab } from './patients/patient-overview-tab';
import { PatientEditTab } from './patients/patient-edit-tab';
import { EmptyTab, PATIENT_TABS } from './patients/patient-tabs';
import { AuditPage } from './audit/audit-page';

// The simulator carries the pharmacology engine; load it only when someone opens the page.
const SimulatorPage = lazy(() => import('./simulator/simulator-page').then((m) => ({ default: m.SimulatorPage })));

export function App() {
  const { state } = useSessionState();
  if (state.status === 'checking') {
    return (
      <p className="boot" role="status">
        Loading Ketapath…
      </p>
    );
  }
  if (state.status === 'signed-out') return <SignInPage notice={state.notice} />;

  const canReadAudit = state.session.user.permissions.includes('audit:read');
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/patients" replace />} />
        <Route path="patients" element={<PatientListPage />} />
        <Route path="patients/new" element={<PatientCreatePage />} />
        <Route path="patients/:patientId" element={<PatientPage />}>
          <Route index element={<PatientOverviewTab />} />
          <Route path="edit" element={<PatientEditTab />} />
          {PATIENT_TABS.filter((t) => t.path !== '').map((t) => (
            <Route key={t.path} path={t.path} element={<EmptyTab title={t.label} />} />
          ))}
        </Route>
        <Route
          path="simulator"
          element={
            <Suspense fallback={<p role="status">Loading the dose simulator…</p>}>
              <SimulatorPage />
            </Suspense>
          }
        />
        <Route path="audit" element={canReadAudit ? <AuditPage /> : <NotAllowedPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
