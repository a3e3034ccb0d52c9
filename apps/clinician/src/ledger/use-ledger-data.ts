/**
 * What several ledger screens read: the clinic's registered locations (the one chosen is remembered in this
 * browser), the clinic's ledger settings (expiry warning days, waste witness, destruction witnesses), and
 * the names of the staff the ledger's entries point to.
 */
import { useState } from 'react';
import type { ClinicalSetting, LedgerLocation, LedgerPerson } from '@ketapath/api-client';
import { api } from '../data/api';
import { todayIso } from '../data/dates';
import { useResource, type Resource } from '../data/use-resource';
import { useCan, useSession } from '../session/session-context';
import { sessionsApi } from '../sessions/sessions-api';
import { ledgerApi } from './ledger-api';
import { personName } from './ledger-labels';

const CHOSEN_KEY = 'ketapath.ledger.location';

function readChosen(): string | null {
  try {
    return window.localStorage.getItem(CHOSEN_KEY);
  } catch {
    return null;
  }
}

export interface LedgerLocations {
  resource: Resource<LedgerLocation[]>;
  locations: LedgerLocation[];
  /** The chosen location, else the first; undefined while loading or when the clinic has none. */
  location: LedgerLocation | undefined;
  choose: (locationId: string) => void;
}

export function useLedgerLocations(): LedgerLocations {
  const resource = useResource('ledger-locations', (signal) => ledgerApi.listLocations({ signal }));
  const [chosen, setChosen] = useState<string | null>(readChosen);
  const locations = resource.data ?? [];
  const location = locations.find((l) => l.id === chosen) ?? locations[0];
  return {
    resource,
    locations,
    location,
    choose: (locationId) => {
      setChosen(locationId);
      try {
        window.localStorage.setItem(CHOSEN_KEY, locationId);
      } catch {
        // Storage disabled: the choice holds for this page.
      }
    },
  };
}

/** The ledger area's settings by id (value null: not set and no default). */
export interface LedgerSettings {
  isLoaded: boolean;
  /** undefined when this role cannot read the settings or they did not load. */
  get: (id: string) => ClinicalSetting | undefined;
}

export function useLedgerSettings(): LedgerSettings {
  const resource = useResource('clinical-settings', (signal) => api.listClinicalSettings({ signal }));
  const byId = new Map((resource.data ?? []).map((s) => [s.id, s]));
  return { isLoaded: resource.data !== undefined, get: (id) => byId.get(id) };
}

/** A number setting's value, or null when unset (or not a number). */
export function numberSetting(settings: LedgerSettings, id: string): number | null {
  const value = settings.get(id)?.value;
  return typeof value === 'number' ? value : null;
}

/**
 * Names for the user ids the ledger stores (recordedBy, witnesses, note authors): "you", the staff list's
 * display name where this role may read it, else a short id.
 */
export function useStaffNames(): (person: string | LedgerPerson | null | undefined) => string {
  const me = useSession().user;
  const canReadUsers = useCan('user:read');
  const canReadSchedule = useCan('schedule:read');
  // The staff list where the role may read it; otherwise today's schedule names its nurses and physicians,
  // who are the people that draw, waste and witness.
  const users = useResource(canReadUsers ? 'users' : null, (signal) => api.listUsers({ signal }));
  const schedule = useResource(!canReadUsers && canReadSchedule ? 'schedule-staff' : null, (signal) =>
    sessionsApi.getSchedule(todayIso(), { signal }),
  );
  const byId = new Map<string, string>([
    ...(users.data ?? []).map((u): [string, string] => [u.id, u.displayName || u.email]),
    ...(schedule.data?.nurses ?? []).map((n): [string, string] => [n.id, n.displayName]),
  ]);
  return (person) => {
    if (typeof person !== 'string') return personName(person);
    if (person === me.id) return `${me.displayName} (you)`;
    return byId.get(person) ?? `staff ${person.slice(0, 8)}`;
  };
}
