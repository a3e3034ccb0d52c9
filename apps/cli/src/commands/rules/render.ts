/**
 * The readable (table) output of the rules commands: a status line, then each finding, worst first, with
 * the thresholds it used and where each came from, and the REFERENCE.md sections and sources it cites.
 */
import {
  REFERENCE_SECTIONS,
  severityRank,
  type Citation,
  type Finding,
  type SettingValue,
  type Severity,
  type UsedParameter,
} from '@ketapath/clinical-rules';

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  block: 'BLOCK',
  'needs-ack': 'NEEDS-ACK',
  warn: 'WARN',
  info: 'INFO',
};
const SEVERITY_WIDTH = Math.max(...Object.values(SEVERITY_LABEL).map((l) => l.length));

export function formatValue(value: SettingValue | null, unit?: string): string {
  if (value === null) return 'not set';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return unit === undefined || unit === '' ? String(value) : `${value} ${unit}`;
}

/** `Systolic stop limit = 180 mmHg (practice [P] default) [session.sbp-stop-high-mmhg]`. */
export function formatUsedParameter(p: UsedParameter): string {
  return `${p.label} = ${formatValue(p.value, p.unit)} (${p.basis}) [${p.id}]`;
}

/** `§4.2/S30: note` (the section's title when there is no note). */
export function formatCitation(c: Citation): string {
  const text = c.note === '' ? REFERENCE_SECTIONS[c.section] : c.note;
  return `${c.section}/${c.source}: ${text}`;
}

/** The worst severity first; the engine's order within one severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i)
    .map(({ f }) => f);
}

export function countBySeverity(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const counts = (['block', 'needs-ack', 'warn', 'info'] as const)
    .map((s) => ({ s, n: findings.filter((f) => f.severity === s).length }))
    .filter(({ n }) => n > 0)
    .map(({ s, n }) => `${n} ${s}`);
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${counts.join(', ')}`;
}

export function formatFinding(f: Finding): string {
  const lines = [
    `${SEVERITY_LABEL[f.severity].padEnd(SEVERITY_WIDTH)}  ${f.ruleId}@${f.ruleVersion}  ${f.title}`,
    `  ${f.message}`,
  ];
  if (f.actionTier !== undefined) lines.push(`  action: ${f.actionTier}`);
  if (f.slip !== undefined) lines.push(`  looks like: ${f.slip}`);
  if (f.unconfigured !== undefined && f.unconfigured.length > 0)
    lines.push(`  clinic must set: ${f.unconfigured.join(', ')}`);
  for (const p of f.parameters) lines.push(`  threshold: ${formatUsedParameter(p)}`);
  for (const c of f.citations) lines.push(`  cites ${formatCitation(c)}`);
  return lines.join('\n');
}

/** Findings worst first, separated by blank lines; a line saying so when there are none. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  return sortFindings(findings).map(formatFinding).join('\n\n');
}

/** One short line for a small JSON-like value: `a: 1; b: x, y` (nested objects in braces). */
export function formatInline(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(formatInline).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(
        ([k, v]) =>
          `${k}: ${typeof v === 'object' && v !== null && !Array.isArray(v) ? `{${formatInline(v)}}` : formatInline(v)}`,
      )
      .join('; ');
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'bigint' ? String(value) : typeof value;
}

/** A titled list section: `Title:` then each item indented; nothing when the list is empty. */
export function section(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : ['', `${title}:`, ...items.map((i) => `  ${i}`)];
}
