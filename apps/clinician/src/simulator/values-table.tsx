/** The curves as a table, for people who would rather read than look: one row per time step, units exact. */
import type { AnalyteBands } from '@ketapath/pharmacology';
import { formatHours, formatSignificant, minToH } from './display-units';

const ROW_STEPS_MIN: readonly number[] = [15, 30, 60, 120, 240, 360, 720, 1440];
const MAX_ROWS = 60;

interface TableSeries {
  readonly label: string;
  readonly ngPerMl: readonly number[];
  readonly bands: AnalyteBands | null;
}

function band(bands: AnalyteBands | null, p: number, i: number): number | undefined {
  return bands?.percentiles.find((x) => x.percentile === p)?.ngPerMl[i];
}

export function ValuesTable({ timesMin, series }: { timesMin: readonly number[]; series: readonly TableSeries[] }) {
  const untilMin = timesMin[timesMin.length - 1] ?? 0;
  const rowStep = ROW_STEPS_MIN.find((s) => untilMin / s <= MAX_ROWS) ?? 1440;
  const indices = timesMin.flatMap((t, i) => (Math.abs(t / rowStep - Math.round(t / rowStep)) < 1e-9 ? [i] : []));
  return (
    <div className="table-scroll values-table-wrap">
      <table className="data-table values-table">
        <caption>
          Plasma concentration every {formatHours(rowStep)}; typical patient, and the population 5th–95th percentile where
          the model has variability
        </caption>
        <thead>
          <tr>
            <th scope="col">Time (h)</th>
            {series.map((s) => (
              <th key={s.label} scope="col" className="num">
                {s.label} (ng/mL)
              </th>
            ))}
            {series
              .filter((s) => s.bands)
              .map((s) => (
                <th key={`${s.label}-band`} scope="col" className="num">
                  {s.label} 5th–95th percentile (ng/mL)
                </th>
              ))}
          </tr>
        </thead>
        <tbody>
          {indices.map((i) => (
            <tr key={i}>
              <th scope="row" className="num">
                {minToH(timesMin[i] ?? 0).toLocaleString(undefined, { maximumFractionDigits: 2 })}
              </th>
              {series.map((s) => (
                <td key={s.label} className="num">
                  {formatSignificant(s.ngPerMl[i] ?? NaN)}
                </td>
              ))}
              {series
                .filter((s) => s.bands)
                .map((s) => (
                  <td key={`${s.label}-band`} className="num">
                    {formatSignificant(band(s.bands, 5, i) ?? NaN)}–{formatSignificant(band(s.bands, 95, i) ?? NaN)}
                  </td>
                ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
