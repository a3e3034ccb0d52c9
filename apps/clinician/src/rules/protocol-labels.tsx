/**
 * How a protocol's parts read on screen: routes, weight bases, dose and rate ranges with their units, the
 * quantities a limit applies to, and the source label every number carries (REFERENCE.md section, source
 * key and evidence label, or the clinic's own decision).
 */
import type {
  LimitMeasure,
  ProtocolCondition,
  ProtocolLimit,
  ProtocolRoute,
  ValueSource,
  WeightBasis,
} from '@ketapath/core';
import { formatDate } from '../data/dates';
import { formatNumber } from './rule-labels';

export const ROUTE_LABELS: Readonly<Record<ProtocolRoute, string>> = {
  'iv-infusion': 'IV infusion',
  'iv-bolus': 'IV bolus',
  intranasal: 'Intranasal',
  oral: 'Oral',
  sublingual: 'Sublingual',
  intramuscular: 'Intramuscular (IM)',
  subcutaneous: 'Subcutaneous (SC)',
};

export const CONDITION_LABELS: Readonly<Record<ProtocolCondition, string>> = {
  crps: 'CRPS',
  'sci-pain': 'Spinal cord injury pain',
  neuropathic: 'Neuropathic pain',
  'phantom-limb': 'Phantom limb pain',
  'postherpetic-neuralgia': 'Postherpetic neuralgia',
  fibromyalgia: 'Fibromyalgia',
  'cancer-pain': 'Cancer pain',
  'ischemic-pain': 'Ischemic pain',
  'migraine-headache': 'Migraine / headache',
  'low-back-spinal': 'Low back / spinal pain',
  other: 'Other',
  perioperative: 'Perioperative',
  'acute-pain': 'Acute pain',
};

export const WEIGHT_BASIS_LABELS: Readonly<Record<WeightBasis, string>> = {
  actual: 'Actual body weight',
  ideal: 'Ideal body weight',
  adjusted: 'Adjusted body weight',
};

/** The quantity each limit applies to, and its unit (the unit is in the measure's name). */
export const MEASURES: ReadonlyArray<{ key: LimitMeasure; label: string; unit: string }> = [
  { key: 'rateMgPerKgPerH', label: 'Infusion rate', unit: 'mg/kg/h' },
  { key: 'rateMgPerH', label: 'Infusion rate', unit: 'mg/h' },
  { key: 'bolusMgPerKg', label: 'Bolus dose', unit: 'mg/kg' },
  { key: 'bolusMg', label: 'Bolus dose', unit: 'mg' },
  { key: 'sessionDoseMg', label: 'Dose per session', unit: 'mg' },
  { key: 'dailyDoseMg', label: 'Dose per day', unit: 'mg' },
  { key: 'weeklyDoseMg', label: 'Dose per week', unit: 'mg' },
  { key: 'concentrationMgPerMl', label: 'Concentration', unit: 'mg/mL' },
];

export const CONTAINER_LABELS: Readonly<Record<string, string>> = {
  bag: 'Bag',
  vial: 'Vial',
  syringe: 'Syringe',
  'oral-liquid': 'Oral liquid',
};

/** "0.35 mg/kg/h" or "10–40 mg/h". */
export function formatRange(range: { min: number; max: number }, unit: string): string {
  return range.min === range.max
    ? `${formatNumber(range.min)} ${unit}`
    : `${formatNumber(range.min)}–${formatNumber(range.max)} ${unit}`;
}

/** Minutes, with hours alongside when they are whole: "240 min (4 h)". */
export function formatMinutes(range: { min: number; max: number }): string {
  const text = formatRange(range, 'min');
  const inHours = (m: number) => (m % 60 === 0 ? formatNumber(m / 60) : null);
  const min = inHours(range.min);
  const max = inHours(range.max);
  if (min === null || max === null) return text;
  return `${text} (${min === max ? min : `${min}–${max}`} h)`;
}

export function formatDays(days: number): string {
  return `${formatNumber(days)} day${days === 1 ? '' : 's'}`;
}

/** The short label of where a value comes from, e.g. "[P] §2.1 · S7" or "clinic". */
export function sourceLabel(source: ValueSource): string {
  if (source.kind === 'clinic') return `clinic${source.setOn ? ` (${formatDate(source.setOn)})` : ''}`;
  return `[${source.evidence}] ${source.section} · ${source.source}${source.verification === 'unverified' ? ' · U' : ''}`;
}

export function SourceTag({ source }: { source: ValueSource }) {
  const title =
    source.kind === 'clinic'
      ? `Clinic value: ${source.note}`
      : `REFERENCE.md ${source.section}, source ${source.source}, evidence [${source.evidence}]${source.verification === 'unverified' ? ', unverified (U)' : ''}: ${source.note}`;
  return (
    <span
      className={`source-tag source-${source.kind}${source.kind === 'reference' && source.verification === 'unverified' ? ' source-unverified' : ''}`}
      title={title}
    >
      {sourceLabel(source)}
    </span>
  );
}

/** A limit value with its unit and source; a null limit reads "clinic must set". */
export function LimitCell({ limit, unit }: { limit: ProtocolLimit; unit: string }) {
  if (limit === null) {
    return (
      <span className="limit-unset">
        <span aria-hidden="true">○ </span>clinic must set
      </span>
    );
  }
  return (
    <span className="limit-cell">
      <strong>
        {formatNumber(limit.value)} {unit}
      </strong>{' '}
      <SourceTag source={limit.source} />
    </span>
  );
}
