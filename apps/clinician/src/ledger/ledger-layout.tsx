/**
 * The frame of the ledger pages: the registered location they work on (chosen here when the clinic has
 * more than one), the location's DEA registration, and the ledger's tabs. Each page reads the location
 * from the outlet context.
 */
import { NavLink, Outlet, useOutletContext } from 'react-router';
import type { LedgerLocation } from '@ketapath/api-client';
import { useCan } from '../session/session-context';
import { useLedgerLocations } from './use-ledger-data';
import './ledger.css';

export interface LedgerOutlet {
  location: LedgerLocation;
  locations: LedgerLocation[];
  /** Reads the locations again (after one is changed or registered): the header follows. */
  reloadLocations: () => void;
}

export function useLedgerOutlet(): LedgerOutlet {
  return useOutletContext<LedgerOutlet>();
}

const TABS: ReadonlyArray<{
  to: string;
  label: string;
  permission?: 'ledger:write' | 'ledger:manage' | 'ledger:report';
}> = [
  { to: '/ledger', label: 'Stock' },
  { to: '/ledger/receive', label: 'Receive', permission: 'ledger:write' },
  { to: '/ledger/count', label: 'Count', permission: 'ledger:write' },
  { to: '/ledger/discrepancies', label: 'Discrepancies' },
  { to: '/ledger/destruction', label: 'Destruction', permission: 'ledger:manage' },
  { to: '/ledger/inventory', label: 'Inventory' },
  { to: '/ledger/reports', label: 'Reports', permission: 'ledger:report' },
  { to: '/ledger/locations', label: 'Locations' },
];

export function LedgerLayout() {
  const { resource, locations, location, choose } = useLedgerLocations();
  const can = {
    'ledger:write': useCan('ledger:write'),
    'ledger:manage': useCan('ledger:manage'),
    'ledger:report': useCan('ledger:report'),
  };

  return (
    <section className="ledger-page">
      <div className="page-head ledger-head">
        <h1>Controlled-substance ledger</h1>
        {locations.length > 1 && location && (
          <div className="ledger-location-pick">
            <label htmlFor="ledger-location">Location</label>{' '}
            <select
              id="ledger-location"
              value={location.id}
              onChange={(e) => {
                choose(e.target.value);
              }}
            >
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {location && (
        <p className="ledger-registrant small">
          <strong>{location.name}</strong>
          {location.address ? ` · ${location.address}` : ''} · DEA registration{' '}
          {location.deaRegistration ? (
            <span className="mono">{location.deaRegistration}</span>
          ) : (
            <span className="text-danger">not recorded</span>
          )}{' '}
          · Schedule III (ketamine)
        </p>
      )}
      <nav aria-label="Ledger" className="tabs">
        {TABS.filter((t) => t.permission === undefined || can[t.permission]).map((t) => (
          <NavLink key={t.to} to={t.to} end>
            {t.label}
          </NavLink>
        ))}
      </nav>
      {resource.error && !resource.data ? (
        <p className="banner banner-error" role="alert">
          Could not load the registered locations: {resource.error.detail}
        </p>
      ) : !location ? (
        <p className="list-status" role="status">
          {resource.isLoading ? 'Loading the ledger…' : 'This clinic has no registered location yet.'}
        </p>
      ) : (
        // Keyed by the location: a page's forms and loaded data belong to one location, so choosing another
        // starts the page afresh rather than carrying a half-filled form (or its defaults) across.
        <Outlet
          key={location.id}
          context={{ location, locations, reloadLocations: resource.reload } satisfies LedgerOutlet}
        />
      )}
    </section>
  );
}
