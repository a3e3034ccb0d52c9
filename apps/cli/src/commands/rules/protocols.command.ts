/** `ketapath protocols list|show`: the protocol library, as a summary or one protocol in full. */
import type { Command } from 'commander';
import type {
  LimitPair,
  Protocol,
  ProtocolLimit,
  ProtocolStep,
  RouteLimits,
  ValueSource,
} from '@ketapath/core';
import { getProtocol, listProtocols, PROTOCOL_LIBRARY } from '@ketapath/clinical-rules';
import { badFlag, parseFormat } from '../pharmacology/flags.js';
import { FORMATS } from './shared.js';

/** `ketamine-crps@1: Name (iv-infusion; crps; evidence G, grade B)` plus a review note when one is required. */
export function protocolSummary(p: Protocol): string {
  return (
    `\`${p.id}@${p.version}\` ${p.name} (${p.routes.join(', ')}; for ${p.indication.conditions.join(', ')}; ` +
    `evidence [${p.evidence.label}] ${p.evidence.grade})${p.reviewRequired === null ? '' : `. Review required: ${p.reviewRequired}`}`
  );
}

export function protocolsTable(protocols: readonly Protocol[]): string {
  const rows = protocols.map((p) => ({
    id: `${p.id}@${p.version}`,
    name: p.name,
    routes: p.routes.join(', '),
    evidence: `[${p.evidence.label}] ${p.evidence.grade}`,
    review: p.reviewRequired === null ? '' : 'review required',
  }));
  const width = Math.max(2, ...rows.map((r) => r.id.length));
  return `${rows
    .map((r) =>
      [
        `${r.id.padEnd(width)}  ${r.name}`,
        `${' '.repeat(width)}  ${r.routes}; evidence ${r.evidence}${r.review === '' ? '' : `; ${r.review}`}`,
      ].join('\n'),
    )
    .join('\n')}\n`;
}

export function formatSource(source: ValueSource): string {
  if (source.kind === 'clinic')
    return `clinic${source.setOn === undefined ? '' : ` ${source.setOn}`}: ${source.note}`;
  return `[${source.evidence}]${source.verification === 'unverified' ? ' U' : ''} ${source.section}/${source.source}`;
}

const MEASURE_UNITS: Readonly<Record<Exclude<keyof RouteLimits, 'route'>, string>> = {
  rateMgPerKgPerH: 'mg/kg/h',
  rateMgPerH: 'mg/h',
  bolusMgPerKg: 'mg/kg',
  bolusMg: 'mg',
  sessionDoseMg: 'mg per session',
  dailyDoseMg: 'mg per day',
  weeklyDoseMg: 'mg per week',
  concentrationMgPerMl: 'mg/mL',
};

function limitText(limit: ProtocolLimit, unit: string): string {
  return limit === null ? 'clinic must set' : `${limit.value} ${unit} (${formatSource(limit.source)})`;
}

function pairText(pair: LimitPair, unit: string): string {
  return `soft ${limitText(pair.soft, unit)}; hard ${limitText(pair.hard, unit)}`;
}

function stepText(step: ProtocolStep): string[] {
  if (step.kind === 'bolus') {
    const d = step.dose;
    return [
      `bolus (${step.route}): ${step.label}`,
      `  dose ${d.min === d.max ? d.min : `${d.min}–${d.max}`} ${d.unit}; ${step.administration}`,
      `  ${step.note}`,
    ];
  }
  const parts: string[] = [];
  if (step.rate !== null)
    parts.push(
      `rate ${step.rate.min === step.rate.max ? step.rate.min : `${step.rate.min}–${step.rate.max}`} ${step.rate.unit}`,
    );
  if (step.titration !== null) {
    const t = step.titration;
    parts.push(
      `titrate from ${t.start}${t.step === null ? '' : ` by ${t.step}`} to ${t.max} ${t.unit}${t.intervalMin === null ? '' : ` every ${t.intervalMin} min`}`,
    );
  }
  if (step.sessionDoseMg !== null)
    parts.push(`${step.sessionDoseMg.min}–${step.sessionDoseMg.max} mg per session`);
  if (step.durationMin !== null) parts.push(`over ${step.durationMin.min}–${step.durationMin.max} min`);
  return [
    `infusion (${step.route}): ${step.label}`,
    ...(parts.length > 0 ? [`  ${parts.join('; ')}`] : []),
    `  ${step.note}`,
  ];
}

