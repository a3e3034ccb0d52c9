/**
 * docs/clinical-rules.md, rendered from the engine itself: the rules, their parameters and citations, the
 * protocol library and the JSON schemas of the inputs (from the @ketapath/core zod schemas), with one example
 * of each input. Deterministic (no dates), so a test can regenerate it and compare with the committed file.
 */
import {
  ACTION_TIERS,
  describeParameters,
  eligibilityStatusOf,
  describeRules,
  listProtocols,
  PROTOCOL_LIBRARY,
  REFERENCE_SECTIONS,
  REFERENCE_SOURCES,
  SEVERITIES,
  type ActionTier,
  type Finding,
  type ParameterDescriptor,
  type RuleDescriptor,
  type Severity,
} from '@ketapath/clinical-rules';
import { RULE_AREAS, parameterDefault } from './list.command.js';
import { formatValue } from './render.js';
import { inputExamples, type InputKind, type JsonSchemaSource } from './examples.js';
import { protocolSummary } from './protocols.command.js';

const AREA_TITLES = {
  eligibility: 'Eligibility screening',
  order: 'Order checks (dose-error reduction)',
  session: 'Session safety',
  discharge: 'Discharge',
  ledger: 'Controlled-substance ledger (REFERENCE §9)',
} as const;

const SEVERITY_MEANING: Readonly<Record<Severity, string>> = {
  info: 'Noted for the record; nothing to do.',
  warn: 'Shown prominently; the work may go on.',
  'needs-ack':
    'A clinician must act on it before the work goes on: a physician reviews the patient, a physician records a reason to go past a soft limit, or the nurse acknowledges it.',
  block:
    'The work stops: the patient is not eligible, the order cannot be given as written (no override), or the session must not start or go on.',
};

/** What the nurse does at each tier, and the severity the tier gives the finding (rules/session/tier.ts). */
const ACTION_TIER_MEANING: Readonly<Record<ActionTier, { words: string; severity: Severity }>> = {
  'continue-and-watch': { words: 'continue and watch closely', severity: 'warn' },
  slow: { words: 'slow the infusion and recheck', severity: 'needs-ack' },
  pause: { words: 'pause the infusion and recheck', severity: 'needs-ack' },
  'stop-and-call': { words: 'stop the infusion and call the prescriber', severity: 'block' },
};

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function citationLine(c: RuleDescriptor['citations'][number]): string {
  return `${c.section} ${c.sectionTitle} — ${c.source} (${c.sourceTitle}): ${c.note}`;
}

function ruleBlock(rule: RuleDescriptor, parameters: ReadonlyMap<string, ParameterDescriptor>): string {
  const lines = [
    `#### \`${rule.id}\` v${rule.version}: ${rule.title}`,
    '',
    `Severity: **${rule.severity}**. ${rule.description}`,
    '',
  ];
  if (rule.parameters.length > 0) {
    lines.push('Parameters:', '');
    for (const id of rule.parameters) {
      const p = parameters.get(id);
      lines.push(p === undefined ? `- \`${id}\`` : `- \`${id}\` (${p.label}): ${parameterDefault(p)}`);
    }
    lines.push('');
  }
  lines.push('Citations:', '', ...rule.citations.map((c) => `- ${citationLine(c)}`), '');
  return lines.join('\n');
}

function parameterRange(p: ParameterDescriptor): string {
  switch (p.kind) {
    case 'number':
      return `${p.min ?? ''}–${p.max ?? ''} ${p.unit ?? ''}${p.integer === true ? ', whole' : ''}`.trim();
    case 'boolean':
      return 'yes / no';
    case 'choice':
      return (p.choices ?? []).join(', ');
  }
}

