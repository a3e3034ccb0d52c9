/** The model's validity warnings for this patient and regimen, code and message, always shown in full. */
import type { PkWarning } from '@ketapath/pharmacology';

export function SimulationWarnings({ warnings, assumptions }: { warnings: readonly PkWarning[]; assumptions: readonly string[] }) {
  const cautions = warnings.filter((w) => w.severity === 'caution');
  const infos = warnings.filter((w) => w.severity !== 'caution');
  const cautionCount = cautions.length + assumptions.length;
  return (
    <section className="sim-warnings" aria-labelledby="warnings-heading">
      <h2 id="warnings-heading">
        Model warnings for this patient and regimen{' '}
        <span className="muted small">
          ({cautionCount} caution{cautionCount === 1 ? '' : 's'}, {infos.length} note{infos.length === 1 ? '' : 's'})
        </span>
      </h2>
      <div aria-live="polite">
        {warnings.length + assumptions.length === 0 ? (
          <p className="muted">None: the patient and regimen are inside everything this model reports as studied.</p>
        ) : (
          <ul className="warning-list">
            {[...cautions, ...infos].map((w, i) => (
              <li key={`${w.code}-${w.detail ?? ''}-${i}`} className={`warning warning-${w.severity}`} data-code={w.code}>
                <span className="warning-severity">{w.severity === 'caution' ? '⚠ Caution' : 'ℹ Note'}</span>{' '}
                <code className="warning-code">
                  {w.code}
                  {w.detail ? `: ${w.detail}` : ''}
                </code>{' '}
                <span className="warning-message">{w.message}</span>
              </li>
            ))}
            {assumptions.map((a) => (
              <li key={a} className="warning warning-caution" data-code="population-assumption">
                <span className="warning-severity">⚠ Assumption</span> <span className="warning-message">{a}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
