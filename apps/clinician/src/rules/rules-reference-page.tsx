/**
 * The rules reference: every rule the engine runs, with its id and version, area, severity, what it checks,
 * the parameters it reads with the value in force for this clinic, and its citations to the clinical
 * reference. Filter by area and text (`/` focuses the text box); the filter lives in the URL so a link can
 * point at one rule.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type {
  ClinicalSetting,
  ParameterDescriptor,
  RuleDescriptor,
  SettingValue,
} from '@ketapath/api-client';
import { api } from '../data/api';
import { useResource } from '../data/use-resource';
import { useDocumentTitle } from '../shell/use-document-title';
import { useCan } from '../session/session-context';
import {
  AREA_LABELS,
  AREAS,
  CitationList,
  EvidenceChip,
  formatSettingValue,
  SeverityChip,
} from './rule-labels';
import { useSlashFocus } from './use-slash-focus';

const FILTER_DELAY_MS = 200;

/** A parameter with the value this clinic runs with; from the settings when the role may read them. */
interface ParameterInForce {
  descriptor: ParameterDescriptor;
  value: SettingValue | null;
  origin: 'default' | 'clinic';
}

function matches(
  rule: RuleDescriptor,
  parameters: ReadonlyMap<string, ParameterInForce>,
  q: string,
): boolean {
  if (!q) return true;
  const text = [
    rule.id,
    rule.title,
    rule.description,
    rule.severity,
    ...rule.parameters.flatMap((id) => [id, parameters.get(id)?.descriptor.label ?? '']),
    ...rule.citations.flatMap((c) => [c.section, c.source, c.sectionTitle ?? '']),
  ]
    .join(' ')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

export function RulesReferencePage() {
  useDocumentTitle('Rules reference');
  const canReadSettings = useCan('settings:read');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const area = AREAS.find((a) => a === params.get('area'));
  const [text, setText] = useState(q);
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);

  const catalogue = useResource('rules', (signal) => api.getRules({ signal }));
  const settings = useResource(canReadSettings ? 'clinical-settings' : null, (signal) =>
    api.listClinicalSettings({ signal }),
  );

  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => {
      const next = new URLSearchParams(params);
      if (text.trim()) next.set('q', text.trim());
      else next.delete('q');
      setParams(next, { replace: true });
    }, FILTER_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [text, q, params, setParams]);

  const parameters = useMemo(() => {
    const bySetting = new Map<string, ClinicalSetting>((settings.data ?? []).map((s) => [s.id, s]));
    return new Map<string, ParameterInForce>(
      (catalogue.data?.parameters ?? []).map((p) => {
        const s = bySetting.get(p.id);
        return [p.id, { descriptor: p, value: s ? s.value : p.default, origin: s ? s.origin : 'default' }];
      }),
    );
  }, [catalogue.data, settings.data]);

  const rules = catalogue.data?.rules ?? [];
  // A rule id (as the settings page links to) shows that rule alone, not others whose ids start alike.
  const exact = rules.find((r) => r.id === q.trim());
  const shown = rules.filter(
    (r) => (area === undefined || r.area === area) && (exact ? r === exact : matches(r, parameters, q)),
  );

  function setArea(next: string) {
    const p = new URLSearchParams(params);
    if (next) p.set('area', next);
    else p.delete('area');
    setParams(p, { replace: true });
  }

  return (
    <section className="list-page rules-page">
      <div className="page-head">
        <h1>Rules reference</h1>
        {canReadSettings && (
          <Link to="/settings/clinical" className="button">
            Clinical settings
          </Link>
        )}
      </div>
      <p className="page-intro">
        The checks Ketapath runs on intake, orders, sessions and discharge. Each rule supports the clinician’s
        judgement: it informs, warns, asks for an acknowledgement or blocks, and names the thresholds it used
        and their source in the clinical reference.
        {!canReadSettings && ' Values shown are the defaults; this clinic may have set its own.'}
      </p>
      <div className="filters rules-filters" role="search">
        <div className="field">
          <label htmlFor="rules-area">Area</label>
          <select
            id="rules-area"
            value={area ?? ''}
            onChange={(e) => {
              setArea(e.target.value);
            }}
          >
            <option value="">All areas</option>
            {AREAS.map((a) => (
              <option key={a} value={a}>
                {AREA_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor="rules-filter">Filter rules</label>
          <input
            ref={searchRef}
            id="rules-filter"
            type="search"
            value={text}
            placeholder="Id, title, parameter or section (e.g. blood pressure, §4.2)"
            aria-describedby="rules-filter-hint"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setText('');
            }}
          />
          <p id="rules-filter-hint" className="field-hint">
            Press <kbd>/</kbd> to filter.
          </p>
        </div>
      </div>
      <p className="list-status" role="status" aria-live="polite">
        {catalogue.isLoading && !catalogue.data
          ? 'Loading the rules…'
          : `${shown.length} of ${rules.length} rule${rules.length === 1 ? '' : 's'} shown`}
      </p>
      {catalogue.error && (
        <p className="banner banner-error" role="alert">
          {catalogue.error.detail}{' '}
          <button type="button" className="button button-quiet" onClick={catalogue.reload}>
            Try again
          </button>
        </p>
      )}
      <ol className="rule-list">
        {shown.map((r) => (
          <li key={r.id}>
            <RuleCard rule={r} parameters={parameters} canReadSettings={canReadSettings} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function RuleCard({
  rule: r,
  parameters,
  canReadSettings,
}: {
  rule: RuleDescriptor;
  parameters: ReadonlyMap<string, ParameterInForce>;
  canReadSettings: boolean;
}) {
  const titleId = `rule-${r.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <article className={`rule-card rule-card-${r.severity}`} aria-labelledby={titleId}>
      <div className="rule-head">
        <h2 id={titleId}>{r.title}</h2>
        <span className="chip chip-area">{AREA_LABELS[r.area]}</span>
        <SeverityChip severity={r.severity} />
      </div>
      <p className="mono small muted">
        {r.id} · version {r.version}
      </p>
      <p>{r.description}</p>
      {r.parameters.length > 0 && (
        <table className="data-table rule-parameters">
          <caption>Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Value in force</th>
              <th scope="col">Basis</th>
            </tr>
          </thead>
          <tbody>
            {r.parameters.map((id) => {
              const p = parameters.get(id);
              if (!p) {
                return (
                  <tr key={id}>
                    <td className="mono">{id}</td>
                    <td colSpan={2} className="muted">
                      not described
                    </td>
                  </tr>
                );
              }
              const missing = p.value === null;
              return (
                <tr key={id} className={missing ? 'row-needs-value' : undefined}>
                  <td>
                    {canReadSettings ? (
                      <Link to={`/settings/clinical#setting-${id}`}>{p.descriptor.label}</Link>
                    ) : (
                      p.descriptor.label
                    )}
                    <div className="mono small muted">{id}</div>
                  </td>
                  <td className="nowrap">
                    <strong>{missing ? 'Not set' : formatSettingValue(p.value, p.descriptor.unit)}</strong>
                  </td>
                  <td>
                    {missing ? (
                      <span className="needs-action-inline">
                        <span aria-hidden="true">⚠ </span>no default: clinic must set
                      </span>
                    ) : p.origin === 'clinic' ? (
                      'clinic setting'
                    ) : (
                      p.descriptor.defaultBasis
                    )}{' '}
                    <EvidenceChip evidence={p.descriptor.evidence} isShort />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3 className="rule-subhead">Citations</h3>
      <CitationList citations={r.citations} />
    </article>
  );
}
