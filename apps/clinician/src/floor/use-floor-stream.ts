/**
 * The floor board live: an EventSource on /api/floor/stream gives the whole board (`snapshot`) and then one
 * `chair` per change. The browser reconnects by itself after a drop (and the server sends a fresh snapshot);
 * when the stream is refused outright it is opened again after a pause.
 */
import { useEffect, useState } from 'react';
import { parseFloorChair, parseFloorSnapshot, type FloorChair } from '@ketapath/api-client';
import { sessionsApi } from '../sessions/sessions-api';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/** A chair with the time it arrived, so elapsed and remaining can run on between events. */
export interface ReceivedChair {
  chair: FloorChair;
  receivedAt: number;
}

const REOPEN_AFTER_MS = 5_000;

export function useFloorStream(): {
  chairs: ReceivedChair[];
  status: StreamStatus;
  lastEventAt: number | null;
} {
  const [chairs, setChairs] = useState<Map<string, ReceivedChair>>(new Map());
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [lastEventAt, setLastEventAt] = useState<number | null>(null);

  useEffect(() => {
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let isClosed = false;

    function open() {
      source = new EventSource(sessionsApi.floorStreamUrl(), { withCredentials: true });
      source.addEventListener('open', () => {
        setStatus('live');
      });
      source.addEventListener('snapshot', (event) => {
        const list = parseFloorSnapshot((event as MessageEvent<string>).data);
        if (list === null) return;
        const at = Date.now();
        setChairs(new Map(list.map((chair) => [chair.sessionId, { chair, receivedAt: at }])));
        setStatus('live');
        setLastEventAt(at);
      });
      source.addEventListener('chair', (event) => {
        const chair = parseFloorChair((event as MessageEvent<string>).data);
        if (chair === null) return;
        const at = Date.now();
        setChairs((current) => new Map(current).set(chair.sessionId, { chair, receivedAt: at }));
        setLastEventAt(at);
      });
      source.addEventListener('error', () => {
        setStatus('reconnecting');
        if (source?.readyState === EventSource.CLOSED && !isClosed) {
          reopenTimer = setTimeout(open, REOPEN_AFTER_MS);
        }
      });
    }

    open();
    return () => {
      isClosed = true;
      clearTimeout(reopenTimer);
      source?.close();
    };
  }, []);

  return { chairs: [...chairs.values()], status, lastEventAt };
}
