/**
 * One protocol, as a clinician checks it before ordering: indication and evidence, the dosing steps with
 * their units, sessions and spacing, booster guidance, the soft and hard limits an order is checked against
 * (each with its source, or "clinic must set"), cautions, citations and the version history with who changed
 * what and why. /protocols/:id shows the latest version, /protocols/:id/v/:version an earlier one.
 */
import { Link, useLocation, useParams } from 'react-router';
import type { BolusStep, InfusionStep, Protocol, ProtocolLimit, ValueSource } from '@ketapath/core';
import type { ProtocolVersionInfo } from '@ketapath/api-client';
import { api } from '../data/api';
import { formatDateTimeShort } from '../data/dates';
import { useResource } from '../data/use-resource';
import { useDocumentTitle } from '../shell/use-document-title';
import { useCan } from '../session/session-context';
import {
  CONDITION_LABELS,
  CONTAINER_LABELS,
  formatDays,
  formatMinutes,
  formatRange,
  LimitCell,
  MEASURES,
  ROUTE_LABELS,
  sourceLabel,
  SourceTag,
  WEIGHT_BASIS_LABELS,
} from './protocol-labels';
import { OriginChip } from './protocol-library-page';
import { CitationList, EvidenceChip, formatNumber } from './rule-labels';
import { staffName } from './staff-labels';

export function ProtocolPage() {
  const { protocolId = '', version: versionParam } = useParams();
  const location = useLocation();
  const notice = (location.state as { notice?: unknown } | null)?.notice;
  const canManage = useCan('protocol:manage');
  const requested = versionParam === undefined ? undefined : Number(versionParam);

  const detail = useResource(`protocol:${protocolId}`, (signal) => api.getProtocol(protocolId, { signal }));
  const latestVersion = detail.data?.protocol.version;
  const wantsOlder = requested !== undefined && latestVersion !== undefined && requested !== latestVersion;
  const older = useResource(wantsOlder ? `protocol:${protocolId}@${requested}` : null, (signal) =>
    api.getProtocolVersion(protocolId, requested ?? 0, { signal }),
  );
  const protocol = wantsOlder ? older.data?.protocol : detail.data?.protocol;
  const origin = detail.data?.origin;
  const error = detail.error ?? older.error;
  useDocumentTitle(protocol ? protocol.name : 'Protocol');

  return (
    <section className="protocol-page rules-page">
      <p className="breadcrumb">
        <Link to="/protocols">← Protocols</Link>
      </p>
      {typeof notice === 'string' && (
        <p className="banner banner-ok" role="status">
          {notice}
        </p>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          <p>{error.detail}</p>
          {error.status === 404 && (
            <p>
              <Link to="/protocols">Back to the protocol list</Link>
            </p>
          )}
        </div>
      )}
      {!protocol && !error && <p role="status">Loading the protocol…</p>}
      {protocol && origin && detail.data && (
        <>
          <header className="protocol-header">
            <div className="protocol-title">
              <h1>{protocol.name}</h1>
              <OriginChip origin={origin} />
              <EvidenceChip evidence={protocol.evidence.label} />
            </div>
            <p className="mono small muted">
              {protocol.id} · version {protocol.version}
              {protocol.basedOn && (
                <>
                  {' '}
                  · based on{' '}
                  <Link to={`/protocols/${protocol.basedOn.id}/v/${protocol.basedOn.version}`}>
                    {protocol.basedOn.id} v{protocol.basedOn.version}
                  </Link>
                </>
              )}
            </p>
            {canManage && !wantsOlder && (
              <div className="button-row">
                <Link
                  to={`/protocols/${protocol.id}/copy?from=${protocol.version}`}
                  className={`button${origin === 'library' ? ' button-primary' : ''}`}
                >
                  Copy for this clinic
                </Link>
                {origin === 'clinic' && (
                  <Link to={`/protocols/${protocol.id}/edit`} className="button button-primary">
                    Edit (new version)
                  </Link>
                )}
              </div>
            )}
          </header>
          {wantsOlder && (
            <p className="banner banner-caution" role="note">
              You are reading version {protocol.version}; the current version is {latestVersion}.{' '}
              <Link to={`/protocols/${protocol.id}`}>Show the current version</Link>
            </p>
          )}
          {protocol.reviewRequired && (
            <div className="banner banner-caution" role="note">
              <p className="banner-title">
                <span aria-hidden="true">⚠ </span>Check against the primary source before use
              </p>
              <p>{protocol.reviewRequired}</p>
            </div>
          )}
          <ProtocolBody protocol={protocol} />
          <VersionList protocolId={protocol.id} shown={protocol.version} versions={detail.data.versions} />
        </>
      )}
    </section>
  );
}

