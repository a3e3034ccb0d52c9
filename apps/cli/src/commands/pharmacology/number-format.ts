/**
 * Number formatting for `ketapath simulate` and `ketapath tci`: exact (shortest round-trip) for csv and json,
 * rounded and aligned for the human table.
 */

/** Shortest text that parses back to the same double (`String(x)`); what csv output uses. */
export function formatExact(x: number): string {
  return String(x);
}

/**
 * About `significant` significant digits without exponent notation in the usual range (0.001 to 1e6), so a
 * column of concentrations reads at a glance: 1234.5 → "1235", 0.012345 → "0.01235", 0 → "0".
 */
export function formatSignificant(x: number, significant = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  // Round first, then pick the decimals from the rounded value (999.95 rounds to 1000, not "1000.0").
  const rounded = Number(x.toPrecision(significant));
  const abs = Math.abs(rounded);
  if (abs >= 1e6 || abs < 1e-3) return rounded.toExponential(significant - 1);
  return rounded.toFixed(Math.max(0, significant - 1 - Math.floor(Math.log10(abs))));
}

/** A time in minutes for a table: up to six decimals, trailing zeros dropped (0.1 + 0.2 → "0.3"). */
export function formatMinutes(t: number): string {
  return String(Number(t.toFixed(6)));
}

/**
 * Aligns rows under headers: text columns left, number columns right, two spaces between columns.
 * `numeric[i]` says whether column i is numbers.
 */
export function alignTable(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] === true ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
