/**
 * How the ledger pages name things: container statuses (a chip with a symbol and text, never colour alone),
 * amounts in mg and mL from the stored µg and µL, waste methods, discrepancy classifications, entry kinds,
 * loss-report steps and people.
 */
import { formatUgAsMg, formatUlAsMl, type ContainerState, type LedgerPerson } from '@ketapath/api-client';
import type {
  ContainerStatus,
  DiscrepancyClassification,
  InventoryType,
  LedgerEntryKind,
  LossReportStepKind,
  WasteMethod,
} from '@ketapath/core';
import './ledger.css';

export const STATUS_LABELS: Readonly<Record<ContainerStatus, string>> = {
  sealed: 'Sealed',
  opened: 'Opened',
  'in-use': 'In use',
  empty: 'Empty',
  expired: 'Expired',
  quarantined: 'Quarantined',
  destroyed: 'Destroyed',
};

// Plain glyphs every system font has.
const STATUS_ICONS: Readonly<Record<ContainerStatus, string>> = {
  sealed: '■',
  opened: '◧',
  'in-use': '▶',
  empty: '□',
  expired: '✖',
  quarantined: '⚑',
  destroyed: '—',
};

export function StatusChip({ status }: { status: ContainerStatus }) {
  return (
    <span className={`chip ledger-status ledger-status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_ICONS[status]} </span>
      {STATUS_LABELS[status]}
    </span>
  );
}

/** Why a container cannot be drawn, or null when it can. */
export function whyNotDrawable(c: ContainerState): string | null {
  switch (c.status) {
    case 'expired':
      return `expired on ${c.expiresOn}`;
    case 'quarantined':
      return 'quarantined';
    case 'empty':
      return 'empty';
    case 'destroyed':
      return 'destroyed';
    case 'sealed':
    case 'opened':
    case 'in-use':
      return c.remainingUg > 0 ? null : 'empty';
  }
}

/** Containers that still hold drug on the shelf (counted, inventoried, destroyable). */
export function isOnShelf(c: ContainerState): boolean {
  return c.status !== 'destroyed' && c.status !== 'empty';
}

/** Never opened: the full volume is still there (counted as present or absent). */
export function isSealed(c: ContainerState): boolean {
  return c.remainingUl === c.volumeUl && c.status !== 'opened' && c.status !== 'in-use';
}

export const mg = (ug: number): string => `${formatUgAsMg(ug)} mg`;
export const ml = (ul: number): string => `${formatUlAsMl(ul)} mL`;
/** A signed amount: '+2.5 mg', '−50 mg', '0 mg'. */
export function signedMg(ug: number): string {
  if (ug === 0) return '0 mg';
  return `${ug > 0 ? '+' : '−'}${formatUgAsMg(Math.abs(ug))} mg`;
}
export const concentration = (ugPerMl: number): string => `${formatUgAsMg(ugPerMl)} mg/mL`;

/** "Ketamine HCl 50 mg/mL, 10 mL vial": what an inspector reads on the label. */
export function describeContainer(c: ContainerState): string {
  return `${c.drugName} ${concentration(c.concentrationUgPerMl)}, ${ml(c.volumeUl)} ${c.form}`;
}

export const WASTE_METHOD_LABELS: Readonly<Record<WasteMethod, string>> = {
  'drug-disposal-container': 'Drug disposal container (non-retrievable)',
  'sink-per-policy': 'Sink, per clinic policy',
  'spilled-not-recoverable': 'Spilled, not recoverable',
  other: 'Other (say how in the note)',
};

export const CLASSIFICATION_LABELS: Readonly<Record<DiscrepancyClassification, string>> = {
  'counting-error': 'Counting error (the count was wrong)',
  'documentation-error': 'Documentation error (a record was wrong)',
  'breakage-witnessed': 'Breakage, witnessed',
  theft: 'Theft',
  'significant-loss': 'Significant loss',
  'loss-not-significant': 'Loss, not significant',
};

export const KIND_LABELS: Readonly<Record<LedgerEntryKind, string>> = {
  receipt: 'Receipt',
  draw: 'Draw',
  administration: 'Administration',
  waste: 'Waste',
  'container-waste': 'Container waste',
  count: 'Count',
  'discrepancy-opened': 'Discrepancy opened',
  'discrepancy-note': 'Discrepancy note',
  'discrepancy-resolved': 'Discrepancy resolved',
  'loss-report-opened': 'Loss report opened',
  'loss-report-step': 'Loss report step',
  destruction: 'Destruction',
  quarantine: 'Quarantine',
  release: 'Release',
  inventory: 'Inventory',
  correction: 'Correction',
};

export const STEP_LABELS: Readonly<Record<LossReportStepKind, string>> = {
  'written-notice-sent': 'Written notice sent to the DEA Field Division',
  'form-106-filed': 'DEA Form 106 filed (electronically)',
  'police-report': 'Police report',
  note: 'Note',
};

export const INVENTORY_TYPE_LABELS: Readonly<Record<InventoryType, string>> = {
  initial: 'Initial',
  biennial: 'Biennial',
  annual: 'Annual (state rule)',
  other: 'Other',
};

/** A person as an entry names them: display name, else email, else the id's first characters. */
export function personName(person: string | LedgerPerson | null | undefined): string {
  if (person === null || person === undefined) return '—';
  if (typeof person === 'string') return `user ${person.slice(0, 8)}`;
  return person.displayName ?? person.email ?? `user ${person.id.slice(0, 8)}`;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** A fill bar: `value` of `max`, with its text beside it for screen readers and for reading exactly. */
export function FillBar({ value, max, label }: { value: number; max: number; label: string }) {
  const fraction = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <span className="fill-bar" role="img" aria-label={label} title={label}>
      <span className="fill-bar-value" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
    </span>
  );
}