function ProtocolBody({ protocol: p }: { protocol: Protocol }) {
  return (
    <div className="protocol-grid">
      <section className="card protocol-card-indication" aria-labelledby="protocol-indication">
        <h2 id="protocol-indication">Indication</h2>
        <p>{p.indication.text}</p>
        <dl className="detail-list compact">
          <dt>Conditions</dt>
          <dd>{p.indication.conditions.map((c) => CONDITION_LABELS[c]).join(', ')}</dd>
          <dt>Routes</dt>
          <dd>{p.routes.map((r) => ROUTE_LABELS[r]).join(', ')}</dd>
          <dt>Weight basis</dt>
          <dd>
            {p.weightBasis === null ? 'not per kg' : WEIGHT_BASIS_LABELS[p.weightBasis]}
            <div className="small muted">{p.weightBasisNote}</div>
          </dd>
          <dt>Drug</dt>
          <dd>{p.drug.name}</dd>
        </dl>
      </section>

      <section className="card protocol-card-evidence" aria-labelledby="protocol-evidence">
        <h2 id="protocol-evidence">Evidence</h2>
        <p>
          <EvidenceChip evidence={p.evidence.label} /> <strong>{p.evidence.grade}</strong>
        </p>
        <p>{p.evidence.summary}</p>
        <h3 className="rule-subhead">Citations</h3>
        <CitationList citations={p.evidence.citations} />
      </section>

      <section className="card protocol-wide" aria-labelledby="protocol-steps">
        <h2 id="protocol-steps">Steps</h2>
        <div className="table-scroll">
          <table className="data-table step-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Step</th>
                <th scope="col">Route</th>
                <th scope="col">Bolus / rate</th>
                <th scope="col">Titration</th>
                <th scope="col">Dose per session</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {p.steps.map((step, i) => (
                <StepRow key={i} index={i} step={step} />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="protocol-sessions">
        <h2 id="protocol-sessions">Sessions and spacing</h2>
        <dl className="detail-list compact">
          <dt>Sessions</dt>
          <dd>{p.sessions.count === null ? <span className="muted">not fixed</span> : p.sessions.count}</dd>
          <dt>Spacing</dt>
          <dd>
            {p.sessions.spacingDays === null ? (
              <span className="muted">not fixed</span>
            ) : (
              `every ${formatDays(p.sessions.spacingDays)}`
            )}
          </dd>
        </dl>
        <p>{p.sessions.text}</p>
      </section>

      <section className="card" aria-labelledby="protocol-booster">
        <h2 id="protocol-booster">Booster guidance</h2>
        {p.booster === null ? (
          <p className="empty-state">No booster guidance in this protocol.</p>
        ) : (
          <>
            <p>
              {p.booster.text} <SourceTag source={p.booster.source} />
            </p>
            {p.booster.schedule.length > 0 && (
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Phase</th>
                    <th scope="col">Interval</th>
                    <th scope="col">Lasts</th>
                  </tr>
                </thead>
                <tbody>
                  {p.booster.schedule.map((phase, i) => (
                    <tr key={i}>
                      <td>{phase.phase}</td>
                      <td>{phase.intervalDays === null ? '—' : `every ${formatDays(phase.intervalDays)}`}</td>
                      <td>{phase.durationDays === null ? '—' : formatDays(phase.durationDays)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>

      <section className="card protocol-wide" aria-labelledby="protocol-limits">
        <h2 id="protocol-limits">Limits</h2>
        <p className="small muted">
          An order above the soft limit needs a physician’s recorded reason; above the hard limit it is
          refused. Each value shows its source: [evidence] REFERENCE.md section · source key (U: not verified
          in the source), or “clinic”; the notes of the sources follow the table.
        </p>
        {p.limits.map((routeLimits) => (
          <div className="table-scroll" key={routeLimits.route}>
            <table className="data-table limit-table">
              <caption>{ROUTE_LABELS[routeLimits.route]}</caption>
              <thead>
                <tr>
                  <th scope="col">Quantity</th>
                  <th scope="col">Soft limit</th>
                  <th scope="col">Hard limit</th>
                </tr>
              </thead>
              <tbody>
                {MEASURES.map((m) => {
                  const pair = routeLimits[m.key];
                  return (
                    <tr key={m.key} data-measure={m.key}>
                      <th scope="row">
                        {m.label} <span className="muted">({m.unit})</span>
                      </th>
                      <td>
                        <LimitCell limit={pair.soft} unit={m.unit} />
                      </td>
                      <td>
                        <LimitCell limit={pair.hard} unit={m.unit} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <LimitSourceNotes pairs={MEASURES.map((m) => routeLimits[m.key])} />
          </div>
        ))}
      </section>

      {p.drug.standardConcentrations.length > 0 && (
        <section className="card" aria-labelledby="protocol-concentrations">
          <h2 id="protocol-concentrations">Standard concentrations</h2>
          <ul className="plain-list">
            {p.drug.standardConcentrations.map((c, i) => (
              <li key={i}>
                <strong>{formatNumber(c.concentrationMgPerMl)} mg/mL</strong>{' '}
                {CONTAINER_LABELS[c.container] ?? c.container}: {c.description}{' '}
                <SourceTag source={c.source} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.cautions.length > 0 && (
        <section className="card" aria-labelledby="protocol-cautions">
          <h2 id="protocol-cautions">Cautions</h2>
          <ul className="caution-list">
            {p.cautions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Each distinct source of the limits above, with what it says: readable without hovering. */
function LimitSourceNotes({ pairs }: { pairs: ReadonlyArray<{ soft: ProtocolLimit; hard: ProtocolLimit }> }) {
  const notes = new Map<string, { source: ValueSource; note: string }>();
  for (const pair of pairs) {
    for (const limit of [pair.soft, pair.hard]) {
      if (limit === null) continue;
      const key = `${sourceLabel(limit.source)}|${limit.source.note}`;
      if (!notes.has(key)) notes.set(key, { source: limit.source, note: limit.source.note });
    }
  }
  if (notes.size === 0) return null;
  return (
    <ul className="source-notes small">
      {[...notes.entries()].map(([key, { source, note }]) => (
        <li key={key}>
          <SourceTag source={source} /> {note}
        </li>
      ))}
    </ul>
  );
}

function StepRow({ index, step }: { index: number; step: InfusionStep | BolusStep }) {
  if (step.kind === 'bolus') {
    return (
      <>
        <tr>
          <td>{index + 1}</td>
          <td>
            <strong>{step.label}</strong>
          </td>
          <td className="nowrap">{ROUTE_LABELS[step.route]}</td>
          <td className="nowrap">
            Bolus <strong>{formatRange(step.dose, step.dose.unit)}</strong>
          </td>
          <td colSpan={3}>{step.administration}</td>
        </tr>
        <StepNote note={step.note} />
      </>
    );
  }
  const t = step.titration;
  return (
    <>
      <tr>
        <td>{index + 1}</td>
        <td>
          <strong>{step.label}</strong>
        </td>
        <td className="nowrap">{ROUTE_LABELS[step.route]}</td>
        <td className="nowrap">
          {step.rate === null ? (
            <span className="muted">—</span>
          ) : (
            <strong>{formatRange(step.rate, step.rate.unit)}</strong>
          )}
        </td>
        <td>
          {t === null ? (
            <span className="muted">none</span>
          ) : (
            <>
              start {formatNumber(t.start)} {t.unit}
              {t.step !== null && `, +${formatNumber(t.step)} ${t.unit}`}
              {t.intervalMin !== null && ` every ${formatNumber(t.intervalMin)} min`}, up to{' '}
              {formatNumber(t.max)} {t.unit}
            </>
          )}
        </td>
        <td className="nowrap">
          {step.sessionDoseMg === null ? (
            <span className="muted">—</span>
          ) : (
            formatRange(step.sessionDoseMg, 'mg')
          )}
        </td>
        <td className="nowrap">
          {step.durationMin === null ? <span className="muted">—</span> : formatMinutes(step.durationMin)}
        </td>
      </tr>
      <StepNote note={step.note} />
    </>
  );
}

function StepNote({ note }: { note: string }) {
  return (
    <tr className="step-note">
      <td />
      <td colSpan={6} className="small muted">
        {note}
      </td>
    </tr>
  );
}

function VersionList({
  protocolId,
  shown,
  versions,
}: {
  protocolId: string;
  shown: number;
  versions: readonly ProtocolVersionInfo[];
}) {
  return (
    <section className="card protocol-versions" aria-labelledby="protocol-versions">
      <h2 id="protocol-versions">Versions</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              Version
            </th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} aria-current={v.version === shown ? 'true' : undefined}>
              <td className="num">
                {v.version === shown ? (
                  <strong>{v.version} (shown)</strong>
                ) : (
                  <Link to={`/protocols/${protocolId}/v/${v.version}`}>{v.version}</Link>
                )}
              </td>
              <td className="nowrap">
                {v.createdAt === null ? (
                  <span className="muted">library</span>
                ) : (
                  formatDateTimeShort(v.createdAt)
                )}
              </td>
              <td>
                {v.createdBy === null ? <span className="muted">library</span> : staffName(v.createdBy)}
              </td>
              <td>{v.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