function parametersTable(parameters: readonly ParameterDescriptor[]): string {
  const rows = parameters.map((p) =>
    [
      `\`${p.id}\``,
      cell(p.label),
      p.default === null ? '—' : cell(formatValue(p.default, p.unit)),
      cell(p.defaultBasis),
      cell(parameterRange(p)),
      p.citations.map((c) => `${c.section}/${c.source}`).join(', '),
      p.usedBy.map((id) => `\`${id}\``).join(', '),
    ].join(' | '),
  );
  return [
    '| Parameter | Label | Default | Basis | Accepted setting | Cites | Used by |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/** Drops the long regular expressions zod writes next to `format` (date, date-time): the format says it. */
function withoutFormatPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutFormatPatterns);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node as Record<string, unknown>);
  const hasFormat = entries.some(([k]) => k === 'format');
  return Object.fromEntries(
    entries.filter(([k]) => !(hasFormat && k === 'pattern')).map(([k, v]) => [k, withoutFormatPatterns(v)]),
  );
}

/** Definitions shorter than this (as one line of JSON) are written in place rather than referenced. */
const INLINE_DEFINITION_CHARS = 160;

/**
 * Replaces `{"$ref": "#/$defs/x"}` by the definition itself where it is used once or is short, so a reader
 * sees `"id": {"type":"string",…}` rather than a reference; long definitions used in several places stay in
 * `$defs`.
 */
function inlineShortDefinitions(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || !('$defs' in schema)) return schema;
  const { $defs, ...rest } = schema as { $defs: Record<string, unknown> } & Record<string, unknown>;
  const uses = new Map<string, number>();
  const count = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(count);
    else if (typeof node === 'object' && node !== null) {
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string') uses.set(ref, (uses.get(ref) ?? 0) + 1);
      Object.values(node).forEach(count);
    }
  };
  count(schema);
  const resolved = new Map<string, unknown>();
  const resolve = (node: unknown, seen: ReadonlySet<string>): unknown => {
    if (Array.isArray(node)) return node.map((n) => resolve(n, seen));
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/') && Object.keys(node).length === 1) {
      const name = ref.slice('#/$defs/'.length);
      if (seen.has(name)) return node;
      const definition = definitionOf(name, seen);
      return uses.get(ref) === 1 || JSON.stringify(definition).length <= INLINE_DEFINITION_CHARS
        ? definition
        : node;
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v, seen)]));
  };
  const definitionOf = (name: string, seen: ReadonlySet<string>): unknown => {
    if (!resolved.has(name)) resolved.set(name, resolve($defs[name], new Set([...seen, name])));
    return resolved.get(name);
  };
  const body = resolve(rest, new Set()) as Record<string, unknown>;
  // Keep the definitions still referenced (directly or from other kept definitions).
  const kept: Record<string, unknown> = {};
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (typeof node === 'object' && node !== null) {
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
        const name = ref.slice('#/$defs/'.length);
        if (!(name in kept)) {
          kept[name] = definitionOf(name, new Set());
          collect(kept[name]);
        }
      }
      Object.values(node).forEach(collect);
    }
  };
  collect(body);
  const names = Object.keys(kept).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (names.length === 0) return body;
  // zod names them __schema<n>; the document numbers the kept ones from 1.
  const renamed = new Map(names.map((n, i) => [`#/$defs/${n}`, `#/$defs/shared${i + 1}`]));
  const rename = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rename);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? (renamed.get(v) ?? v) : rename(v),
      ]),
    );
  };
  return rename({ ...body, $defs: Object.fromEntries(names.map((n, i) => [`shared${i + 1}`, kept[n]])) });
}

export function inputJsonSchema(schema: JsonSchemaSource): unknown {
  return inlineShortDefinitions(
    withoutFormatPatterns(schema.toJSONSchema({ io: 'input', unrepresentable: 'any', reused: 'ref' })),
  );
}

const INPUT_TITLES: Readonly<Record<InputKind, { title: string; flag: string }>> = {
  intake: { title: 'Intake (`ZIntake`)', flag: 'ketapath rules eligibility --intake' },
  order: { title: 'Order (`ZOrder`)', flag: 'ketapath rules check-order --order' },
  patient: { title: 'Order patient (`ZOrderPatient`)', flag: 'ketapath rules check-order --patient' },
  history: { title: 'Order history (`ZOrderHistory`)', flag: 'ketapath rules check-order --history' },
  snapshot: { title: 'Session snapshot (`ZSessionSnapshot`)', flag: 'ketapath rules session --snapshot' },
  protocol: { title: 'Protocol (`ZProtocol`)', flag: 'ketapath rules check-order --protocol-file' },
};

