/**
 * Loads one thing from the API for a component: re-runs when `key` changes, aborts the stale request, and
 * keeps showing the previous data while the next arrives (so a live search does not flicker).
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '@ketapath/api-client';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True until the answer for the current key (and reload) has arrived. */
  isLoading: boolean;
  reload: () => void;
}

interface Loaded<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ status: 0, code: 'CLIENT_ERROR', detail: error instanceof Error ? error.message : 'Something went wrong.' });
}

/** `key` null means "nothing to load yet". */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [generation, setGeneration] = useState(0);
  const runLoad = useEffectEvent((signal: AbortSignal) => load(signal));
  const fullKey = key === null ? null : `${key}#${generation}`;

  useEffect(() => {
    if (fullKey === null) return;
    const controller = new AbortController();
    runLoad(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ key: fullKey, data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded((prev) => ({ key: fullKey, error: asApiError(error), ...(prev?.data === undefined ? {} : { data: prev.data }) }));
      },
    );
    return () => {
      controller.abort();
    };
  }, [fullKey]);

  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  const isCurrent = loaded !== null && loaded.key === fullKey;
  return {
    data: loaded?.data,
    error: isCurrent ? loaded.error : undefined,
    isLoading: fullKey !== null && !isCurrent,
    reload,
  };
}
