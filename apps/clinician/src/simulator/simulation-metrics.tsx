/** Cmax, Tmax, AUC over the shown period and time above the threshold, for the parent drug and metabolite. */
import type { AnalyteSummary } from '@ketapath/pharmacology';
import { formatDurationMin, formatHours, formatNgHPerMl, formatNgPerMl } from './display-units';

interface AnalyteColumn {
  readonly label: string;
  readonly summary: AnalyteSummary;
}

export function SimulationMetrics({
  parent,
  metabolite,
  thresholdNgPerMl,
}: {
  parent: AnalyteColumn;
  metabolite: AnalyteColumn | null;
  thresholdNgPerMl: number | null;
}) {
  const columns = metabolite ? [parent, metabolite] : [parent];
  const from = formatHours(parent.summary.aucFromMin);
  const to = formatHours(parent.summary.aucToMin);
  const rows: Array<{ key: string; label: string; cell: (s: AnalyteSummary) => string }> = [
    { key: 'cmax', label: 'Cmax (peak concentration)', cell: (s) => formatNgPerMl(s.cmaxNgPerMl) },
    { key: 'tmax', label: 'Tmax (time of the peak, from the first dose)', cell: (s) => `${formatDurationMin(s.tmaxMin)} (${formatHours(s.tmaxMin)})` },
    { key: 'auc', label: `AUC from ${from} to ${to}`, cell: (s) => formatNgHPerMl(s.aucNgMinPerMl) },
  ];
  if (thresholdNgPerMl !== null) {
    rows.push({
      key: 'above',
      label: `Time above ${formatNgPerMl(thresholdNgPerMl)} (from ${from} to ${to})`,
      cell: (s) => (s.timeAboveThresholdMin === undefined ? '—' : formatDurationMin(s.timeAboveThresholdMin)),
    });
  }
  return (
    <table className="data-table metrics-table">
      <caption>Typical patient: summary over the period shown</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          {columns.map((c) => (
            <th key={c.label} scope="col" className="num">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {columns.map((c, i) => (
              <td key={c.label} className="num" data-metric={`${r.key}-${i === 0 ? 'parent' : 'metabolite'}`}>
                {r.cell(c.summary)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
