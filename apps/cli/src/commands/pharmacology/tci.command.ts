/**
 * `ketapath tci`: the bolus and stepwise infusion rates that bring plasma ketamine to a target and hold it
 * (plasma-targeted TCI from the engine), with the schedule's verification by simulation.
 */
import { Option, type Command } from 'commander';
import { computeTci, type TciRequest, type TciResult } from '@ketapath/pharmacology';
import { nonNegativeNumber, parseFormat, parseModelId, parseSex, positiveNumber, required, withEngineIssues, withOneLineErrors } from './flags.js';
import { alignTable, formatMinutes, formatSignificant } from './number-format.js';

const FORMATS = ['table', 'json'] as const;

interface TciFlags {
  model?: string;
  weightKg?: string;
  ageYears?: string;
  sex?: string;
  heightCm?: string;
  targetNgMl?: string;
  durationMin?: string;
  maxRateMgPerH?: string;
  stepMin?: string;
  bolus?: boolean;
  format?: string;
}

/** A TCI step with the rate also per kg (mg/kg/h = mg/h ÷ weight in kg), as pumps are often programmed. */
export interface TciStepOut {
  readonly startMin: number;
  readonly endMin: number;
  readonly rateMgPerH: number;
  readonly rateMgPerKgPerH: number;
}

export function tciJson(result: TciResult, weightKg: number): string {
  return JSON.stringify({ ...result, bolusMgPerKg: result.bolusMg / weightKg, steps: stepsPerKg(result, weightKg) });
}

function stepsPerKg(result: TciResult, weightKg: number): TciStepOut[] {
  return result.steps.map((s) => ({ ...s, rateMgPerKgPerH: s.rateMgPerH / weightKg }));
}

export function tciTable(result: TciResult, weightKg: number): string {
  const rows = stepsPerKg(result, weightKg).map((s) => [
    formatMinutes(s.startMin),
    formatMinutes(s.endMin),
    formatSignificant(s.rateMgPerH),
    formatSignificant(s.rateMgPerKgPerH),
  ]);
  return [
    `${result.model.id}: ${result.model.title} (grade ${result.model.grade})`,
    `Target ${formatSignificant(result.targetNgPerMl)} ng/mL plasma ${result.model.analytes.parent}`,
    `Bolus at 0 min: ${formatSignificant(result.bolusMg)} mg (${formatSignificant(result.bolusMg / weightKg)} mg/kg)`,
    '',
    alignTable(['from (min)', 'to (min)', 'rate (mg/h)', 'rate (mg/kg/h)'], rows, [true, true, true, true]),
    '',
    `Total dose: ${formatSignificant(result.totalDoseMg)} mg (${formatSignificant(result.totalDoseMg / weightKg)} mg/kg)`,
    `Verification: target first reached at ${result.reachedTargetAtMin === null ? 'never' : `${formatMinutes(result.reachedTargetAtMin)} min`}; ` +
      `largest deviation afterwards ${formatSignificant(result.maxDeviationFraction * 100, 3)} % of target (checked at every step end and mid-step)`,
    ...(result.verification.warnings.length > 0 ? ['', 'Warnings:', ...result.verification.warnings.map((w) => `  ${w.severity}: ${w.message}`)] : []),
    '',
  ].join('\n');
}

function runTci(flags: TciFlags): void {
  const format = parseFormat(flags.format, FORMATS, 'table');
  const modelId = parseModelId(flags.model);
  const weightKg = positiveNumber('--weight-kg', required('--weight-kg', flags.weightKg, 'body weight in kg'));
  const ageYears = nonNegativeNumber('--age-years', required('--age-years', flags.ageYears, 'age in years'));
  const sex = parseSex(required('--sex', flags.sex, 'male or female'));
  const heightCm = flags.heightCm === undefined ? undefined : positiveNumber('--height-cm', flags.heightCm);
  const targetNgPerMl = positiveNumber('--target-ng-ml', required('--target-ng-ml', flags.targetNgMl, 'target plasma concentration in ng/mL'));
  const durationMin = positiveNumber('--duration-min', required('--duration-min', flags.durationMin, 'how long to hold the target, in minutes'));
  const request: TciRequest = {
    modelId,
    patient: { weightKg, ageYears, sex, ...(heightCm === undefined ? {} : { heightCm }) },
    targetNgPerMl,
    durationMin,
    ...(flags.stepMin === undefined ? {} : { stepMin: positiveNumber('--step-min', flags.stepMin) }),
    ...(flags.maxRateMgPerH === undefined ? {} : { maxRateMgPerH: positiveNumber('--max-rate-mg-per-h', flags.maxRateMgPerH) }),
    ...(flags.bolus === false ? { allowBolus: false } : {}),
  };
  const result = withEngineIssues(() => computeTci(request));
  process.stdout.write(format === 'json' ? `${tciJson(result, weightKg)}\n` : tciTable(result, weightKg));
}

export function registerTciCommand(program: Command): Command {
  const command = program
    .command('tci')
    .description('Target-controlled infusion: the bolus and stepwise rates (mg, mg/h, mg/kg/h) that reach and hold a plasma ketamine target, verified by simulating them.')
    .addOption(new Option('--model <id>', 'model id with an IV infusion route (required; see `ketapath models`)'))
    .addOption(new Option('--weight-kg <n>', 'body weight in kg (required)'))
    .addOption(new Option('--age-years <n>', 'age in years (required)'))
    .addOption(new Option('--sex <sex>', 'male or female (required)'))
    .addOption(new Option('--height-cm <n>', 'height in cm'))
    .addOption(new Option('--target-ng-ml <n>', 'target plasma concentration in ng/mL (required)'))
    .addOption(new Option('--duration-min <n>', 'how long to hold the target, in minutes (required)'))
    .addOption(new Option('--max-rate-mg-per-h <n>', 'pump limit in mg/h'))
    .addOption(new Option('--step-min <n>', 'length of each constant-rate step in minutes (default 1)'))
    .addOption(new Option('--no-bolus', 'start without a loading bolus'))
    .addOption(new Option('--format <format>', 'table (default; rounded) or json (exact numbers, with the verification series)'))
    .action((flags: TciFlags) => {
      runTci(flags);
    });
  return withOneLineErrors(command);
}
