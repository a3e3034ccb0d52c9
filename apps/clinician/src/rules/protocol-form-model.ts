/**
 * The protocol copy/edit form as data: which fields it offers (id, name, the numbers of each step, session
 * count and spacing, every soft and hard limit), their labels and units, the text typed into each, and how
 * the typed text becomes a Protocol again. Field keys are the protocol paths the server names in its errors
 * (`protocol.limits.0.rateMgPerKgPerH.hard`), so a server error lands under the right input.
 *
 * A limit whose value changes takes the clinic as its source (with the note typed for it, else the reason
 * for the change); an unchanged limit keeps its reference source.
 */
import {
  BOLUS_DOSE_UNITS,
  INFUSION_RATE_UNITS,
  ZProtocol,
  type LimitMeasure,
  type Protocol,
  type ProtocolLimit,
} from '@ketapath/core';
import { MEASURES, ROUTE_LABELS } from './protocol-labels';
import { formatNumber } from './rule-labels';

export type FieldKind = 'text' | 'number' | 'optional-number' | 'rate-unit' | 'dose-unit' | 'long-text';

export interface FormField {
  key: string;
  label: string;
  kind: FieldKind;
  unit?: string;
  /** For limits: the measure and bound, so the form can lay them out as a table. */
  limit?: { routeIndex: number; measure: LimitMeasure; bound: 'soft' | 'hard' };
}

export type FormTexts = Readonly<Record<string, string>>;

export const RATE_UNIT_OPTIONS = INFUSION_RATE_UNITS.map((u) => ({ value: u, label: u }));
export const DOSE_UNIT_OPTIONS = BOLUS_DOSE_UNITS.map((u) => ({ value: u, label: u }));

const KEY = {
  id: 'protocol.id',
  name: 'protocol.name',
  reason: 'reason',
} as const;
export const FORM_KEYS = KEY;

export function limitKey(routeIndex: number, measure: LimitMeasure, bound: 'soft' | 'hard'): string {
  return `protocol.limits.${routeIndex}.${measure}.${bound}`;
}

/** Where the note for a changed limit is typed. */
export function limitNoteKey(routeIndex: number, measure: LimitMeasure, bound: 'soft' | 'hard'): string {
  return `${limitKey(routeIndex, measure, bound)}.source.note`;
}

/** Every field of the form for this protocol, in page order. */
export function formFields(p: Protocol): FormField[] {
  const fields: FormField[] = [
    { key: KEY.id, label: 'Protocol id', kind: 'text' },
    { key: KEY.name, label: 'Name', kind: 'text' },
  ];
  p.steps.forEach((step, i) => {
    const at = `protocol.steps.${i}`;
    const n = `Step ${i + 1}`;
    fields.push({ key: `${at}.label`, label: `${n}: label`, kind: 'text' });
    if (step.kind === 'bolus') {
      fields.push(
        { key: `${at}.dose.min`, label: `${n}: bolus dose, lowest`, kind: 'number', unit: step.dose.unit },
        { key: `${at}.dose.max`, label: `${n}: bolus dose, highest`, kind: 'number', unit: step.dose.unit },
        { key: `${at}.dose.unit`, label: `${n}: bolus dose unit`, kind: 'dose-unit' },
        { key: `${at}.administration`, label: `${n}: administration`, kind: 'long-text' },
      );
    } else {
      if (step.rate) {
        fields.push(
          { key: `${at}.rate.min`, label: `${n}: rate, lowest`, kind: 'number', unit: step.rate.unit },
          { key: `${at}.rate.max`, label: `${n}: rate, highest`, kind: 'number', unit: step.rate.unit },
          { key: `${at}.rate.unit`, label: `${n}: rate unit`, kind: 'rate-unit' },
        );
      }
      if (step.titration) {
        const u = step.titration.unit;
        fields.push(
          { key: `${at}.titration.start`, label: `${n}: titration start`, kind: 'number', unit: u },
          { key: `${at}.titration.step`, label: `${n}: titration step`, kind: 'optional-number', unit: u },
          {
            key: `${at}.titration.intervalMin`,
            label: `${n}: titration interval`,
            kind: 'optional-number',
            unit: 'min',
          },
          { key: `${at}.titration.max`, label: `${n}: titration maximum`, kind: 'number', unit: u },
        );
      }
      if (step.sessionDoseMg) {
        fields.push(
          {
            key: `${at}.sessionDoseMg.min`,
            label: `${n}: dose per session, lowest`,
            kind: 'number',
            unit: 'mg',
          },
          {
            key: `${at}.sessionDoseMg.max`,
            label: `${n}: dose per session, highest`,
            kind: 'number',
            unit: 'mg',
          },
        );
      }
      if (step.durationMin) {
        fields.push(
          { key: `${at}.durationMin.min`, label: `${n}: duration, shortest`, kind: 'number', unit: 'min' },
          { key: `${at}.durationMin.max`, label: `${n}: duration, longest`, kind: 'number', unit: 'min' },
        );
      }
    }
    fields.push({ key: `${at}.note`, label: `${n}: note`, kind: 'long-text' });
  });
  fields.push(
    { key: 'protocol.sessions.count', label: 'Number of sessions', kind: 'optional-number' },
    {
      key: 'protocol.sessions.spacingDays',
      label: 'Days between sessions',
      kind: 'optional-number',
      unit: 'days',
    },
    { key: 'protocol.sessions.text', label: 'Sessions: description', kind: 'long-text' },
  );
  p.limits.forEach((routeLimits, r) => {
    for (const m of MEASURES) {
      for (const bound of ['soft', 'hard'] as const) {
        fields.push({
          key: limitKey(r, m.key, bound),
          label: `${ROUTE_LABELS[routeLimits.route]} · ${m.label}, ${bound} limit`,
          kind: 'optional-number',
          unit: m.unit,
          limit: { routeIndex: r, measure: m.key, bound },
        });
      }
    }
  });
  return fields;
}

