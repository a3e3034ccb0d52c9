/**
 * `defineRule` turns rule data plus an evaluate function into a runnable rule. The evaluate function reads
 * thresholds only through its context (`ctx.number('id')`), and only the parameters the rule declares, so
 * every number a finding used is named, sourced and shown with it.
 */
import type { SettingsView } from './settings.js';
import type {
  ActionTier,
  Citation,
  Finding,
  RuleArea,
  Severity,
  SettingValue,
  UsedParameter,
} from './types.js';

export interface FindingDraft {
  /** Defaults to the rule's severity. */
  readonly severity?: Severity;
  readonly message: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Parameter ids this finding compared against; defaults to none. */
  readonly parameters?: readonly string[];
  readonly actionTier?: ActionTier;
  readonly slip?: string;
  /** Overrides the rule title for this finding (e.g. a checklist item). */
  readonly title?: string;
}

export interface RuleContext {
  readonly now: Date;
  number(id: string): number;
  boolean(id: string): boolean;
  choice(id: string): string;
}

export interface Rule<S> {
  readonly id: string;
  readonly version: number;
  readonly area: RuleArea;
  readonly title: string;
  /** The severity the rule gives by default (a finding may say otherwise, e.g. a higher tier). */
  readonly severity: Severity;
  /** What the rule checks, for the rules reference. */
  readonly description: string;
  readonly parameters: readonly string[];
  readonly citations: readonly Citation[];
  readonly evaluate: (snapshot: S, ctx: RuleContext) => readonly FindingDraft[];
}

export function defineRule<S>(rule: Rule<S>): Rule<S> {
  if (!/^[a-z]+\/[a-z0-9-]+$/.test(rule.id)) throw new Error(`Rule id '${rule.id}' must be 'area/kebab-name'`);
  if (!rule.id.startsWith(`${rule.area}/`)) throw new Error(`Rule id '${rule.id}' must start with its area`);
  if (rule.citations.length === 0) throw new Error(`Rule '${rule.id}' needs at least one citation`);
  return Object.freeze(rule);
}

function read(settings: SettingsView, rule: Rule<unknown>, id: string): SettingValue {
  if (!rule.parameters.includes(id)) throw new Error(`Rule '${rule.id}' reads undeclared parameter '${id}'`);
  const { value } = settings.resolve(id);
  if (value === undefined) throw new Error(`Rule '${rule.id}' parameter '${id}' is not configured`);
  return value;
}

/**
 * Runs one rule over a snapshot. A rule whose parameters are not all set does not run: it gives one
 * needs-ack finding that names the settings the clinic must make.
 */
export function runRule<S>(rule: Rule<S>, snapshot: S, settings: SettingsView, now: Date): Finding[] {
  const missing = rule.parameters.filter((id) => !settings.isConfigured(id));
  if (missing.length > 0) {
    const labels = missing.map((id) => settings.resolve(id).parameter.label);
    return [
      {
        ruleId: rule.id,
        ruleVersion: rule.version,
        severity: 'needs-ack',
        title: rule.title,
        message: `This check cannot run until the clinic sets: ${labels.join('; ')}. REFERENCE.md gives no value, so there is no default.`,
        inputs: {},
        parameters: [],
        citations: rule.citations,
        unconfigured: missing,
      },
    ];
  }
  const generic = rule as Rule<unknown>;
  const ctx: RuleContext = {
    now,
    number: (id) => {
      const v = read(settings, generic, id);
      if (typeof v !== 'number') throw new Error(`Parameter '${id}' is not a number`);
      return v;
    },
    boolean: (id) => {
      const v = read(settings, generic, id);
      if (typeof v !== 'boolean') throw new Error(`Parameter '${id}' is not a boolean`);
      return v;
    },
    choice: (id) => {
      const v = read(settings, generic, id);
      if (typeof v !== 'string') throw new Error(`Parameter '${id}' is not a choice`);
      return v;
    },
  };
  return rule.evaluate(snapshot, ctx).map((draft): Finding => {
    const parameters: UsedParameter[] = (draft.parameters ?? []).map((id) => {
      if (!rule.parameters.includes(id)) throw new Error(`Rule '${rule.id}' cites undeclared parameter '${id}'`);
      return settings.used(id);
    });
    return {
      ruleId: rule.id,
      ruleVersion: rule.version,
      severity: draft.severity ?? rule.severity,
      title: draft.title ?? rule.title,
      message: draft.message,
      inputs: draft.inputs,
      parameters,
      citations: rule.citations,
      ...(draft.actionTier === undefined ? {} : { actionTier: draft.actionTier }),
      ...(draft.slip === undefined ? {} : { slip: draft.slip }),
    };
  });
}
