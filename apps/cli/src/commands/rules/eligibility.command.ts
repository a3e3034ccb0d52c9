/** `ketapath rules eligibility`: screens an intake against the eligibility rules, without a server. */
import type { Command } from 'commander';
import { ZIntake } from '@ketapath/core';
import { evaluateEligibility, type EligibilityResult } from '@ketapath/clinical-rules';
import { parseFormat } from '../pharmacology/flags.js';
import {
  assertOneStdin,
  parseNow,
  readInput,
  readSettings,
  requireFlag,
  sourceOf,
  type JsonSource,
} from './input.js';
import { countBySeverity, formatCitation, formatFindings, section } from './render.js';
import { EXIT_CODE_HELP, FORMATS, SETTINGS_HELP } from './shared.js';

export interface EligibilityFlags {
  intake?: string;
  settings?: string;
  now?: string;
  format?: string;
}

export function eligibilityTable(result: EligibilityResult): string {
  const lines = [
    `Eligibility: ${result.status} (${countBySeverity(result.findings)})`,
    `Evaluated at ${result.evaluatedAt}`,
    ...(result.conditionEvidence === null
      ? []
      : [
          '',
          `Condition evidence (${result.conditionEvidence.category}, ${result.conditionEvidence.code}): grade ${result.conditionEvidence.grade}, ${result.conditionEvidence.certainty}`,
          `  ${result.conditionEvidence.evidence}`,
          `  cites ${formatCitation(result.conditionEvidence.citation)}`,
        ]),
    ...section(
      'Tests due',
      result.testsDue.map(
        (t) => `${t.name} (${t.id}): ${t.reason} [${t.citation.section}/${t.citation.source}]`,
      ),
    ),
    ...section(
      'Interactions',
      result.interactions.map(
        (i) =>
          `${i.severity}: ${i.medication} (${i.interactionClass}): ${i.effect} ${i.handling} [${i.citation.section}/${i.citation.source}]`,
      ),
    ),
    '',
    formatFindings(result.findings),
  ];
  return `${lines.join('\n')}\n`;
}

export function runEligibility(flags: EligibilityFlags, read?: (path: string | 0) => string): string {
  const format = parseFormat(flags.format, FORMATS, 'table');
  const intakeSource: JsonSource = {
    flag: '--intake',
    path: requireFlag('--intake', flags.intake, 'a JSON file, or - for standard input'),
  };
  const settingsSource = sourceOf('--settings', flags.settings);
  assertOneStdin([intakeSource, settingsSource]);
  const now = parseNow(flags.now);
  const intake = readInput(intakeSource, ZIntake, read);
  const settings = readSettings(settingsSource, read);
  const result = evaluateEligibility(intake, settings, { now });
  return format === 'json' ? `${JSON.stringify(result)}\n` : eligibilityTable(result);
}

export function registerEligibilityCommand(rules: Command): Command {
  return rules
    .command('eligibility')
    .description(
      'Screen an intake against the eligibility rules (REFERENCE §1.2–§1.6, §5.2): status eligible, eligible-with-precautions, ' +
        'needs-physician-review or not-eligible, with every finding, the thresholds it used and its citations.',
    )
    .option(
      '--intake <file|->',
      'intake JSON (the @ketapath/core Intake schema; see docs/clinical-rules.md), or - for standard input (required)',
    )
    .option('--settings <file>', SETTINGS_HELP)
    .option('--now <iso>', 'evaluate as of this date-time (ISO 8601 with offset); default: now')
    .option(
      '--format <format>',
      'table (default) or json ({status, findings, conditionEvidence, testsDue, interactions, evaluatedAt})',
    )
    .addHelpText('after', EXIT_CODE_HELP)
    .action((flags: EligibilityFlags) => {
      process.stdout.write(runEligibility(flags));
    });
}
