/**
 * The ledger rules' findings in a compact list that leaves room for the stock: severity, title and message
 * on one line, the sections cited beside it (§9 · S27), the full citations and thresholds one click away,
 * and a link to the clinic setting a rule is waiting for.
 */
import { Link } from 'react-router';
import type { FindingDto } from '@ketapath/api-client';
import { CitationList, formatSettingValue, SeverityChip } from '../rules/rule-labels';

const SEVERITY_ORDER: Readonly<Record<string, number>> = { block: 0, 'needs-ack': 1, warn: 2, info: 3 };

export function LedgerFindings({ findings }: { findings: readonly FindingDto[] }) {
  const sorted = [...findings].sort(
    (a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9),
  );
  return (
    <ul className="finding-list ledger-findings">
      {sorted.map((f, i) => {
        const refs = [...new Set(f.citations.map((c) => `${c.section} · ${c.source}`))];
        return (
          <li key={`${f.ruleId}-${i}`} className={`finding finding-${f.severity}`} data-rule={f.ruleId}>
            <div className="ledger-finding-line">
              <SeverityChip severity={f.severity} />
              <strong>{f.title}</strong>
              <span>{f.message}</span>
              {refs.length > 0 && <span className="citation-ref small muted">({refs.join('; ')})</span>}
            </div>
            {f.unconfigured && f.unconfigured.length > 0 && (
              <p className="small">
                Needs a clinic value:{' '}
                {f.unconfigured.map((id, n) => (
                  <span key={id}>
                    {n > 0 && ', '}
                    <Link to={`/settings/clinical#setting-${id}`} className="mono">
                      {id}
                    </Link>
                  </span>
                ))}
              </p>
            )}
            <details className="finding-detail">
              <summary>Sources{f.parameters.length > 0 ? ' and thresholds' : ''}</summary>
              {f.parameters.length > 0 && (
                <ul className="threshold-list">
                  {f.parameters.map((p) => (
                    <li key={p.id}>
                      {p.label}: <strong>{formatSettingValue(p.value, p.unit)}</strong>{' '}
                      <span className="muted">({p.basis})</span>
                    </li>
                  ))}
                </ul>
              )}
              <CitationList citations={f.citations} />
              <p className="mono small muted">
                {f.ruleId} v{f.ruleVersion}
              </p>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
