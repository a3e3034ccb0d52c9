/**
 * Percentile bands for the current request, computed in a worker. A new request terminates the run in
 * flight (its answer would be stale) and starts a fresh worker.
 */
import { useEffect, useState } from 'react';
import type { PopulationBands, PopulationJob, PopulationMessage } from './population-messages';

export type PopulationState =
  | { readonly status: 'off' }
  | { readonly status: 'running'; readonly fraction: number }
  | { readonly status: 'done'; readonly bands: PopulationBands }
  | { readonly status: 'error'; readonly message: string };

interface Report {
  readonly key: string;
  readonly message: PopulationMessage;
}

/** `requestJson`: the request as a JSON string (also the identity of the run), or null for no band. */
export function usePopulationBands(requestJson: string | null): PopulationState {
  const [report, setReport] = useState<Report | null>(null);

  useEffect(() => {
    if (requestJson === null) return;
    const worker = new Worker(new URL('./population.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<PopulationMessage>) => {
      setReport({ key: requestJson, message: event.data });
    });
    worker.addEventListener('error', (event) => {
      setReport({ key: requestJson, message: { kind: 'error', message: event.message || 'The population worker failed.' } });
    });
    const job: PopulationJob = { request: JSON.parse(requestJson) as Record<string, unknown> };
    worker.postMessage(job);
    return () => {
      worker.terminate();
    };
  }, [requestJson]);

  if (requestJson === null) return { status: 'off' };
  if (report === null || report.key !== requestJson) return { status: 'running', fraction: 0 };
  const m = report.message;
  switch (m.kind) {
    case 'progress':
      return { status: 'running', fraction: m.fraction };
    case 'result':
      return { status: 'done', bands: m.bands };
    case 'error':
      return { status: 'error', message: m.message };
  }
}