/**
 * JSON with two-space indentation, except that an object or array whose one-line form fits in `width`
 * characters stays on one line: the schemas read in a screen instead of a scroll.
 */
export function compactJson(value: unknown, width = 100, indent = ''): string {
  const flat = JSON.stringify(value);
  if (typeof value !== 'object' || value === null || indent.length + flat.length <= width) return flat;
  // A list of plain values (an enum, `required`) stays on one line however long.
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + compactJson(v, width, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, width, inner)}`).join(',\n')}\n${indent}}`;
}

function fenced(language: string, body: string): string {
  return ['```' + language, body, '```'].join('\n');
}

export function renderRulesDoc(): string {
  const rules = describeRules();
  const parameters = describeParameters();
  const byId = new Map(parameters.map((p) => [p.id, p]));
  const out: string[] = [
    '# Clinical rules reference',
    '',
    '<!-- Generated by scripts/generate-rules-doc.ts from @ketapath/clinical-rules and @ketapath/core. Do not edit by hand: run `npm run docs:rules`. -->',
    '',
    ENGINE_OVERVIEW,
    '',
    '## Severities',
    '',
    '| Severity | Meaning |',
    '|---|---|',
    ...SEVERITIES.map((s) => `| \`${s}\` | ${SEVERITY_MEANING[s]} |`),
    '',
    '## Action tiers (session findings)',
    '',
    "A finding during an infusion also says what the nurse should do (REFERENCE §4.2 note: each threshold carries an action tier); the tier sets the finding's severity:",
    '',
    '| Action tier | The nurse | Severity |',
    '|---|---|---|',
    ...ACTION_TIERS.map(
      (t) => `| \`${t}\` | ${ACTION_TIER_MEANING[t].words} | \`${ACTION_TIER_MEANING[t].severity}\` |`,
    ),
    '',
    outcomes(),
    '',
    '## Rules',
    '',
    `${rules.length} rules. Each finding names its rule as \`id@version\`; a rule's version changes whenever what it decides changes.`,
    '',
  ];
  for (const area of RULE_AREAS) {
    const inArea = rules.filter((r) => r.area === area);
    out.push(`### ${AREA_TITLES[area]} (${inArea.length})`, '');
    if (inArea.length === 0) out.push('No rules yet.', '');
    for (const rule of inArea) out.push(ruleBlock(rule, byId));
  }
  out.push(
    '## Parameters',
    '',
    'Every threshold a rule compares with is a parameter. The default comes from REFERENCE.md and is labelled with its evidence: ' +
      '[G] guideline, [L] label or regulation, [T] trial, [P] practice; "unverified (U)" where REFERENCE.md could not confirm it. ' +
      'Where REFERENCE.md found no value there is no default ("no default: clinic must set"): the rules that need it give one ' +
      '`needs-ack` finding naming the missing setting until the clinic sets it. A clinic setting must lie in the accepted range ' +
      '(a data-entry check, not a clinical limit).',
    '',
    parametersTable(parameters),
    '',
    '## Protocol library',
    '',
    `${PROTOCOL_LIBRARY.length} protocol versions; the latest of each:`,
    '',
    ...listProtocols().map((p) => `- ${protocolSummary(p)}`),
    '',
    '## Input schemas',
    '',
    'The commands and the API take these JSON documents. The schemas below are generated from the @ketapath/core zod schemas ' +
      '(JSON Schema 2020-12, as accepted on input); the ranges in them are data-entry checks, never clinical thresholds.',
    '',
  );
  const examples = inputExamples();
  for (const kind of Object.keys(examples) as InputKind[]) {
    const example = examples[kind];
    const { title, flag } = INPUT_TITLES[kind];
    const shown =
      kind === 'protocol'
        ? [
            `Read by \`${flag} <file>\` (a clinic's copy). Every library protocol is an example: ` +
              '`ketapath protocols show <id> --format json` prints one in this form.',
          ]
        : [`Read by \`${flag} <file>\`. Example:`, '', fenced('json', compactJson(example.value))];
    out.push(
      `### ${title}`,
      '',
      ...shown,
      '',
      '<details><summary>JSON Schema</summary>',
      '',
      fenced('json', compactJson(inputJsonSchema(example.schema))),
      '',
      '</details>',
      '',
    );
  }
  out.push(SETTINGS_FILE, '', COMMAND_LINE, '');
  out.push('## References cited', '', ...citedReferences(rules, parameters), '');
  return out.join('\n');
}

