/** The current time, refreshed every `everyMs` (elapsed and remaining times on the chart and the board). */
import { useEffect, useState } from 'react';

export function useNow(everyMs = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(new Date());
    }, everyMs);
    return () => {
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}
