/**
 * Plain (schema-library-free) validation of simulation inputs. Each issue names the field by its path,
 * e.g. `doses[2].endMin: must be after startMin`, so the CLI, API and page can show it as is.
 */

export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** Thrown by the engine's entry points when input is invalid; `issues` carry every problem found. */
export class PharmacologyInputError extends Error {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[]) {
    super(issues.map(formatIssue).join('; '));
    this.name = 'PharmacologyInputError';
    this.issues = issues;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects issues while reading an unknown object. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }
  /** A finite number, optionally bounded; records an issue and returns undefined otherwise. */
  number(obj: Record<string, unknown>, key: string, path: string, opts: { min?: number; minExclusive?: boolean; required?: boolean } = {}): number | undefined {
    const value = obj[key];
    if (value === undefined) {
      if (opts.required !== false) this.add(path, 'is required');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(path, 'must be a finite number');
      return undefined;
    }
    if (opts.min !== undefined) {
      if (opts.minExclusive === true ? value <= opts.min : value < opts.min) {
        this.add(path, opts.minExclusive === true ? `must be greater than ${opts.min}` : `must be ≥ ${opts.min}`);
        return undefined;
      }
    }
    return value;
  }
  unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(path === '' ? key : `${path}.${key}`, `unknown field (allowed: ${allowed.join(', ')})`);
    }
  }
}