function citedReferences(
  rules: readonly RuleDescriptor[],
  parameters: readonly ParameterDescriptor[],
): string[] {
  const all = [...rules.flatMap((r) => r.citations), ...parameters.flatMap((p) => p.citations)];
  const sections = [...new Set(all.map((c) => c.section))].sort(compareSections);
  const sources = [...new Set(all.map((c) => c.source))].sort(compareSources);
  return [
    'Sections of docs/reference/REFERENCE.md:',
    '',
    ...sections.map((s) => `- ${s} ${REFERENCE_SECTIONS[s]}`),
    '',
    'Sources (REFERENCE.md, References):',
    '',
    ...sources.map((s) => `- ${s}: ${REFERENCE_SOURCES[s]}`),
  ];
}

function compareSections(a: string, b: string): number {
  const parts = (s: string) => s.slice(1).split('.').map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  return (pa[0] ?? 0) - (pb[0] ?? 0) || (pa[1] ?? 0) - (pb[1] ?? 0);
}

function compareSources(a: string, b: string): number {
  const n = (s: string) => Number(/\d+/.exec(s)?.[0] ?? 0);
  return n(a) - n(b) || a.localeCompare(b);
}

const ENGINE_OVERVIEW = `## What the engine does

\`@ketapath/clinical-rules\` is a pure library: it takes an input document (an intake, an order with its patient and
protocol, or a snapshot of a session), the clinic's settings and the time, and returns a result with a list of
**findings**. It reads no clock, no database and no network, so the same input always gives the same answer; the
server, the web app and the \`ketapath rules\` commands all call the same functions.

- A **rule** has a namespaced id (\`area/name\`), a version, a default severity, a description, the parameters it reads
  and at least one citation of docs/reference/REFERENCE.md (a section \`§x.y\` and a source \`Sx\`).
- A **finding** says which rule (\`ruleId\`, \`ruleVersion\`) found what (\`message\`), from which input values
  (\`inputs\`), compared with which thresholds (\`parameters\`: each with its value, whether it is the default or the
  clinic's setting, and the basis of the default), on whose authority (\`citations\`). Session findings carry an
  \`actionTier\`; order findings may name the \`slip\` they look like (e.g. a tenfold error).
- A clinical "no" is a finding, never an error: invalid input is refused before any rule runs.
- The clinic's **settings** override parameter defaults one by one; everything not set takes the REFERENCE.md default.`;

/** A finding of one severity, to ask the engine which status it gives. */
function findingOf(severity: Severity): Finding {
  return {
    ruleId: 'x/y',
    ruleVersion: 1,
    severity,
    title: '',
    message: '',
    inputs: {},
    parameters: [],
    citations: [],
  };
}

const ORDER_VERDICT: Readonly<Record<Severity | 'none', string>> = {
  none: 'accept',
  info: 'accept',
  warn: 'warn',
  'needs-ack': 'override-required',
  block: 'blocked',
};
const SESSION_STATUS: Readonly<Record<Severity | 'none', string>> = {
  none: 'ok',
  info: 'ok',
  warn: 'warn',
  'needs-ack': 'needs-ack',
  block: 'blocked',
};

