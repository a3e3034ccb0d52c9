/**
 * The intake form as the user types it: text for numbers and dates, flags, choices and repeatable rows, keyed
 * by the intake's own field paths ('vitals.systolicMmHg', 'pain.workup.0.performedOn'), so zod's issue paths
 * and the server's field names land on the control they belong to. `buildIntake` turns a draft into the
 * Intake the rules read and checks it with the shared schema.
 */
import { ZIntake, type Intake, type Patient } from '@ketapath/core';
import { ageYears } from '../../data/dates';
import { fieldErrorsFromIssues } from '../../forms/field';

export type DraftValue = string | boolean | readonly string[];
export type DraftFields = Readonly<Record<string, DraftValue>>;
export interface DraftRow {
  readonly key: string;
  readonly values: DraftFields;
}

export const LIST_NAMES = [
  'pain.workup',
  'treatmentsTried',
  'currentMedications',
  'cardiovascular.conditions',
  'substanceUse',
  'allergies',
] as const;
export type ListName = (typeof LIST_NAMES)[number];

export interface IntakeDraft {
  readonly fields: DraftFields;
  readonly lists: Readonly<Record<ListName, readonly DraftRow[]>>;
}

/** How a text box becomes an intake value. */
type FieldKind =
  | 'text' // required text
  | 'optText' // text, left out when blank
  | 'num' // number (blank → missing, so the schema says "is required")
  | 'optNum' // number, left out when blank
  | 'choice' // select
  | 'optChoice' // select, left out when blank
  | 'flag' // checkbox
  | 'triFlag' // '' | 'yes' | 'no'
  | 'csv' // comma-separated list of text
  | 'set'; // several choices (checkbox group)

const SCALARS: Readonly<Record<string, FieldKind>> = {
  evaluatedOn: 'text',
  'patient.ageYears': 'num',
  'patient.sex': 'choice',
  'patient.weightKg': 'optNum',
  'plannedTreatment.recurrentDosing': 'flag',
  'pain.onsetOn': 'optText',
  'pain.durationMonths': 'optNum',
  'pain.sites': 'csv',
  'pain.character': 'csv',
  'pain.primaryCondition.code': 'text',
  'pain.primaryCondition.label': 'text',
  'pain.conditionCategory': 'choice',
  'cardiovascular.riskFactors': 'set',
  'cardiovascular.suspectedDisease': 'flag',
  'vitals.systolicMmHg': 'num',
  'vitals.diastolicMmHg': 'num',
  'vitals.heartRatePerMin': 'num',
  'psychiatric.psychosis': 'choice',
  'psychiatric.depression': 'flag',
  'psychiatric.ptsd': 'flag',
  'psychiatric.other': 'csv',
  'pregnancy.status': 'choice',
  'pregnancy.breastfeeding': 'flag',
  'hepatic.diseaseSeverity': 'choice',
  'hepatic.description': 'optText',
  'hepatic.chronicHepatitis': 'flag',
  'hepatic.labs.altIuPerL': 'optNum',
  'hepatic.labs.astIuPerL': 'optNum',
  'hepatic.labs.alpIuPerL': 'optNum',
  'hepatic.labs.measuredOn': 'optText',
  'renal.egfrMlPerMinPer173m2': 'optNum',
  'renal.measuredOn': 'optText',
  'intracranial.pressure': 'choice',
  'intracranial.description': 'optText',
  'intraocular.glaucoma': 'choice',
  'intraocular.iopMmHg': 'optNum',
  'intraocular.measuredOn': 'optText',
  'thyroid.disease': 'choice',
  'thyroid.controlled': 'triFlag',
  'baselineScores.nrs': 'num',
  'baselineScores.phq9Total': 'num',
  'baselineScores.phq9Item9': 'optNum',
  'baselineScores.gad7Total': 'num',
  'baselineScores.pegMean': 'optNum',
};

/** Optional sections: left out entirely while every one of their fields is blank. */
const OPTIONAL_SECTIONS = ['hepatic.labs', 'renal'] as const;

const ROWS: Readonly<Record<ListName, Readonly<Record<string, FieldKind>>>> = {
  'pain.workup': { kind: 'choice', description: 'text', performedOn: 'text', result: 'text' },
  treatmentsTried: {
    class: 'choice',
    drug: 'optChoice',
    dailyDoseMg: 'optNum',
    patchMcgPerH: 'optNum',
    name: 'optText',
    outcome: 'choice',
    note: 'optText',
  },
  currentMedications: { name: 'text', classes: 'set', doseText: 'optText' },
  'cardiovascular.conditions': { kind: 'choice', description: 'optText', controlled: 'flag' },
  substanceUse: { substance: 'choice', status: 'choice', misuse: 'flag', description: 'optText' },
  allergies: { kind: 'choice', substance: 'text', reaction: 'optText' },
};

