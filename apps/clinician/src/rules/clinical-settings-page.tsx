/**
 * The clinic's clinical settings: every threshold the rules use, grouped by area, with the value in force,
 * where it comes from (the clinical reference's default or this clinic), the default's evidence, citations
 * and the rules that read it. Physicians and administrators change a value with a reason; every change is
 * kept in the parameter's history. Parameters with no default are counted at the top: their rules cannot
 * run until the clinic sets them.
 */
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ClinicalSetting } from '@ketapath/api-client';
import { api } from '../data/api';
import { useResource } from '../data/use-resource';
import { useDocumentTitle } from '../shell/use-document-title';
import { useCan } from '../session/session-context';
import { AREA_LABELS, AREAS, areaOfId } from './rule-labels';
import { SettingCard } from './setting-card';
import { useSlashFocus } from './use-slash-focus';

function matches(s: ClinicalSetting, q: string): boolean {
  if (!q) return true;
  const text = [s.id, s.label, s.description, s.unit ?? '', ...s.usedBy, ...s.citations.map((c) => c.section)]
    .join(' ')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

export function needsClinicValue(s: ClinicalSetting): boolean {
  return s.value === null;
}

export function ClinicalSettingsPage() {
  useDocumentTitle('Clinical settings');
  const canManage = useCan('settings:manage');
  const result = useResource('clinical-settings', (signal) => api.listClinicalSettings({ signal }));
  const [saved, setSaved] = useState<Readonly<Record<string, ClinicalSetting>>>({});
  const [q, setQ] = useState('');
  const [isOnlyNeeding, setIsOnlyNeeding] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);

  const settings = useMemo(
    () =>
      (result.data ?? []).map((s) => {
        const mine = saved[s.id];
        return mine && mine.version > s.version ? mine : s;
      }),
    [result.data, saved],
  );
  const needing = settings.filter(needsClinicValue);
  const shown = settings.filter((s) => matches(s, q.trim()) && (!isOnlyNeeding || needsClinicValue(s)));
  const groups = [
    ...AREAS.map((area) => ({
      key: area,
      title: AREA_LABELS[area],
      items: shown.filter((s) => areaOfId(s.id) === area),
    })),
    { key: 'other', title: 'Other', items: shown.filter((s) => areaOfId(s.id) === undefined) },
  ].filter((g) => g.items.length > 0);

  return (
    <section className="list-page rules-page settings-page">
      <div className="page-head">
        <h1>Clinical settings</h1>
        <Link to="/rules" className="button">
          Rules reference
        </Link>
      </div>
      <p className="page-intro">
        Every threshold the clinical rules use. A default comes from the clinic’s clinical reference with its
        evidence label; a clinic value replaces it for this clinic only. Each change needs a reason and is
        kept in the history.
      </p>
      {!canManage && (
        <p className="notice" role="note">
          You can read these settings. Physicians and administrators change them.
        </p>
      )}
      {result.data && (
        <div
          className={`banner ${needing.length > 0 ? 'banner-caution' : 'banner-ok'} settings-summary`}
          role="status"
        >
          {needing.length > 0 ? (
            <>
              <p className="banner-title">
                <span aria-hidden="true">⚠ </span>
                {needing.length} of {settings.length} parameter{settings.length === 1 ? '' : 's'}{' '}
                {needing.length === 1 ? 'needs' : 'need'} a clinic value
              </p>
              <p>
                The clinical reference gives no default for{' '}
                {needing.length === 1 ? 'this parameter' : 'these parameters'}; the rules that use{' '}
                {needing.length === 1 ? 'it' : 'them'} ask for an acknowledgement instead of running until the
                clinic sets a value:
              </p>
              <ul className="needs-list">
                {needing.map((s) => (
                  <li key={s.id}>
                    <a href={`#setting-${s.id}`}>{s.label}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="banner-title">
              All {settings.length} parameters have a value in force (a default or a clinic value).
            </p>
          )}
        </div>
      )}
      <div className="search-bar" role="search">
        <label htmlFor="settings-filter">Filter settings</label>
        <input
          ref={searchRef}
          id="settings-filter"
          type="search"
          value={q}
          placeholder="Name, id, rule or section (e.g. blood pressure, §4.2)"
          aria-describedby="settings-filter-hint"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setQ(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQ('');
          }}
        />
        <p id="settings-filter-hint" className="field-hint">
          Press <kbd>/</kbd> to filter.
        </p>
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={isOnlyNeeding}
            onChange={(e) => {
              setIsOnlyNeeding(e.target.checked);
            }}
          />{' '}
          Only parameters that need a clinic value ({needing.length})
        </label>
      </div>
      <p className="list-status" role="status" aria-live="polite">
        {result.isLoading && !result.data
          ? 'Loading the clinical settings…'
          : `${shown.length} of ${settings.length} parameter${settings.length === 1 ? '' : 's'} shown`}
      </p>
      {result.error && (
        <p className="banner banner-error" role="alert">
          {result.error.detail}{' '}
          <button type="button" className="button button-quiet" onClick={result.reload}>
            Try again
          </button>
        </p>
      )}
      {groups.map((g) => (
        <section key={g.key} className="settings-group" aria-labelledby={`settings-group-${g.key}`}>
          <h2 id={`settings-group-${g.key}`}>
            {g.title} <span className="muted">({g.items.length})</span>
          </h2>
          <div className="setting-list">
            {g.items.map((s) => (
              <SettingCard
                key={s.id}
                setting={s}
                canManage={canManage}
                onSaved={(next) => {
                  setSaved((prev) => ({ ...prev, [next.id]: next }));
                }}
                onConflict={result.reload}
              />
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
