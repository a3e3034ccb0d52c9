/** `ketapath rules session`: the safety rules over one moment of an infusion session, without a server. */
import type { Command } from 'commander';
import { ZSessionSnapshot } from '@ketapath/core';
import {
  evaluateSession,
  type DischargeSummary,
  type RescuePrompt,
  type SessionChecklistItem,
  type SessionResult,
} from '@ketapath/clinical-rules';
import { parseFormat } from '../pharmacology/flags.js';
import { assertOneStdin, readInput, readSettings, requireFlag, sourceOf, type JsonSource } from './input.js';
import { countBySeverity, formatFindings, section } from './render.js';
import { EXIT_CODE_HELP, FORMATS, SETTINGS_HELP } from './shared.js';

export interface SessionFlags {
  snapshot?: string;
  settings?: string;
  format?: string;
}

const CHECK_MARK: Readonly<Record<SessionChecklistItem['status'], string>> = {
  done: 'done',
  open: 'OPEN',
  'n/a': 'n/a',
};

function checklistLine(item: SessionChecklistItem): string {
  const status =
    item.status === 'open' && item.severity !== undefined ? `OPEN ${item.severity}` : CHECK_MARK[item.status];
  return `[${status}] ${item.label}${item.finding === undefined ? '' : `: ${item.finding}`}`;
}

function rescueLine(p: RescuePrompt): string {
  return (
    `${p.problem} (after ${p.triggers.join(', ')}): ${p.suggestion}` +
    `${p.physicianOrderRequired ? ' [physician order required]' : ''} [${p.evidence}] ` +
    p.citations.map((c) => `${c.section}/${c.source}`).join(', ')
  );
}

function dischargeLines(d: DischargeSummary): string[] {
  const observed =
    d.observedMin === null
      ? 'time since the last dose not recorded'
      : `observed ${d.observedMin} min${d.requiredMin === null ? '' : ` of ${d.requiredMin} min required`}`;
  return [
    '',
    `Discharge: ${d.ready ? 'ready' : 'not ready'}; modified Aldrete ${d.aldreteScore ?? 'not scored'}${d.passing ? ' (passing)' : ' (not passing)'}; ${observed}`,
    ...(d.items === null
      ? []
      : Object.entries(d.items).map(
          ([item, score]) =>
            `  ${item}: ${score.score ?? '—'} (${score.source}${score.detail === undefined ? '' : `: ${score.detail}`})`,
        )),
  ];
}

export function sessionTable(result: SessionResult): string {
  const lines = [
    `Session (${result.phase}): ${result.status} (${countBySeverity(result.findings)})`,
    `Evaluated at ${result.evaluatedAt}`,
    ...section('Checklist', result.checklist.map(checklistLine)),
    ...section('Rescue prompts', result.rescuePrompts.map(rescueLine)),
    ...(result.discharge === null ? [] : dischargeLines(result.discharge)),
    '',
    formatFindings(result.findings),
  ];
  return `${lines.join('\n')}\n`;
}

export function runSession(flags: SessionFlags, read?: (path: string | 0) => string): string {
  const format = parseFormat(flags.format, FORMATS, 'table');
  const snapshotSource: JsonSource = {
    flag: '--snapshot',
    path: requireFlag('--snapshot', flags.snapshot, 'a JSON file, or - for standard input'),
  };
  const settingsSource = sourceOf('--settings', flags.settings);
  assertOneStdin([snapshotSource, settingsSource]);
  const snapshot = readInput(snapshotSource, ZSessionSnapshot, read);
  const settings = readSettings(settingsSource, read);
  const result = evaluateSession(snapshot, settings);
  return format === 'json' ? `${JSON.stringify(result)}\n` : sessionTable(result);
}

export function registerSessionCommand(rules: Command): Command {
  return rules
    .command('session')
    .description(
      'Evaluate the session safety and discharge rules for one snapshot of a session (REFERENCE §1.7, §4): status ok, warn, ' +
        'needs-ack or blocked, with the action tier of each finding, the checklist, rescue prompts and discharge readiness. ' +
        'The snapshot carries its own "now".',
    )
    .option(
      '--snapshot <file|->',
      'session snapshot JSON (the SessionSnapshot schema; see docs/clinical-rules.md), or - for standard input (required)',
    )
    .option('--settings <file>', SETTINGS_HELP)
    .option(
      '--format <format>',
      'table (default) or json ({status, phase, findings, checklist, rescuePrompts, discharge, evaluatedAt})',
    )
    .addHelpText('after', EXIT_CODE_HELP)
    .action((flags: SessionFlags) => {
      process.stdout.write(runSession(flags));
    });
}
