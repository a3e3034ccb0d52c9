/**
 * `ketapath rules check-order`: the dose-error checks of an infusion order against a protocol (from the
 * library, or a clinic's copy in a file), the patient and the recent orders, without a server.
 */
import type { Command } from 'commander';
import {
  ZOrder,
  ZOrderHistory,
  ZOrderPatient,
  ZProtocol,
  type OrderHistory,
  type Protocol,
} from '@ketapath/core';
import { checkOrder, validateProtocol, type OrderCheckResult } from '@ketapath/clinical-rules';
import { libraryProtocol } from './protocols.command.js';
import { badFlag, parseFormat } from '../pharmacology/flags.js';
import {
  assertOneStdin,
  badContent,
  parseNow,
  readInput,
  readSettings,
  requireFlag,
  sourceOf,
  type JsonSource,
} from './input.js';
import { countBySeverity, formatFindings } from './render.js';
import { EXIT_CODE_HELP, FORMATS, SETTINGS_HELP } from './shared.js';

export interface CheckOrderFlags {
  protocol?: string;
  protocolFile?: string;
  patient?: string;
  order?: string;
  history?: string;
  settings?: string;
  now?: string;
  format?: string;
}

/** A clinic's protocol file: the Protocol schema, then the library's own consistency checks. */
export function protocolFromFile(source: JsonSource, read?: (path: string | 0) => string): Protocol {
  const protocol = readInput(source, ZProtocol, read);
  const issues = validateProtocol(protocol);
  const first = issues[0];
  if (first !== undefined)
    throw badContent(source, `${first.path === '' ? '' : `${first.path}: `}${first.message}`);
  return protocol;
}

/** Up to 4 significant digits, no trailing zeros: 24.5, 0.35, 1.667. */
export function num(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function pumpLine(pump: OrderCheckResult['pump']): string {
  const parts: string[] = [];
  if (pump.rateMgPerH !== null) {
    const perKg = pump.rateMgPerKgPerH === null ? '' : ` = ${num(pump.rateMgPerKgPerH)} mg/kg/h`;
    const weight =
      pump.doseWeightKg === null ? '' : ` for ${num(pump.doseWeightKg)} kg (${pump.weightBasis} weight)`;
    parts.push(`${num(pump.rateMgPerH)} mg/h${perKg}${weight}`);
  }
  if (pump.rateMlPerH !== null) parts.push(`${num(pump.rateMlPerH)} mL/h`);
  if (pump.concentrationMgPerMl !== null) parts.push(`at ${num(pump.concentrationMgPerMl)} mg/mL`);
  if (pump.durationMin !== null) parts.push(`for ${num(pump.durationMin)} min`);
  if (pump.sessionDoseMg !== null) parts.push(`${num(pump.sessionDoseMg)} mg in the session`);
  if (pump.volumeMl !== null) parts.push(`${num(pump.volumeMl)} mL`);
  return parts.length === 0 ? 'not computed' : parts.join('; ');
}

function reverseCheckLine(r: OrderCheckResult['reverseCheck']): string {
  if (r.programmedRateMlPerH === null) return 'no pump rate given';
  const delivered =
    r.deliveredMgPerKgPerH === null
      ? 'cannot be computed'
      : `delivers ${num(r.deliveredMgPerKgPerH)} mg/kg/h`;
  const verdict = r.matches === null ? '' : r.matches ? ': matches the order' : ': DOES NOT match the order';
  return `pump programmed at ${num(r.programmedRateMlPerH)} mL/h ${delivered}${verdict}`;
}

export function checkOrderTable(result: OrderCheckResult, protocol: Protocol): string {
  const lines = [
    `Order check: ${result.verdict} (${countBySeverity(result.findings)})`,
    `Protocol: ${protocol.id}@${protocol.version} ${protocol.name}`,
    `Pump: ${pumpLine(result.pump)}`,
    `Reverse check: ${reverseCheckLine(result.reverseCheck)}`,
    ...(result.override === null
      ? []
      : [
          `Override: "${result.override.reason}" by ${result.override.orderedBy ?? 'unknown role'}: ${result.override.accepted ? 'accepted' : 'not accepted (only a physician can override)'}`,
        ]),
    `Evaluated at ${result.evaluatedAt}`,
    '',
    formatFindings(result.findings),
  ];
  return `${lines.join('\n')}\n`;
}

const NO_HISTORY: OrderHistory = [];

export function runCheckOrder(flags: CheckOrderFlags, read?: (path: string | 0) => string): string {
  const format = parseFormat(flags.format, FORMATS, 'table');
  if (flags.protocol !== undefined && flags.protocolFile !== undefined)
    throw badFlag('--protocol-file', 'give --protocol or --protocol-file, not both');
  if (flags.protocol === undefined && flags.protocolFile === undefined) {
    throw badFlag(
      '--protocol',
      `is required (<id>[@<version>] from ketapath protocols list, or --protocol-file <file>)`,
    );
  }
  const patientSource: JsonSource = {
    flag: '--patient',
    path: requireFlag('--patient', flags.patient, 'the patient JSON file'),
  };
  const orderSource: JsonSource = {
    flag: '--order',
    path: requireFlag('--order', flags.order, 'the order JSON file'),
  };
  const historySource = sourceOf('--history', flags.history);
  const settingsSource = sourceOf('--settings', flags.settings);
  const protocolSource = sourceOf('--protocol-file', flags.protocolFile);
  assertOneStdin([patientSource, orderSource, historySource, settingsSource, protocolSource]);
  const now = parseNow(flags.now);
  const protocol =
    protocolSource === undefined
      ? libraryProtocol(flags.protocol ?? '', '--protocol')
      : protocolFromFile(protocolSource, read);
  const patient = readInput(patientSource, ZOrderPatient, read);
  const order = readInput(orderSource, ZOrder, read);
  const history: OrderHistory =
    historySource === undefined ? NO_HISTORY : readInput(historySource, ZOrderHistory, read);
  const settings = readSettings(settingsSource, read);
  const result = checkOrder(order, patient, protocol, settings, history, { now });
  return format === 'json' ? `${JSON.stringify(result)}\n` : checkOrderTable(result, protocol);
}

export function registerCheckOrderCommand(rules: Command): Command {
  return rules
    .command('check-order')
    .description(
      'Check an infusion order against a protocol, the patient and recent orders (REFERENCE §1.4, §2.1, §3, §5): verdict ' +
        'accept, warn, override-required or blocked, with every finding (including the slip it looks like, e.g. tenfold), ' +
        'the pump settings and the reverse check.',
    )
    .option(
      '--protocol <id[@version]>',
      'a library protocol (ketapath protocols list); its latest version unless @version is given',
    )
    .option('--protocol-file <file>', "or: the clinic's own protocol JSON (the Protocol schema)")
    .option('--patient <file|->', 'patient JSON (the OrderPatient schema) (required)')
    .option('--order <file|->', 'order JSON (the Order schema) (required)')
    .option('--history <file|->', 'recent orders JSON (the OrderHistory schema); default: none')
    .option('--settings <file>', SETTINGS_HELP)
    .option('--now <iso>', 'check as of this date-time (ISO 8601 with offset); default: now')
    .option(
      '--format <format>',
      'table (default) or json ({verdict, findings, pump, reverseCheck, override, evaluatedAt})',
    )
    .addHelpText(
      'after',
      `\nThe input schemas, with an example of each, are in docs/clinical-rules.md.\n${EXIT_CODE_HELP}`,
    )
    .action((flags: CheckOrderFlags) => {
      process.stdout.write(runCheckOrder(flags));
    });
}
