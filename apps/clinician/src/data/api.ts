/** The one API client of the app; the session provider subscribes to its "session expired" signal. */
import { createApiClient, type ApiError } from '@ketapath/api-client';

type ExpiredListener = (error: ApiError) => void;
const expiredListeners = new Set<ExpiredListener>();

export const api = createApiClient({
  onSessionExpired: (error) => {
    for (const listener of expiredListeners) listener(error);
  },
});

/** Subscribes to 401s answered inside a session; returns the unsubscribe function. */
export function subscribeSessionExpired(listener: ExpiredListener): () => void {
  expiredListeners.add(listener);
  return () => {
    expiredListeners.delete(listener);
  };
}
