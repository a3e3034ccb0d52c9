/**
 * A small SVG line-chart renderer (no dependency): lines, shaded bands, axes with "nice" ticks, axis labels
 * with units, and a legend. Used by `ketapath simulate --svg`; pure string building, so it is unit-tested.
 */

export interface ChartLine {
  readonly label: string;
  readonly color: string;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** SVG stroke-dasharray, e.g. "6 4". */
  readonly dash?: string;
}

export interface ChartBand {
  readonly label: string;
  readonly color: string;
  readonly xs: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface LineChart {
  readonly title: string;
  /** Axis titles with their units, e.g. "Time (h)" and "Plasma concentration (ng/mL)". */
  readonly xLabel: string;
  readonly yLabel: string;
  readonly lines: readonly ChartLine[];
  readonly bands?: readonly ChartBand[];
  readonly widthPx?: number;
  readonly heightPx?: number;
}

/**
 * Ticks at 1, 2 or 5 × 10^k within [min, max], about `target` of them; with `cover`, one more tick past max
 * when max is not on a tick (so a y axis ends on a labelled value above the data).
 */
export function niceTicks(min: number, max: number, target = 6, cover = false): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const last = cover ? Math.ceil(max / step - 1e-9) : Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const coordinate = (v: number) => (Math.round(v * 100) / 100).toString();

function tickLabel(v: number): string {
  return String(Number(v.toPrecision(6)));
}

export function renderLineChart(chart: LineChart): string {
  const width = chart.widthPx ?? 800;
  const height = chart.heightPx ?? 480;
  const margin = { left: 80, right: 24, top: 48, bottom: 64 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const bands = chart.bands ?? [];
  const allX = [...chart.lines.flatMap((l) => l.xs), ...bands.flatMap((b) => b.xs)].filter(Number.isFinite);
  const allY = [...chart.lines.flatMap((l) => l.ys), ...bands.flatMap((b) => b.upper)].filter(Number.isFinite);
  const xMin = allX.length > 0 ? Math.min(...allX) : 0;
  const xMaxRaw = allX.length > 0 ? Math.max(...allX) : 1;
  const xMax = xMaxRaw > xMin ? xMaxRaw : xMin + 1;
  const yTop = allY.length > 0 ? Math.max(...allY) : 1;
  const yTicks = niceTicks(0, yTop > 0 ? yTop : 1, 6, true);
  const yMax = Math.max(yTicks[yTicks.length - 1] ?? 1, yTop > 0 ? yTop : 1);
  const xTicks = niceTicks(xMin, xMax, 8);
  const sx = (x: number) => margin.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number) => margin.top + plotH - (y / yMax) * plotH;

  const parts: string[] = [];
  parts.push('<?xml version="1.0" encoding="UTF-8"?>');
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="chart-title">`,
  );
  parts.push(`<title id="chart-title">${escapeXml(chart.title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`);
  // Grid and ticks.
  parts.push('<g class="grid" stroke="#e5e7eb" stroke-width="1">');
  for (const t of yTicks) parts.push(`<line x1="${margin.left}" y1="${coordinate(sy(t))}" x2="${margin.left + plotW}" y2="${coordinate(sy(t))}"/>`);
  for (const t of xTicks) parts.push(`<line x1="${coordinate(sx(t))}" y1="${margin.top}" x2="${coordinate(sx(t))}" y2="${margin.top + plotH}"/>`);
  parts.push('</g>');
  parts.push('<g class="y-ticks" text-anchor="end">');
  for (const t of yTicks) parts.push(`<text x="${margin.left - 8}" y="${coordinate(sy(t) + 4)}">${tickLabel(t)}</text>`);
  parts.push('</g>');
  parts.push('<g class="x-ticks" text-anchor="middle">');
  for (const t of xTicks) parts.push(`<text x="${coordinate(sx(t))}" y="${margin.top + plotH + 18}">${tickLabel(t)}</text>`);
  parts.push('</g>');
  // Bands under lines.
  for (const b of bands) {
    const upper: string[] = [];
    const lower: string[] = [];
    b.xs.forEach((x, i) => {
      const hi = b.upper[i];
      const lo = b.lower[i];
      if (!Number.isFinite(x) || hi === undefined || lo === undefined || !Number.isFinite(hi) || !Number.isFinite(lo)) return;
      upper.push(`${coordinate(sx(x))},${coordinate(sy(hi))}`);
      lower.push(`${coordinate(sx(x))},${coordinate(sy(lo))}`);
    });
    if (upper.length > 0) parts.push(`<polygon class="band" points="${[...upper, ...lower.reverse()].join(' ')}" fill="${b.color}" fill-opacity="0.2" stroke="none"/>`);
  }
  for (const l of chart.lines) {
    const points: string[] = [];
    l.xs.forEach((x, i) => {
      const y = l.ys[i];
      if (Number.isFinite(x) && y !== undefined && Number.isFinite(y)) points.push(`${coordinate(sx(x))},${coordinate(sy(y))}`);
    });
    if (points.length > 0) {
      parts.push(`<polyline class="line" points="${points.join(' ')}" fill="none" stroke="${l.color}" stroke-width="2"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/>`);
    }
  }
  // Axes and their titles.
  parts.push(`<line x1="${margin.left}" y1="${margin.top + plotH}" x2="${margin.left + plotW}" y2="${margin.top + plotH}" stroke="#111827"/>`);
  parts.push(`<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotH}" stroke="#111827"/>`);
  parts.push(`<text class="x-label" x="${margin.left + plotW / 2}" y="${height - 16}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`);
  parts.push(
    `<text class="y-label" x="0" y="0" transform="translate(20 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  // Legend, top right inside the plot.
  const entries = [...chart.lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash, band: false })), ...bands.map((b) => ({ label: b.label, color: b.color, dash: undefined, band: true }))];
  const legendW = 16 + 7 * Math.max(0, ...entries.map((e) => e.label.length)) + 40;
  const legendX = margin.left + plotW - legendW - 8;
  parts.push(`<g class="legend"><rect x="${legendX}" y="${margin.top + 8}" width="${legendW}" height="${entries.length * 20 + 8}" fill="#ffffff" fill-opacity="0.85" stroke="#d1d5db"/>`);
  entries.forEach((e, i) => {
    const y = margin.top + 24 + i * 20;
    parts.push(
      e.band
        ? `<rect x="${legendX + 8}" y="${y - 6}" width="24" height="10" fill="${e.color}" fill-opacity="0.2"/>`
        : `<line x1="${legendX + 8}" y1="${y - 1}" x2="${legendX + 32}" y2="${y - 1}" stroke="${e.color}" stroke-width="2"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}/>`,
    );
    parts.push(`<text x="${legendX + 40}" y="${y + 3}">${escapeXml(e.label)}</text>`);
  });
  parts.push('</g>');
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
