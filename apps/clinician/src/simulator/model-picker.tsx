/**
 * Choosing a published PK model: a select that names each model's drug, population and grade, the chosen
 * model's card (routes, validity ranges, citation, standing caveats) and a table comparing every model.
 */
import type { ModelListing, Route } from '@ketapath/pharmacology';
import { ROUTE_LABELS } from './regimen-rows';

export const DRUG_LABELS: Readonly<Record<ModelListing['drug'], string>> = {
  'racemic-ketamine': 'racemic ketamine',
  esketamine: 'esketamine',
};

export const GRADE_LABELS: Readonly<Record<ModelListing['grade'], string>> = {
  A: 'A: traced to the paper’s tables',
  B: 'B: read from an open-source implementation only',
  C: 'C: summary statistics only',
};

function routesText(routes: readonly Route[], studied: readonly Route[]): string {
  return routes
    .map((r) => (studied.includes(r) ? ROUTE_LABELS[r] : `${ROUTE_LABELS[r]} (extrapolated)`))
    .join(', ');
}

export function validityText(m: ModelListing): string {
  const parts = [`population: ${m.validity.population}`];
  parts.push(m.validity.ageYears ? `age ${m.validity.ageYears[0]}–${m.validity.ageYears[1]} y` : 'age range not published');
  parts.push(m.validity.weightKg ? `weight ${m.validity.weightKg[0]}–${m.validity.weightKg[1]} kg` : 'weight range not published');
  return parts.join('; ');
}

function citationText(m: ModelListing): string {
  const c = m.citation;
  return `${c.authors} (${c.year}). ${c.title}. ${c.journal}.`;
}

function shortName(m: ModelListing): string {
  return m.title.split(':')[0] ?? m.id;
}

export function ModelPicker({
  models,
  modelId,
  onChange,
}: {
  models: readonly ModelListing[];
  modelId: string;
  onChange: (modelId: string) => void;
}) {
  const chosen = models.find((m) => m.id === modelId);
  return (
    <fieldset className="sim-section">
      <legend>Model</legend>
      <div className="field">
        <label htmlFor="field-modelId">Published PK model</label>
        <select
          id="field-modelId"
          name="modelId"
          value={modelId}
          aria-describedby="model-card"
          onChange={(e) => {
            onChange(e.target.value);
          }}
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {shortName(m)} · {DRUG_LABELS[m.drug]} · grade {m.grade}
            </option>
          ))}
        </select>
      </div>
      {chosen && (
        <div id="model-card" className="model-card">
          <p className="model-title">{chosen.title}</p>
          <dl className="detail-list compact">
            <dt>Drug</dt>
            <dd>
              {DRUG_LABELS[chosen.drug]}; predicts {chosen.analytes.parent}
              {chosen.analytes.metabolite ? ` and ${chosen.analytes.metabolite}` : ' only (no metabolite)'}
            </dd>
            <dt>Population</dt>
            <dd>{chosen.population}</dd>
            <dt>Evidence grade</dt>
            <dd>
              <span className={`grade grade-${chosen.grade}`}>{GRADE_LABELS[chosen.grade]}</span>
              <span className="muted small"> {chosen.gradeNote}</span>
            </dd>
            <dt>Routes</dt>
            <dd>{routesText(chosen.routes, chosen.studiedRoutes)}</dd>
            <dt>Validity</dt>
            <dd>
              {validityText(chosen)} <span className="muted small">({chosen.validity.source})</span>
            </dd>
            <dt>Variability</dt>
            <dd>{chosen.hasPublishedIiv ? 'published inter-individual variability (population band shown)' : 'none published (no population band)'}</dd>
            <dt>Source</dt>
            <dd>
              {citationText(chosen)}{' '}
              {chosen.citation.doi && (
                <a href={`https://doi.org/${chosen.citation.doi}`} target="_blank" rel="noreferrer">
                  doi:{chosen.citation.doi}
                </a>
              )}{' '}
              <span className="muted small">
                ({chosen.citation.locator}; MODELS.md {chosen.citation.modelsMdSection})
              </span>
            </dd>
          </dl>
        </div>
      )}
      <details className="model-compare">
        <summary>Compare all {models.length} models</summary>
        <div className="table-scroll">
          <table className="data-table">
            <caption>Published models available to the simulator</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Drug</th>
                <th scope="col">Population</th>
                <th scope="col">Grade</th>
                <th scope="col">Routes</th>
                <th scope="col">Validity</th>
                <th scope="col">Citation</th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.id} aria-current={m.id === modelId ? 'true' : undefined}>
                  <th scope="row">{shortName(m)}</th>
                  <td>{DRUG_LABELS[m.drug]}</td>
                  <td>{m.population}</td>
                  <td>{m.grade}</td>
                  <td>{routesText(m.routes, m.studiedRoutes)}</td>
                  <td>{validityText(m)}</td>
                  <td>
                    {m.citation.doi ? `doi:${m.citation.doi}` : m.citation.journal} ({m.citation.year}; MODELS.md{' '}
                    {m.citation.modelsMdSection})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </fieldset>
  );
}
