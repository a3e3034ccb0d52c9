/** Routes of the clinician app; everything but the sign-in page needs a session. */
import { lazy, Suspense, type ReactNode } from 'react';
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
const SimulatorPage = lazy(() =>
  import('./simulator/simulator-page').then((m) => ({ default: m.SimulatorPage })),
);
// The protocol, settings and rules pages share one chunk with the clinical reference's tables.
const rulesPages = () => import('./rules/rules-pages');
const ProtocolLibraryPage = lazy(() => rulesPages().then((m) => ({ default: m.ProtocolLibraryPage })));
const ProtocolPage = lazy(() => rulesPages().then((m) => ({ default: m.ProtocolPage })));
const ProtocolEditPage = lazy(() => rulesPages().then((m) => ({ default: m.ProtocolEditPage })));
const ClinicalSettingsPage = lazy(() => rulesPages().then((m) => ({ default: m.ClinicalSettingsPage })));
const RulesReferencePage = lazy(() => rulesPages().then((m) => ({ default: m.RulesReferencePage })));

/** A lazily loaded page, or "not available" when the role lacks the permission it needs. */
function lazyPage(isAllowed: boolean, what: string, page: ReactNode): ReactNode {
  if (!isAllowed) return <NotAllowedPage />;
  return <Suspense fallback={<p role="status">Loading {what}…</p>}>{page}</Suspense>;
}

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

  const permissions = state.session.user.permissions;
  const canReadAudit = permissions.includes('audit:read');
  const canReadProtocols = permissions.includes('protocol:read');
  const canManageProtocols = permissions.includes('protocol:manage');
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
        <Route path="protocols">
          <Route
            index
            element={lazyPage(canReadProtocols, 'the protocol library', <ProtocolLibraryPage />)}
          />
          <Route path=":protocolId" element={lazyPage(canReadProtocols, 'the protocol', <ProtocolPage />)} />
          <Route
            path=":protocolId/v/:version"
            element={lazyPage(canReadProtocols, 'the protocol', <ProtocolPage />)}
          />
          <Route
            path=":protocolId/copy"
            element={lazyPage(canManageProtocols, 'the protocol form', <ProtocolEditPage mode="copy" />)}
          />
          <Route
            path=":protocolId/edit"
            element={lazyPage(canManageProtocols, 'the protocol form', <ProtocolEditPage mode="edit" />)}
          />
        </Route>
        <Route
          path="settings/clinical"
          element={lazyPage(
            permissions.includes('settings:read'),
            'the clinical settings',
            <ClinicalSettingsPage />,
          )}
        />
        <Route path="rules" element={lazyPage(true, 'the rules reference', <RulesReferencePage />)} />
        <Route path="audit" element={canReadAudit ? <AuditPage /> : <NotAllowedPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
