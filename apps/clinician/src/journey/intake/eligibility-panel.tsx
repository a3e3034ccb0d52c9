/**
 * An eligibility result as the physician reads it: the status, each finding with its severity, message,
 * the thresholds it compared with (value, where it comes from, evidence label), its citations, the tests due,
 * the medicine interactions and the guideline evidence for the diagnosis.
 */
import { Link } from 'react-router';
import type { EligibilityStatus } from '@ketapath/core';
import type { EligibilityResultDto, FindingDto, UsedParameterDto } from '@ketapath/api-client';
import { CitationList, EvidenceChip, formatSettingValue, SeverityChip } from '../../rules/rule-labels';
import { formatDateTime } from '../../data/dates';
import {
  CONDITION_CATEGORY_LABELS,
  INTERACTION_CLASS_LABELS,
  STATUS_ICONS,
  STATUS_LABELS,
} from './intake-labels';

/**
 * Where an unset value is set: a clinic setting ('session.x') on the settings page, a protocol limit
 * ('protocol:<id>@<version>:<route>.<measure>.<soft|hard>') on the protocol's page (a clinic copy sets it).
 */
function unconfiguredLink(id: string): string {
  const limit = /^protocol:([^@]+)@(\d+):/.exec(id);
  if (limit?.[1] && limit[2]) return `/protocols/${limit[1]}/v/${limit[2]}`;
  return `/settings/clinical#setting-${id}`;
}

function unconfiguredLabel(id: string): string {
  const limit = /^protocol:[^:]+:(.+)$/.exec(id);
  return limit?.[1] ? `protocol limit ${limit[1]}` : id;
}

/** The label of a known key, else the key itself (a value this app does not know yet). */
function labelOf(labels: Readonly<Record<string, string>>, key: string): string {
  return labels[key] ?? key;
}

export function StatusBadge({ status, isLarge = false }: { status: EligibilityStatus; isLarge?: boolean }) {
  return (
    <span className={`status-badge status-${status}${isLarge ? ' status-large' : ''}`}>
      <span aria-hidden="true">{STATUS_ICONS[status]} </span>
      {STATUS_LABELS[status]}
    </span>
  );
}

function Threshold({ p }: { p: UsedParameterDto }) {
  return (
    <li>
      <span className="threshold-label">{p.label}:</span>{' '}
      <strong>{formatSettingValue(p.value, p.unit)}</strong>{' '}
      <span className={`basis basis-${p.origin}`}>{p.basis}</span>{' '}
      <EvidenceChip evidence={p.evidence} isShort />
      {p.verification === 'unverified' && (
        <span className="muted" title="REFERENCE.md marks this value unverified (U)">
          {' '}
          · U
        </span>
      )}
    </li>
  );
}

export function FindingCard({ f, headingLevel = 4 }: { f: FindingDto; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <li className={`finding finding-${f.severity}`} data-rule={f.ruleId}>
      <div className="finding-head">
        <SeverityChip severity={f.severity} />
        <Heading className="finding-title">{f.title}</Heading>
      </div>
      <p className="finding-message">{f.message}</p>
      {f.slip && <p className="finding-slip">Looks like: {f.slip.replace(/-/g, ' ')}</p>}
      {f.unconfigured && f.unconfigured.length > 0 && (
        <p className="needs-action">
          Needs a clinic value:{' '}
          {f.unconfigured.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <Link to={unconfiguredLink(id)}>{unconfiguredLabel(id)}</Link>
            </span>
          ))}
        </p>
      )}
      {f.parameters.length > 0 && (
        <details className="finding-detail">
          <summary>Thresholds</summary>
          <ul className="threshold-list">
            {f.parameters.map((p) => (
              <Threshold key={p.id} p={p} />
            ))}
          </ul>
        </details>
      )}
      <div className="finding-citations">
        <CitationList citations={f.citations} />
      </div>
      <p className="finding-rule mono small muted">
        {f.ruleId} v{f.ruleVersion}
      </p>
    </li>
  );
}

export function EligibilityResultView({ result }: { result: EligibilityResultDto }) {
  const ce = result.conditionEvidence;
  return (
    <div className="eligibility-result">
      {ce && (
        <section className="result-block" aria-labelledby="ce-heading">
          <h3 id="ce-heading">Evidence for the diagnosis</h3>
          <p>
            <strong>{labelOf(CONDITION_CATEGORY_LABELS, ce.category)}</strong>{' '}
            <span className="mono">{ce.code}</span>: grade {ce.grade}, {ce.certainty} certainty. {ce.evidence}
          </p>
          <CitationList citations={[ce.citation]} />
        </section>
      )}
      <section className="result-block" aria-labelledby="findings-heading">
        <h3 id="findings-heading">
          Findings <span className="muted">({result.findings.length})</span>
        </h3>
        {result.findings.length === 0 ? (
          <p className="empty-state">No rule found anything to act on.</p>
        ) : (
          <ul className="finding-list">
            {result.findings.map((f, i) => (
              <FindingCard key={`${f.ruleId}-${i}`} f={f} />
            ))}
          </ul>
        )}
      </section>
      {result.testsDue.length > 0 && (
        <section className="result-block" aria-labelledby="tests-heading">
          <h3 id="tests-heading">Tests due before the first infusion</h3>
          <ul className="plain-list result-list">
            {result.testsDue.map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong>: {t.reason}
                <CitationList citations={[t.citation]} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.interactions.length > 0 && (
        <section className="result-block" aria-labelledby="interactions-heading">
          <h3 id="interactions-heading">Interactions</h3>
          <ul className="plain-list result-list">
            {result.interactions.map((x, i) => (
              <li key={`${x.medication}-${x.interactionClass}-${i}`}>
                <SeverityChip severity={x.severity} /> <strong>{x.medication}</strong> (
                {labelOf(INTERACTION_CLASS_LABELS, x.interactionClass)}
                ): {x.effect} <em>{x.handling}</em>
                <CitationList citations={[x.citation]} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="small muted">Evaluated {formatDateTime(result.evaluatedAt)}</p>
    </div>
  );
}

/** The side panel beside the form: the live screen of what is typed now. */
export function LiveEligibilityPanel({
  result,
  isUpdating,
  problemCount,
  error,
  title = 'Live eligibility',
}: {
  result: EligibilityResultDto | undefined;
  isUpdating: boolean;
  problemCount: number;
  error: string | undefined;
  title?: string;
}) {
  return (
    <section className="eligibility-panel" aria-labelledby="eligibility-heading">
      <div className="card-head">
        <h2 id="eligibility-heading">{title}</h2>
        {result && <StatusBadge status={result.status} isLarge />}
      </div>
      <p className="panel-status" role="status" aria-live="polite">
        {problemCount > 0
          ? `${problemCount} field${problemCount === 1 ? '' : 's'} to complete or correct before the intake can be screened${result ? '; showing the last complete screen' : ''}.`
          : isUpdating
            ? 'Screening…'
            : result
              ? `Screened: ${STATUS_LABELS[result.status]}.`
              : ''}
      </p>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {result ? (
        <div className={isUpdating || problemCount > 0 ? 'is-stale' : undefined}>
          <EligibilityResultView result={result} />
        </div>
      ) : (
        problemCount > 0 && (
          <p className="empty-state">
            The result appears here as soon as the required fields are filled in, and follows every change.
          </p>
        )
      )}
    </section>
  );
}
