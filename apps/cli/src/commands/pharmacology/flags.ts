/**
 * Reading the pharmacology commands' flags: numbers and lists checked strictly, regimen files read and
 * parsed, and the engine's issues (`patient.weightKg`) named by the flag the user typed (`--weight-kg`).
 * Every problem becomes one line `ketapath: <flag or JSON field>: <problem>` and exit code 2.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { invalidFields } from '@ketapath/core';
import { listModels, PharmacologyInputError, type ValidationIssue } from '@ketapath/pharmacology';

/** Bad input: main prints `ketapath: <flag>: <message>` and exits 2 (a VALIDATION_FAILED DomainError). */
export function badFlag(flag: string, message: string): Error {
  return invalidFields([{ field: flag, message }]);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number (no hex, no Infinity, no empty string), or undefined. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

export function positiveNumber(flag: string, text: string): number {
  const value = parseDecimal(text);
  if (value === undefined || !(value > 0)) throw badFlag(flag, 'must be a positive number');
  return value;
}

export function nonNegativeNumber(flag: string, text: string): number {
  const value = parseDecimal(text);
  if (value === undefined || value < 0) throw badFlag(flag, 'must be a number ≥ 0');
  return value;
}

export function integerIn(flag: string, text: string, min: number, max: number): number {
  const value = parseDecimal(text);
  if (value === undefined || !Number.isInteger(value) || value < min || value > max) throw badFlag(flag, `must be a whole number from ${min} to ${max}`);
  return value;
}

export function required(flag: string, value: string | undefined, hint: string): string {
  if (value === undefined) throw badFlag(flag, `is required (${hint})`);
  return value;
}

export function parseSex(text: string): 'male' | 'female' {
  if (text !== 'male' && text !== 'female') throw badFlag('--sex', 'must be male or female');
  return text;
}

/** `0,5,10.5` → [0, 5, 10.5]; order and range are the engine's checks (reported against --times-min). */
export function parseTimesList(text: string): number[] {
  const parts = text.split(',');
  return parts.map((part, i) => {
    const value = parseDecimal(part);
    if (value === undefined) throw badFlag('--times-min', `item ${i + 1} (${JSON.stringify(part)}) is not a number; give minutes separated by commas, e.g. 0,5,10`);
    return value;
  });
}

/** `CL=30,V1=20` → { CL: 30, V1: 20 } (CV % per model parameter). */
export function parseAssumedCv(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, cv, extra] = part.split('=');
    const value = cv === undefined ? undefined : parseDecimal(cv);
    if (name === undefined || name.trim() === '' || value === undefined || extra !== undefined) {
      throw badFlag('--assumed-cv', `${JSON.stringify(part)} is not <parameter>=<CV %>; e.g. CL=30,V1=25`);
    }
    out[name.trim()] = value;
  }
  return out;
}

/** `--format` against its allowed values. */
export function parseFormat<F extends string>(text: string | undefined, allowed: readonly F[], fallback: F): F {
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text)) throw badFlag('--format', `must be one of ${allowed.join(', ')}`);
  return text as F;
}

/** `--model`: checked here too so the message lists the models even when other flags are also wrong. */
export function parseModelId(text: string | undefined): string {
  const ids = listModels().map((m) => m.id);
  const id = required('--model', text, `one of ${ids.join(', ')}`);
  if (!ids.includes(id)) throw badFlag('--model', `unknown model ${JSON.stringify(id)}; available: ${ids.join(', ')}`);
  return id;
}

/** Reads the regimen JSON from a file or `-` (standard input); names the file when it cannot. */
export function readRegimenJson(source: string): unknown {
  const name = source === '-' ? 'standard input' : source;
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw badFlag('--regimen', `cannot read ${name}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badFlag('--regimen', `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}); expected {"doses":[…]}`);
  }
}

/** Engine request paths → the flags that fed them. Regimen paths stay JSON paths (`regimen.doses[1].endMin`). */
const FLAG_OF_PATH: Readonly<Record<string, string>> = {
  modelId: '--model',
  'patient.weightKg': '--weight-kg',
  'patient.ageYears': '--age-years',
  'patient.sex': '--sex',
  'patient.heightCm': '--height-cm',
  'grid.stepMin': '--grid-min',
  'grid.untilMin': '--until-min',
  'grid.fromMin': '--grid-min',
  grid: '--grid-min',
  thresholdNgPerMl: '--threshold-ng-ml',
  nPatients: '--population',
  seed: '--seed',
  assumedIivCvPercent: '--assumed-cv',
  targetNgPerMl: '--target-ng-ml',
  durationMin: '--duration-min',
  stepMin: '--step-min',
  maxRateMgPerH: '--max-rate-mg-per-h',
};

/** One engine issue as the CLI names it. */
export function cliIssue(issue: ValidationIssue): { field: string; message: string } {
  const times = /^timesMin(?:\[(\d+)\])?$/.exec(issue.path);
  if (times) return { field: '--times-min', message: times[1] === undefined ? issue.message : `item ${Number(times[1]) + 1}: ${issue.message}` };
  if (issue.path.startsWith('assumedIivCvPercent.')) return { field: '--assumed-cv', message: `${issue.path.slice('assumedIivCvPercent.'.length)}: ${issue.message}` };
  if (issue.path === '') return { field: '--regimen', message: issue.message };
  return { field: FLAG_OF_PATH[issue.path] ?? issue.path, message: issue.message };
}

/** Runs an engine call; its first input issue becomes the one-line usage error. */
export function withEngineIssues<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PharmacologyInputError) {
      const first = error.issues[0];
      throw first === undefined ? badFlag('input', error.message) : invalidFields([cliIssue(first)]);
    }
    throw error;
  }
}

/**
 * Commander's own parse errors ("error: unknown option '--wieght-kg'\n(Did you mean --weight-kg?)") as one
 * `ketapath: <flag>: <problem>` line, like every other bad input of these commands.
 */
export function oneLineCommanderError(text: string): string {
  const flat = text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
  const unknown = /^unknown option '([^']+)'(?: \(Did you mean (.+)\?\))?/.exec(flat);
  if (unknown) return `ketapath: ${unknown[1] ?? ''}: unknown option${unknown[2] ? ` (did you mean ${unknown[2]}?)` : ''}\n`;
  const missing = /^option '(--?[\w-]+)[^']*' argument missing/.exec(flat);
  if (missing) return `ketapath: ${missing[1] ?? ''}: needs a value\n`;
  return `ketapath: ${flat}\n`;
}

/** Applies the one-line error output to a command. */
export function withOneLineErrors(command: Command): Command {
  return command.configureOutput({
    outputError: (text, write) => {
      write(oneLineCommanderError(text));
    },
  });
}
