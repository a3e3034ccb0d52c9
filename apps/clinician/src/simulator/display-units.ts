/** How the simulator writes concentrations, exposures and times: explicit conversions, units always shown. */

const MIN_PER_H = 60;

/** AUC from ng·min/mL (what the library returns) to ng·h/mL (what the page shows). */
export function ngMinPerMlToNgHPerMl(aucNgMinPerMl: number): number {
  return aucNgMinPerMl / MIN_PER_H;
}

export function minToH(min: number): number {
  return min / MIN_PER_H;
}

/** Three significant figures without exponent noise: 0.0123, 1.23, 123, 1230. */
export function formatSignificant(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return value.toLocaleString(undefined, { maximumFractionDigits: Math.min(digits, 4), minimumFractionDigits: 0 });
}

export function formatNgPerMl(value: number): string {
  return `${formatSignificant(value)} ng/mL`;
}

export function formatNgHPerMl(aucNgMinPerMl: number): string {
  return `${formatSignificant(ngMinPerMlToNgHPerMl(aucNgMinPerMl))} ng·h/mL`;
}

/** A duration in minutes as "3 h 05 min" (or "45 min"), rounded to the minute. */
export function formatDurationMin(min: number): string {
  const total = Math.round(min);
  const h = Math.floor(total / MIN_PER_H);
  const m = total % MIN_PER_H;
  if (h === 0) return `${m} min`;
  return `${h} h ${String(m).padStart(2, '0')} min`;
}

/** Hours with up to two decimals, for axis ticks and table rows: "1.5 h". */
export function formatHours(min: number): string {
  return `${minToH(min).toLocaleString(undefined, { maximumFractionDigits: 2 })} h`;
}
