/**
 * `ketapath rules list`: every rule with its severity, the parameters it reads (default and on whose
 * authority, or that the clinic must set one) and its REFERENCE.md citations.
 */
import type { Command } from 'commander';
import {
  describeParameters,
  describeRules,
  type ParameterDescriptor,
  type RuleArea,
  type RuleDescriptor,
} from '@ketapath/clinical-rules';
import { badFlag, parseFormat } from '../pharmacology/flags.js';
import { formatValue } from './render.js';

export const RULE_AREAS: readonly RuleArea[] = ['eligibility', 'order', 'session', 'discharge', 'ledger'];
const FORMATS = ['table', 'json'] as const;

export interface RulesListing {
  readonly rules: readonly RuleDescriptor[];
  /** The parameters the listed rules read. */
  readonly parameters: readonly ParameterDescriptor[];
}

export function parseArea(text: string | undefined): RuleArea | undefined {
  if (text === undefined) return undefined;
  const area = RULE_AREAS.find((a) => a === text);
  if (area === undefined) throw badFlag('--area', `must be one of ${RULE_AREAS.join(', ')}`);
  return area;
}

export function listRules(area?: RuleArea): RulesListing {
  const rules = describeRules().filter((r) => area === undefined || r.area === area);
  const used = new Set(rules.flatMap((r) => r.parameters));
  return { rules, parameters: describeParameters().filter((p) => used.has(p.id)) };
}

/** `180 mmHg (practice [P] default)` or `no default: clinic must set`. */
export function parameterDefault(p: ParameterDescriptor): string {
  if (p.default === null) return p.defaultBasis;
  return `${formatValue(p.default, p.unit)} (${p.defaultBasis})`;
}

export function rulesTable(listing: RulesListing): string {
  const byId = new Map(listing.parameters.map((p) => [p.id, p]));
  const blocks: string[] = [];
  for (const area of RULE_AREAS) {
    const rules = listing.rules.filter((r) => r.area === area);
    if (rules.length === 0) continue;
    blocks.push(`${area} (${rules.length} rule${rules.length === 1 ? '' : 's'})`);
    for (const r of rules) {
      blocks.push(
        [
          `  ${r.id}@${r.version}  [${r.severity}]  ${r.title}`,
          `    ${r.description}`,
          ...r.parameters.map((id) => {
            const p = byId.get(id);
            return p === undefined
              ? `    parameter ${id}`
              : `    parameter ${id}: ${p.label} = ${parameterDefault(p)}`;
          }),
          ...r.citations.map(
            (c) => `    cites ${c.section}/${c.source}: ${c.note === '' ? c.sectionTitle : c.note}`,
          ),
        ].join('\n'),
      );
    }
  }
  if (blocks.length === 0) return 'No rules.\n';
  return `${blocks.join('\n\n')}\n`;
}

export function runRulesList(flags: { area?: string; format?: string }): string {
  const format = parseFormat(flags.format, FORMATS, 'table');
  const listing = listRules(parseArea(flags.area));
  return format === 'json' ? `${JSON.stringify(listing)}\n` : rulesTable(listing);
}

export function registerRulesListCommand(rules: Command): Command {
  return rules
    .command('list')
    .description(
      'List every rule: id@version, area, severity, what it checks, the parameters it reads with their defaults and basis ' +
        '(e.g. "practice [P] default", or "no default: clinic must set") and its REFERENCE.md citations (§section/source).',
    )
    .option('--area <area>', `only one area: ${RULE_AREAS.join(', ')}`)
    .option('--format <format>', 'table (default) or json ({rules, parameters})')
    .action((flags: { area?: string; format?: string }) => {
      process.stdout.write(runRulesList(flags));
    });
}