/** A new row's values: what most patients have, so a row needs the fewest keystrokes. */
const NEW_ROW: Readonly<Record<ListName, DraftFields>> = {
  'pain.workup': { kind: 'imaging', description: '', performedOn: '', result: '' },
  treatmentsTried: {
    class: 'gabapentinoid',
    drug: '',
    dailyDoseMg: '',
    patchMcgPerH: '',
    name: '',
    outcome: 'ineffective',
    note: '',
  },
  currentMedications: { name: '', classes: [], doseText: '' },
  'cardiovascular.conditions': { kind: 'hypertension', description: '', controlled: true },
  substanceUse: { substance: 'alcohol', status: 'past', misuse: false, description: '' },
  allergies: { kind: 'other', substance: '', reaction: '' },
};

let rowCounter = 0;
function rowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function newRow(list: ListName): DraftRow {
  return { key: rowKey(), values: { ...NEW_ROW[list] } };
}

/** The form for a first intake: today's date, the patient's age, sex and weight, and "none" everywhere. */
export function emptyDraft(patient: Patient, today: string): IntakeDraft {
  const weight = patient.latestWeight;
  return {
    fields: {
      evaluatedOn: today,
      'patient.ageYears': String(ageYears(patient.dateOfBirth, today)),
      'patient.sex': patient.sexAtBirth,
      'patient.weightKg': weight && weight.measuredOn <= today ? String(weight.weightKg) : '',
      'plannedTreatment.recurrentDosing': false,
      'pain.onsetOn': '',
      'pain.durationMonths': '',
      'pain.sites': '',
      'pain.character': '',
      'pain.primaryCondition.code': '',
      'pain.primaryCondition.label': '',
      'pain.conditionCategory': '',
      'cardiovascular.riskFactors': [],
      'cardiovascular.suspectedDisease': false,
      'vitals.systolicMmHg': '',
      'vitals.diastolicMmHg': '',
      'vitals.heartRatePerMin': '',
      'psychiatric.psychosis': 'none',
      'psychiatric.depression': false,
      'psychiatric.ptsd': false,
      'psychiatric.other': '',
      'pregnancy.status': patient.sexAtBirth === 'male' ? 'not-applicable' : 'unknown',
      'pregnancy.breastfeeding': false,
      'hepatic.diseaseSeverity': 'none',
      'hepatic.description': '',
      'hepatic.chronicHepatitis': false,
      'hepatic.labs.altIuPerL': '',
      'hepatic.labs.astIuPerL': '',
      'hepatic.labs.alpIuPerL': '',
      'hepatic.labs.measuredOn': '',
      'renal.egfrMlPerMinPer173m2': '',
      'renal.measuredOn': '',
      'intracranial.pressure': 'none',
      'intracranial.description': '',
      'intraocular.glaucoma': 'none',
      'intraocular.iopMmHg': '',
      'intraocular.measuredOn': '',
      'thyroid.disease': 'none',
      'thyroid.controlled': '',
      'baselineScores.nrs': '',
      'baselineScores.phq9Total': '',
      'baselineScores.phq9Item9': '',
      'baselineScores.gad7Total': '',
      'baselineScores.pegMean': '',
    },
    lists: {
      'pain.workup': [],
      treatmentsTried: [],
      currentMedications: [],
      'cardiovascular.conditions': [],
      substanceUse: [],
      allergies: [],
    },
  };
}

// --- reading and writing paths ------------------------------------------------------------------------

function getPath(obj: unknown, path: string): unknown {
  let at: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = obj;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (typeof next === 'object' && next !== null) at = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      at[part] = created;
      at = created;
    }
  }
  const last = parts[parts.length - 1];
  if (last !== undefined) at[last] = value;
}

/** The list a field path belongs to and the row index, e.g. 'pain.workup.2.result' → ['pain.workup', 2, 'result']. */
export function splitRowPath(path: string): [ListName, number, string] | null {
  for (const list of LIST_NAMES) {
    if (!path.startsWith(`${list}.`)) continue;
    const [index, ...rest] = path.slice(list.length + 1).split('.');
    const i = Number(index);
    if (Number.isInteger(i) && rest.length > 0) return [list, i, rest.join('.')];
  }
  return null;
}

export function readDraft(draft: IntakeDraft, path: string): DraftValue {
  const row = splitRowPath(path);
  if (row) return draft.lists[row[0]][row[1]]?.values[row[2]] ?? '';
  return draft.fields[path] ?? '';
}

export function writeDraft(draft: IntakeDraft, path: string, value: DraftValue): IntakeDraft {
  const row = splitRowPath(path);
  if (!row) return { ...draft, fields: { ...draft.fields, [path]: value } };
  const [list, index, field] = row;
  const rows = draft.lists[list].map((r, i) =>
    i === index ? { ...r, values: { ...r.values, [field]: value } } : r,
  );
  return { ...draft, lists: { ...draft.lists, [list]: rows } };
}

export function addRow(draft: IntakeDraft, list: ListName): IntakeDraft {
  return { ...draft, lists: { ...draft.lists, [list]: [...draft.lists[list], newRow(list)] } };
}