/** Field key → label, for the error summary (limit notes and the reason included). */
export function fieldLabels(fields: readonly FormField[]): Record<string, string> {
  const labels: Record<string, string> = {
    [KEY.reason]: 'Reason',
    protocol: 'Protocol',
    basedOn: 'Based on',
  };
  for (const f of fields) {
    labels[f.key] = f.unit ? `${f.label} (${f.unit})` : f.label;
    if (f.limit) labels[`${f.key}.source.note`] = `${f.label}: source note`;
  }
  return labels;
}

/** Reads a protocol path such as `steps.0.rate.min` (without the `protocol.` prefix). */
function readPath(root: unknown, path: string): unknown {
  let at: unknown = root;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function writePath(root: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop();
  let at: Record<string, unknown> = root;
  for (const part of parts) at = at[part] as Record<string, unknown>;
  if (last !== undefined) at[last] = value;
}

function strip(key: string): string {
  return key.replace(/^protocol\./, '');
}

function toText(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  return '';
}

/** The text of every field, read from the protocol (a limit shows its value, or nothing when null). */
export function initialTexts(
  p: Protocol,
  fields: readonly FormField[],
  mode: 'copy' | 'edit',
): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const f of fields) {
    const value = readPath(p, strip(f.key));
    texts[f.key] = f.limit ? toText((value as ProtocolLimit)?.value) : toText(value);
  }
  if (mode === 'copy') {
    texts[KEY.id] = p.basedOn ? `${p.id}-copy` : `${p.id}-clinic`;
    texts[KEY.name] = `${p.name} (clinic)`;
  }
  texts[KEY.reason] = '';
  return texts;
}

/** Whether the typed limit differs from the protocol's own (a new source is then needed). */
export function isLimitChanged(p: Protocol, f: FormField, text: string): boolean {
  const before = readPath(p, strip(f.key)) as ProtocolLimit;
  const typed = parseNumber(text);
  if (before === null) return text.trim() !== '';
  return typed === undefined || Number.isNaN(typed) || typed !== before.value;
}

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t.replace(',', '.'));
}

export type BuildResult =
  { ok: true; protocol: Protocol; reason: string } | { ok: false; errors: Record<string, string> };

/**
 * The protocol the form describes, or the problems with it by field key. `today` (YYYY-MM-DD) dates the
 * clinic source of changed limits.
 */
export function buildProtocol(
  base: Protocol,
  fields: readonly FormField[],
  texts: FormTexts,
  today: string,
): BuildResult {
  const errors: Record<string, string> = {};
  const draft = structuredClone(base) as unknown as Record<string, unknown>;
  const reason = (texts[KEY.reason] ?? '').trim();
  if (reason.length < 3) errors[KEY.reason] = 'is required: say why (at least 3 characters)';
  else if (reason.length > 500) errors[KEY.reason] = 'must be at most 500 characters';

  for (const f of fields) {
    const text = texts[f.key] ?? '';
    const path = strip(f.key);
    switch (f.kind) {
      case 'text':
      case 'long-text':
      case 'rate-unit':
      case 'dose-unit':
        writePath(draft, path, text.trim());
        break;
      case 'number':
      case 'optional-number': {
        const n = parseNumber(text);
        const unit = f.unit ? ` in ${f.unit}` : '';
        if (n === undefined) {
          if (f.kind === 'number') {
            errors[f.key] = `is required: enter a number${unit}`;
            break;
          }
          writePath(draft, path, null);
          break;
        }
        if (!Number.isFinite(n)) {
          errors[f.key] = `must be a number${unit}`;
          break;
        }
        if (f.limit) {
          const before = readPath(base, path) as ProtocolLimit;
          if (before !== null && before.value === n) break; // unchanged: keeps its source
          const note = (texts[`${f.key}.source.note`] ?? '').trim() || reason || 'Clinic limit.';
          writePath(draft, path, { value: n, source: { kind: 'clinic', note, setOn: today } });
        } else {
          writePath(draft, path, n);
        }
        break;
      }
    }
  }

  // Soft above hard makes the soft limit meaningless; say so beside the soft limit.
  for (const f of fields) {
    if (!f.limit || f.limit.bound !== 'soft' || errors[f.key]) continue;
    const hardKey = limitKey(f.limit.routeIndex, f.limit.measure, 'hard');
    const soft = parseNumber(texts[f.key] ?? '');
    const hard = parseNumber(texts[hardKey] ?? '');
    if (soft !== undefined && hard !== undefined && soft > hard) {
      errors[f.key] = `must not be above the hard limit (${formatNumber(hard)} ${f.unit ?? ''})`.replace(
        ' )',
        ')',
      );
    }
  }

  const parsed = ZProtocol.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = normaliseKey(`protocol.${issue.path.map(String).join('.')}`);
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, protocol: parsed.data, reason };
}

/** A server or schema path pointing inside a limit (`….hard.value`) names the limit's input. */
export function normaliseKey(key: string): string {
  return key.replace(/^(protocol\.limits\.\d+\.\w+\.(?:soft|hard))\.value$/, '$1');
}
