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
import { FloorPage } from './floor/floor-page';
import { SchedulePage } from './schedule/schedule-page';

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
// The Intake and Plan tabs (forms, live eligibility, plan preview with its chart) share one chunk.
const journeyTabs = () => import('./journey/intake/intake-plan-tabs');
const IntakeTab = lazy(() => journeyTabs().then((m) => ({ default: m.IntakeTab })));
const IntakeVersionTab = lazy(() => journeyTabs().then((m) => ({ default: m.IntakeVersionTab })));
const PlanTab = lazy(() => journeyTabs().then((m) => ({ default: m.PlanTab })));
const PlanVersionTab = lazy(() => journeyTabs().then((m) => ({ default: m.PlanVersionTab })));

// The session chart (with its timeline chart) and the patient's Sessions tab share one chunk.
const sessionPages = () => import('./sessions/session-pages');
const SessionChartPage = lazy(() => sessionPages().then((m) => ({ default: m.SessionChartPage })));
const PatientSessionsTab = lazy(() => sessionPages().then((m) => ({ default: m.PatientSessionsTab })));

// The controlled-substance ledger's pages share one chunk.
const ledgerPages = () => import('./ledger/ledger-pages');
const LedgerLayout = lazy(() => ledgerPages().then((m) => ({ default: m.LedgerLayout })));
const StockPage = lazy(() => ledgerPages().then((m) => ({ default: m.StockPage })));
const ReceivePage = lazy(() => ledgerPages().then((m) => ({ default: m.ReceivePage })));
const CountPage = lazy(() => ledgerPages().then((m) => ({ default: m.CountPage })));
const DiscrepanciesPage = lazy(() => ledgerPages().then((m) => ({ default: m.DiscrepanciesPage })));
const DestructionPage = lazy(() => ledgerPages().then((m) => ({ default: m.DestructionPage })));
const InventoryPage = lazy(() => ledgerPages().then((m) => ({ default: m.InventoryPage })));
const LedgerReportsPage = lazy(() => ledgerPages().then((m) => ({ default: m.ReportsPage })));
const LocationsPage = lazy(() => ledgerPages().then((m) => ({ default: m.LocationsPage })));

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
  const canReadChart = permissions.includes('chart:read');
  const canReadLedger = permissions.includes('ledger:read');
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/patients" replace />} />
        <Route path="patients" element={<PatientListPage />} />
        <Route path="patients/new" element={<PatientCreatePage />} />
        <Route path="patients/:patientId" element={<PatientPage />}>
          <Route index element={<PatientOverviewTab />} />
          <Route path="edit" element={<PatientEditTab />} />
          <Route path="intake" element={lazyPage(canReadChart, 'the intake', <IntakeTab />)} />
          <Route
            path="intake/v/:version"
            element={lazyPage(canReadChart, 'the intake version', <IntakeVersionTab />)}
          />
          <Route path="plan" element={lazyPage(canReadChart, 'the treatment plan', <PlanTab />)} />
          <Route
            path="plan/:planId/v/:version"
            element={lazyPage(canReadChart, 'the plan version', <PlanVersionTab />)}
          />
          <Route path="sessions" element={lazyPage(canReadChart, 'the sessions', <PatientSessionsTab />)} />
          {PATIENT_TABS.filter(
            (t) => t.path !== '' && t.path !== 'intake' && t.path !== 'plan' && t.path !== 'sessions',
          ).map((t) => (
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
        <Route
          path="sessions/:sessionId"
          element={lazyPage(canReadChart, 'the session chart', <SessionChartPage />)}
        />
        <Route path="floor" element={canReadChart ? <FloorPage /> : <NotAllowedPage />} />
        <Route
          path="schedule"
          element={permissions.includes('schedule:read') ? <SchedulePage /> : <NotAllowedPage />}
        />
        <Route path="ledger" element={lazyPage(canReadLedger, 'the ledger', <LedgerLayout />)}>
          <Route index element={lazyPage(true, 'the stock', <StockPage />)} />
          <Route
            path="receive"
            element={lazyPage(permissions.includes('ledger:write'), 'the receive form', <ReceivePage />)}
          />
          <Route
            path="count"
            element={lazyPage(permissions.includes('ledger:write'), 'the count', <CountPage />)}
          />
          <Route path="discrepancies" element={lazyPage(true, 'the discrepancies', <DiscrepanciesPage />)} />
          <Route
            path="destruction"
            element={lazyPage(
              permissions.includes('ledger:manage'),
              'the destruction form',
              <DestructionPage />,
            )}
          />
          <Route path="inventory" element={lazyPage(true, 'the inventories', <InventoryPage />)} />
          <Route
            path="reports"
            element={lazyPage(permissions.includes('ledger:report'), 'the reports', <LedgerReportsPage />)}
          />
          <Route path="locations" element={lazyPage(true, 'the locations', <LocationsPage />)} />
        </Route>
        <Route path="audit" element={canReadAudit ? <AuditPage /> : <NotAllowedPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