export function removeRow(draft: IntakeDraft, list: ListName, index: number): IntakeDraft {
  return { ...draft, lists: { ...draft.lists, [list]: draft.lists[list].filter((_, i) => i !== index) } };
}

// --- draft → intake ------------------------------------------------------------------------------------

function isBlank(value: DraftValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'boolean') return false;
  return value.length === 0;
}

/** A number as typed (comma or point); text that is not a number is passed on for the schema to name. */
export function parseNumberText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : t;
}

function convert(kind: FieldKind, value: DraftValue | undefined): unknown {
  const text = typeof value === 'string' ? value : '';
  switch (kind) {
    case 'text':
    case 'choice':
      return text.trim() === '' ? undefined : text.trim();
    case 'optText':
    case 'optChoice':
      return text.trim() === '' ? undefined : text.trim();
    case 'num':
    case 'optNum':
      return parseNumberText(text);
    case 'flag':
      return value === true;
    case 'triFlag':
      return text === 'yes' ? true : text === 'no' ? false : undefined;
    case 'csv':
      return text
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'set':
      return Array.isArray(value) ? [...(value as readonly string[])] : [];
  }
}

function buildRow(list: ListName, row: DraftRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(ROWS[list])) {
    const v = convert(kind, row.values[field]);
    if (v !== undefined) out[field] = v;
  }
  if (list === 'treatmentsTried' && out.class !== 'opioid') {
    delete out.drug;
    delete out.dailyDoseMg;
    delete out.patchMcgPerH;
  }
  return out;
}

/** The object the form describes, before the schema's checks. */
export function draftToObject(draft: IntakeDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, kind] of Object.entries(SCALARS)) {
    const section = OPTIONAL_SECTIONS.find((s) => path.startsWith(`${s}.`));
    if (section) {
      const fields = Object.keys(SCALARS).filter((p) => p.startsWith(`${section}.`));
      if (fields.every((p) => isBlank(draft.fields[p]))) continue;
    }
    const v = convert(kind, draft.fields[path]);
    if (v !== undefined) setPath(out, path, v);
    else if (kind === 'text' || kind === 'choice' || kind === 'num') setPath(out, path, undefined);
  }
  for (const list of LIST_NAMES) {
    setPath(
      out,
      list,
      draft.lists[list].map((row) => buildRow(list, row)),
    );
  }
  // Sections the schema needs even when every field in them is optional.
  for (const section of ['intracranial', 'intraocular', 'thyroid', 'hepatic']) {
    if (getPath(out, section) === undefined) setPath(out, section, {});
  }
  return out;
}

export type BuiltIntake =
  | { ok: true; intake: Intake; errors: Record<string, never> }
  | { ok: false; intake: null; errors: Record<string, string> };

/** Where an issue on a whole section is shown: on its first field. */
const SECTION_ERROR_FIELD: Readonly<Record<string, string>> = {
  'hepatic.labs': 'hepatic.labs.altIuPerL',
  'pain.sites': 'pain.sites',
  renal: 'renal.egfrMlPerMinPer173m2',
};

export function buildIntake(draft: IntakeDraft): BuiltIntake {
  const parsed = ZIntake.safeParse(draftToObject(draft));
  if (parsed.success) return { ok: true, intake: parsed.data, errors: {} };
  const raw = fieldErrorsFromIssues(parsed.error.issues);
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(raw)) errors[SECTION_ERROR_FIELD[path] ?? path] ??= message;
  return { ok: false, intake: null, errors };
}

// --- intake → draft (to start the next version, or to read an older one) --------------------------------

function toText(kind: FieldKind, value: unknown): DraftValue {
  if (kind === 'flag') return value === true;
  if (kind === 'triFlag') return value === true ? 'yes' : value === false ? 'no' : '';
  if (kind === 'csv') return Array.isArray(value) ? value.join(', ') : '';
  if (kind === 'set') return Array.isArray(value) ? value.map(String) : [];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function draftFromIntake(intake: Intake): IntakeDraft {
  const fields: Record<string, DraftValue> = {};
  for (const [path, kind] of Object.entries(SCALARS)) fields[path] = toText(kind, getPath(intake, path));
  const lists = {} as Record<ListName, DraftRow[]>;
  for (const list of LIST_NAMES) {
    const rows = getPath(intake, list);
    lists[list] = (Array.isArray(rows) ? rows : []).map((row: unknown) => {
      const values: Record<string, DraftValue> = { ...NEW_ROW[list] };
      for (const [field, kind] of Object.entries(ROWS[list]))
        values[field] = toText(kind, getPath(row, field));
      return { key: rowKey(), values };
    });
  }
  return { fields, lists };
}

/** Server field names may carry the body's `intake.` prefix. */
export function intakeFieldErrors(errors: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) out[field.replace(/^intake\./, '')] ??= message;
  return out;
}
