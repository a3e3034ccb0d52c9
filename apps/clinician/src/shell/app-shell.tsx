/** The frame around every signed-in page: clinic, demo badge, navigation, who is signed in, sign out. */
import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { ROLE_LABELS } from '@ketapath/core';
import { useCan, useSession, useSessionState } from '../session/session-context';

export function AppShell() {
  const session = useSession();
  const { signOut } = useSessionState();
  const canReadAudit = useCan('audit:read');
  const canReadProtocols = useCan('protocol:read');
  const canReadSettings = useCan('settings:read');
  const canReadChart = useCan('chart:read');
  const canReadSchedule = useCan('schedule:read');
  const canReadLedger = useCan('ledger:read');
  const navigate = useNavigate();
  const [isSigningOut, setIsSigningOut] = useState(false);

  async function handleSignOut() {
    setIsSigningOut(true);
    await signOut();
    void navigate('/', { replace: true });
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <div className="top-bar-clinic">
          <span className="brand">Ketapath</span>
          <span className="clinic-name">{session.clinic.name}</span>
          {session.clinic.isDemo && (
            <span
              className="badge badge-demo"
              title="This clinic holds synthetic demo data, not real patients"
            >
              DEMO DATA
            </span>
          )}
        </div>
        <nav aria-label="Main" className="main-nav">
          <NavLink to="/patients">Patients</NavLink>
          {canReadChart && <NavLink to="/floor">Floor</NavLink>}
          {canReadSchedule && <NavLink to="/schedule">Schedule</NavLink>}
          {canReadLedger && <NavLink to="/ledger">Ledger</NavLink>}
          <NavLink to="/simulator">Dose simulator</NavLink>
          {canReadProtocols && <NavLink to="/protocols">Protocols</NavLink>}
          {canReadSettings && <NavLink to="/settings/clinical">Settings</NavLink>}
          <NavLink to="/rules">Rules</NavLink>
          {canReadAudit && <NavLink to="/audit">Audit</NavLink>}
        </nav>
        <div className="top-bar-user">
          <span className="user-name">{session.user.displayName}</span>
          <span className="user-role">{ROLE_LABELS[session.user.role]}</span>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void handleSignOut()}
            disabled={isSigningOut}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
