/**
 * Who is signed in. Checks the server session once at start (a reload keeps you signed in), signs in and
 * out, and drops to the sign-in page with a message when the API reports the session has ended.
 */
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginBody, Permission, SessionInfo } from '@ketapath/core';
import { api, subscribeSessionExpired } from '../data/api';

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; session: SessionInfo };

interface SessionContextValue {
  state: SessionState;
  signIn: (body: LoginBody) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });

  useEffect(() => {
    let isCancelled = false;
    api.getSession().then(
      (session) => {
        if (!isCancelled) setState({ status: 'signed-in', session });
      },
      () => {
        if (!isCancelled) setState({ status: 'signed-out', notice: null });
      },
    );
    const unsubscribe = subscribeSessionExpired(() => {
      setState({ status: 'signed-out', notice: 'Your session has ended. Sign in again to continue.' });
    });
    return () => {
      isCancelled = true;
      unsubscribe();
    };
  }, []);

  const signIn = useCallback(async (body: LoginBody) => {
    const session = await api.login(body);
    setState({ status: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'signed-out', notice: 'You have signed out.' });
    }
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSessionState(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSessionState must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for components rendered inside the signed-in app. */
export function useSession(): SessionInfo {
  const { state } = useSessionState();
  if (state.status !== 'signed-in') throw new Error('useSession needs a signed-in session');
  return state.session;
}

/** Whether the signed-in user's role grants `permission` (the server decides; this only hides what would fail). */
export function useCan(permission: Permission): boolean {
  return useSession().user.permissions.includes(permission);
}
