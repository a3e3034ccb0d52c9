/**
 * Reading the rules commands' input files: JSON from a file or standard input, checked with the @ketapath/core
 * schema of its kind, and clinic settings checked against the rule parameters. Every problem becomes one line
 * `ketapath: <file>: <field>: <problem>` and exit code 2; a clinical "no" is never an input error.
 */
import { readFileSync } from 'node:fs';
import { invalidFields, ZIsoDateTime } from '@ketapath/core';
import {
  PARAMETERS_BY_ID,
  validateSettingValue,
  type ClinicSettings,
  type SettingValue,
} from '@ketapath/clinical-rules';
import { badFlag } from '../pharmacology/flags.js';

/** The parts of a zod issue the messages use (zod 4 `$ZodIssue`, read structurally). */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly inclusive?: boolean;
}

/** Any zod schema: what `parseInput` needs of it. */
export interface InputSchema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/** A JSON source named on the command line: a file path, or `-` for standard input. */
export interface JsonSource {
  /** The flag that named it, e.g. `--order`. */
  readonly flag: string;
  readonly path: string;
}

/** How messages name a source: the path as typed, or `standard input`. */
export function sourceName(source: JsonSource): string {
  return source.path === '-' ? 'standard input' : source.path;
}

/** At most one input may come from standard input. */
export function assertOneStdin(sources: readonly (JsonSource | undefined)[]): void {
  const fromStdin = sources.filter((s) => s?.path === '-');
  if (fromStdin.length > 1) {
    throw badFlag(
      fromStdin[1]?.flag ?? '-',
      `only one input can be read from standard input (- is also given to ${fromStdin[0]?.flag ?? ''})`,
    );
  }
}

/** Reads and parses JSON; a missing file or bad JSON names the flag and the file. */
export function readJson(
  source: JsonSource,
  read: (path: string | 0) => string = (p) => readFileSync(p, 'utf8'),
): unknown {
  const name = sourceName(source);
  let text: string;
  try {
    text = read(source.path === '-' ? 0 : source.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw badFlag(
      source.flag,
      `cannot read ${name}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': is a directory' : code ? ` (${code})` : ''}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badFlag(
      source.flag,
      `${name} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** `doses[1].endMin` style path of an issue. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The issue's message in the product's words. Schemas in @ketapath/core give their own messages
 * ("must be one of …"); zod's generic ones ("Invalid input: …") are rephrased from the issue's data.
 */
export function issueMessage(issue: SchemaIssue): string {
  const generic = /^(Invalid|Too (small|big)|Unrecognized key)/.test(issue.message);
  if (!generic) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return 'is required';
      return `must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${show(issue.expected)}`;
    case 'invalid_value':
      if (issue.values !== undefined) {
        return issue.values.length === 1
          ? `must be ${show(issue.values[0])}`
          : `must be one of ${issue.values.map(show).join(', ')}`;
      }
      return issue.message;
    case 'unrecognized_keys':
      return `unknown field${(issue.keys?.length ?? 0) > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${show(issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${show(issue.maximum)}`;
    default:
      return issue.message;
  }
}

/** `rate.unit: must be one of …` (an issue on the whole document names no field). */
export function describeIssue(issue: SchemaIssue): string {
  const path = issuePath(issue.path);
  return `${path === '' ? '' : `${path}: `}${issueMessage(issue)}`;
}

/** Bad content of an input file: `<file>: <field>: <problem>`, exit code 2. */
export function badContent(source: JsonSource, message: string): Error {
  return invalidFields([{ field: sourceName(source), message }]);
}

/** Reads a source and checks it with its schema. */
export function readInput<T>(
  source: JsonSource,
  schema: InputSchema<T>,
  read?: (path: string | 0) => string,
): T {
  return parseInput(source, schema, readJson(source, read));
}

/** Checks parsed JSON with its schema; the first issue becomes the one-line error. */
export function parseInput<T>(source: JsonSource, schema: InputSchema<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw badContent(source, first === undefined ? 'is not valid' : describeIssue(first));
}

/**
 * A settings file: `{ "<parameter id>": value }` with only the clinic's overrides; each id must be a rule
 * parameter (`ketapath rules list`) and each value must pass the parameter's own check.
 */
export function parseSettings(source: JsonSource, value: unknown): ClinicSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badContent(source, 'must be a JSON object {"<parameter id>": value} (see ketapath rules list)');
  }
  const settings: Record<string, SettingValue> = {};
  for (const [id, setting] of Object.entries(value)) {
    const parameter = PARAMETERS_BY_ID.get(id);
    if (parameter === undefined)
      throw badContent(source, `${id}: unknown parameter (see ketapath rules list)`);
    const problem = validateSettingValue(parameter, setting);
    if (problem !== null) throw badContent(source, `${id}: ${problem}`);
    settings[id] = setting as SettingValue;
  }
  return settings;
}

export function readSettings(
  source: JsonSource | undefined,
  read?: (path: string | 0) => string,
): ClinicSettings {
  return source === undefined ? {} : parseSettings(source, readJson(source, read));
}

/** `--now`: an ISO 8601 date-time with offset; the system time when not given. */
export function parseNow(text: string | undefined, systemNow: () => Date = () => new Date()): Date {
  if (text === undefined) return systemNow();
  if (!ZIsoDateTime.safeParse(text).success)
    throw badFlag('--now', 'must be an ISO 8601 date-time with offset, e.g. 2025-03-01T09:30:00Z');
  return new Date(text);
}

/** A required flag, with a hint of what to give. */
export function requireFlag(flag: string, value: string | undefined, hint: string): string {
  if (value === undefined) throw badFlag(flag, `is required (${hint})`);
  return value;
}

export function sourceOf(flag: string, path: string | undefined): JsonSource | undefined {
  return path === undefined ? undefined : { flag, path };
}