export function protocolText(p: Protocol): string {
  const lines = [
    `${p.id}@${p.version}: ${p.name}`,
    ...(p.basedOn === undefined ? [] : [`based on ${p.basedOn.id}@${p.basedOn.version}`]),
    ...(p.reviewRequired === null ? [] : [`REVIEW REQUIRED: ${p.reviewRequired}`]),
    '',
    `Indication: ${p.indication.text} (${p.indication.conditions.join(', ')})`,
    `Evidence: [${p.evidence.label}] ${p.evidence.grade}. ${p.evidence.summary}`,
    ...p.evidence.citations.map((c) => `  cites ${c.section}/${c.source}: ${c.note}`),
    `Routes: ${p.routes.join(', ')}`,
    `Weight basis: ${p.weightBasis ?? 'none (no per-kg amounts)'}. ${p.weightBasisNote}`,
    `Drug: ${p.drug.name}`,
    ...p.drug.standardConcentrations.map(
      (c) => `  ${c.concentrationMgPerMl} mg/mL ${c.container}: ${c.description} (${formatSource(c.source)})`,
    ),
    '',
    'Steps:',
    ...p.steps.flatMap(stepText).map((l) => `  ${l}`),
    '',
    `Sessions: ${p.sessions.text}`,
    ...(p.booster === null
      ? []
      : [
          `Booster: ${p.booster.text} (${formatSource(p.booster.source)})`,
          ...p.booster.schedule.map(
            (s) =>
              `  ${s.phase}${s.intervalDays === null ? '' : `; every ${s.intervalDays} days`}${s.durationDays === null ? '' : `; for ${s.durationDays} days`}`,
          ),
        ]),
    ...(p.cautions.length === 0 ? [] : ['', 'Cautions:', ...p.cautions.map((c) => `  ${c}`)]),
    '',
    'Limits (above soft: a physician records a reason; above hard: refused):',
    ...p.limits.flatMap((l) => [
      `  ${l.route}:`,
      ...(Object.keys(MEASURE_UNITS) as (keyof typeof MEASURE_UNITS)[]).map(
        (m) => `    ${m}: ${pairText(l[m], MEASURE_UNITS[m])}`,
      ),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

export function runProtocolsList(flags: { format?: string }): string {
  const format = parseFormat(flags.format, FORMATS, 'table');
  const protocols = listProtocols();
  return format === 'json' ? `${JSON.stringify(protocols)}\n` : protocolsTable(protocols);
}

/**
 * A library protocol named `id` (its latest version) or `id@version`; `flag` names the argument in messages.
 */
export function libraryProtocol(text: string, flag: string): Protocol {
  const available = () =>
    listProtocols()
      .map((p) => p.id)
      .join(', ');
  const match = /^([^@]+)(?:@(\d+))?$/.exec(text);
  if (match?.[1] === undefined)
    throw badFlag(flag, `must be <id> or <id>@<version>; available: ${available()}`);
  const id = match[1];
  const version = match[2] === undefined ? undefined : Number(match[2]);
  const protocol = getProtocol(id, version);
  if (protocol !== undefined) return protocol;
  const versions = PROTOCOL_LIBRARY.filter((p) => p.id === id).map((p) => p.version);
  if (versions.length > 0) {
    throw badFlag(
      flag,
      `protocol ${JSON.stringify(id)} has no version ${version ?? ''} (versions: ${versions.join(', ')})`,
    );
  }
  throw badFlag(flag, `unknown protocol ${JSON.stringify(id)}; available: ${available()}`);
}

export function runProtocolsShow(ref: string, flags: { format?: string }): string {
  const format = parseFormat(flags.format, FORMATS, 'table');
  const protocol = libraryProtocol(ref, '<id>');
  return format === 'json' ? `${JSON.stringify(protocol)}\n` : protocolText(protocol);
}

export function registerProtocolsCommands(protocols: Command): void {
  protocols
    .command('list')
    .description(
      'List the latest version of every library protocol: id@version, name, routes, evidence and whether a review is required.',
    )
    .option('--format <format>', 'table (default) or json (the Protocol objects)')
    .action((flags: { format?: string }) => {
      process.stdout.write(runProtocolsList(flags));
    });
  protocols
    .command('show')
    .description(
      'Show one library protocol in full: indication, evidence, steps, sessions, booster, cautions and its soft and hard limits with their sources.',
    )
    .argument(
      '<id[@version]>',
      'protocol id (ketapath protocols list), its latest version unless @version is given',
    )
    .option(
      '--format <format>',
      'table (default) or json (the Protocol object, also a valid --protocol-file)',
    )
    .action((ref: string, flags: { format?: string }) => {
      process.stdout.write(runProtocolsShow(ref, flags));
    });
}