function outcomes(): string {
  const rows = (['none', ...SEVERITIES] as const).map((s) => {
    const eligibility = eligibilityStatusOf(s === 'none' ? [] : [findingOf(s)]);
    const label = s === 'none' ? 'no findings' : `\`${s}\``;
    return `| ${label} | \`${eligibility}\` | \`${ORDER_VERDICT[s]}\` | \`${SESSION_STATUS[s]}\` |`;
  });
  return [
    '## How results are decided',
    '',
    'Each evaluation runs the rules of its area and reduces the findings to one answer by the worst severity found. ' +
      'Findings are listed worst first. A rule that cannot run because a setting without default is not set gives one ' +
      '`needs-ack` finding naming the setting, so an unconfigured clinic sees review requests, never a silent pass.',
    '',
    '| Worst severity | Eligibility `status` | Order `verdict` | Session `status` |',
    '|---|---|---|---|',
    ...rows,
    '',
    '- Eligibility runs every eligibility rule over the intake; it also reports the guideline evidence for the condition ' +
      '(§1.2), the pre-infusion tests due (§1.6) and the interacting medicines (§5.2).',
    '- An order is checked against its protocol (library or clinic copy), the patient and the earlier orders. A ' +
      '`needs-ack` finding on an order is a soft limit: when the order carries an override reason written by a physician, ' +
      'the verdict is `warn` instead of `override-required`. A `block` (e.g. above a hard limit) has no override. The ' +
      'result also gives the pump settings (mg/h, mL/h, volume, session dose) and the reverse check of a programmed pump rate.',
    '- A session snapshot is evaluated for its phase: `pre-start` runs the pre-start checklist (eligibility, consent, ' +
      'fasting, baseline vitals, pregnancy test, escort, pre-treatment tests), `infusion` the vital-sign, sedation, ' +
      'dissociation, monitoring and symptom rules (with rescue prompts), and `discharge` the discharge rules (modified ' +
      'Aldrete score, observation time, escort, advice and instructions).',
    "- A ledger operation (a draw, a session's waste, the waste of a container's remainder, a destruction, the close of a " +
      'session, the discard of old records) runs the ledger rules of that operation (REFERENCE §9); it is refused when a ' +
      'rule gives `block`, and also while a setting it needs has no value (waste cannot be recorded until the clinic decides ' +
      'whether it needs a witness). The stock status only reports: expired and expiring stock, counts, inventories and ' +
      'loss-report deadlines due.',
  ].join('\n');
}

const SETTINGS_FILE = `### Clinic settings

A settings file (\`--settings <file>\`) is one JSON object of the clinic's overrides, by parameter id (see
[Parameters](#parameters)); every parameter not listed takes its default. Each value must be of the parameter's kind
and lie in its accepted range:

\`\`\`text
{ "<parameter id>": <number | true | false | "choice">, … }
\`\`\``;

const COMMAND_LINE = `## Command line

The \`ketapath\` commands call the engine directly, without a server or a database:

| Command | Does |
|---|---|
| \`ketapath rules list [--area eligibility\\|order\\|session\\|discharge\\|ledger]\` | every rule with its severity, parameters (default and basis) and citations |
| \`ketapath rules eligibility --intake <file\\|-> [--settings <file>] [--now <iso>]\` | screens an intake |
| \`ketapath rules check-order (--protocol <id[@version]> \\| --protocol-file <file>) --patient <file> --order <file> [--history <file>] [--settings <file>] [--now <iso>]\` | checks an order |
| \`ketapath rules session --snapshot <file\\|-> [--settings <file>]\` | evaluates a session snapshot (it carries its own \`now\`) |
| \`ketapath protocols list\` | the latest version of each library protocol |
| \`ketapath protocols show <id[@version]>\` | one protocol in full |

Every command takes \`--format table\` (the default, for reading) or \`--format json\` (for scripts: the engine's result
as is, with \`status\` or \`verdict\` and the full \`findings\`). Exit codes: 0 when the evaluation completed, whatever
its clinical answer (a "no" is a result, not an error); 2 for bad input, with one line naming the flag, or the file and
the field (\`ketapath: order.json: rate.unit: must be one of mg/kg/h, mg/h, µg/kg/min\`); 1 for anything else.`;
