/**
 * How the rules pages name things: evidence labels, severities, areas, values with their units and basis,
 * and citations to the clinical reference (REFERENCE.md section and source). Colour always comes with text.
 */
import type { EvidenceLabel, RuleArea, RuleCitation, RuleSeverity, SettingValue } from '@ketapath/api-client';
import { REFERENCE_SECTIONS, REFERENCE_SOURCES } from '@ketapath/clinical-rules';

export const AREAS: readonly RuleArea[] = ['eligibility', 'order', 'session', 'discharge', 'ledger'];

export const AREA_LABELS: Readonly<Record<RuleArea, string>> = {
  eligibility: 'Eligibility',
  order: 'Order',
  session: 'Session',
  discharge: 'Discharge',
  ledger: 'Controlled-substance ledger',
};

/** The area a namespaced parameter or rule id belongs to (`session.sbp-stop-mmhg` → session). */
export function areaOfId(id: string): RuleArea | undefined {
  const head = /^([a-z]+)[./]/.exec(id)?.[1];
  return AREAS.find((a) => a === head);
}

export const EVIDENCE_LABELS: Readonly<Record<EvidenceLabel, string>> = {
  G: 'Guideline',
  L: 'Label / regulation',
  T: 'Trial',
  P: 'Practice',
};

const EVIDENCE_TITLES: Readonly<Record<EvidenceLabel, string>> = {
  G: 'Stated in a published guideline or consensus statement',
  L: 'FDA label, federal regulation or official code set',
  T: 'Reported in a published trial or study (not a recommendation)',
  P: 'Common practice: clinic, hospital or vendor protocols; not guideline-backed',
};

export function EvidenceChip({ evidence, isShort = false }: { evidence: EvidenceLabel; isShort?: boolean }) {
  return (
    <span className={`chip chip-evidence chip-evidence-${evidence}`} title={EVIDENCE_TITLES[evidence]}>
      [{evidence}]{isShort ? null : ` ${EVIDENCE_LABELS[evidence]}`}
    </span>
  );
}

export const SEVERITY_LABELS: Readonly<Record<RuleSeverity, string>> = {
  info: 'Information',
  warn: 'Warning',
  'needs-ack': 'Needs acknowledgement',
  block: 'Blocks',
};

const SEVERITY_ICONS: Readonly<Record<RuleSeverity, string>> = {
  info: 'ℹ',
  warn: '⚠',
  'needs-ack': '⚑',
  block: '✖',
};

export function SeverityChip({ severity }: { severity: RuleSeverity }) {
  return (
    <span className={`chip chip-severity chip-severity-${severity}`}>
      <span aria-hidden="true">{SEVERITY_ICONS[severity]} </span>
      {SEVERITY_LABELS[severity]}
    </span>
  );
}

/** A value as read aloud: "0.35 mg/kg/h", "Yes", "not set". */
export function formatSettingValue(value: SettingValue | null | undefined, unit?: string): string {
  if (value === null || value === undefined) return 'not set';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  return value;
}

/** Numbers without float noise (0.1 + 0.2 shows as 0.3) and without grouping, so doses read exactly. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

const SECTION_TITLES: Readonly<Record<string, string>> = REFERENCE_SECTIONS;
const SOURCE_TITLES: Readonly<Record<string, string>> = REFERENCE_SOURCES;

/** Fills in the section and source titles the server left out (parameter citations carry only the keys). */
function withTitles(c: RuleCitation): RuleCitation {
  const sectionTitle = c.sectionTitle ?? SECTION_TITLES[c.section];
  const sourceTitle = c.sourceTitle ?? SOURCE_TITLES[c.source];
  return {
    ...c,
    ...(sectionTitle === undefined ? {} : { sectionTitle }),
    ...(sourceTitle === undefined ? {} : { sourceTitle }),
  };
}

/** "§4.2 · S30" with the section and source titles on hover and the note after it. */
export function CitationList({ citations }: { citations: readonly RuleCitation[] }) {
  if (citations.length === 0) return <span className="muted">No citation</span>;
  return (
    <ul className="citation-list">
      {citations.map(withTitles).map((c, i) => (
        <li key={`${c.section}-${c.source}-${i}`}>
          <span className="citation-ref">
            <span title={c.sectionTitle}>{c.section}</span>
            {c.sectionTitle && <span className="citation-title"> {c.sectionTitle}</span>}
            <span aria-hidden="true"> · </span>
            <span className="mono" title={c.sourceTitle}>
              {c.source}
            </span>
            {c.sourceTitle && <span className="citation-title"> {c.sourceTitle}</span>}
          </span>
          {c.note && <span className="citation-note">{c.note}</span>}
        </li>
      ))}
    </ul>
  );
}

export function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}
