/**
 * The chart's entries grouped for the screen: checklist facts with who and when, each pump programming and
 * rate change with its double-check, vital signs, notes, alerts with their acknowledgement, signatures and
 * addenda. Only grouping and lookup happen here; every computed clinical figure (the administered dose, the
 * rule findings, the Aldrete assessment) comes from the server.
 */
import type { ActionTier, ChartDto, SessionFinding } from '@ketapath/api-client';
import type { SessionEntry, SessionEntryData } from '@ketapath/core';
import { staffName } from '../rules/staff-labels';

export type EntryOf<K extends SessionEntryData['kind']> = Omit<SessionEntry, 'data'> & {
  data: Extract<SessionEntryData, { kind: K }>;
};

function ofKind<K extends SessionEntryData['kind']>(entries: readonly SessionEntry[], kind: K): EntryOf<K>[] {
  return entries.filter((e): e is EntryOf<K> => e.data.kind === kind);
}

/** "nurse@clinic.test (Nurse)", or "Monitor" for a device reading. */
export function entryAuthor(entry: Pick<SessionEntry, 'recordedBy' | 'deviceId'>): string {
  if (entry.recordedBy) return staffName(entry.recordedBy);
  return entry.deviceId ? 'Monitor (device)' : '—';
}

export interface ProgramView {
  entry: EntryOf<'pump-program'> | EntryOf<'rate-change'>;
  doubleCheck: EntryOf<'double-check'> | null;
}

export interface AlertView {
  entry: EntryOf<'alert'>;
  finding: SessionFinding | null;
  actionTier: ActionTier | undefined;
  message: string;
  ack: EntryOf<'alert-ack'> | null;
}

function asFinding(value: Record<string, unknown>): SessionFinding | null {
  return typeof value.message === 'string' && typeof value.ruleId === 'string'
    ? (value as unknown as SessionFinding)
    : null;
}

export interface ChartView {
  checklist: Map<string, SessionEntry>;
  pretreatmentTests: EntryOf<'checklist'>[];
  programs: ProgramView[];
  /** The first pump programming (bag, weight and basis for later rate changes). */
  firstProgram: EntryOf<'pump-program'> | null;
  /** The latest programming or rate change. */
  currentProgram: ProgramView | null;
  awaitingDoubleCheck: ProgramView[];
  events: SessionEntry[];
  vitals: EntryOf<'vitals'>[];
  baseline: EntryOf<'vitals'> | null;
  pain: EntryOf<'pain-score'>[];
  sideEffects: EntryOf<'side-effect'>[];
  rescue: EntryOf<'rescue-medication'>[];
  notes: EntryOf<'note'>[];
  alerts: AlertView[];
  openAlerts: AlertView[];
  discharge: EntryOf<'discharge-assessment'> | null;
  nurseSign: EntryOf<'nurse-sign'> | null;
  physicianCosign: EntryOf<'physician-cosign'> | null;
  addenda: EntryOf<'addendum'>[];
}

const EVENT_KINDS = new Set([
  'start',
  'pause',
  'resume',
  'stop',
  'bolus',
  'rate-change',
  'pump-program',
  'double-check',
]);

export function chartView(dto: ChartDto): ChartView {
  const entries = [...dto.entries].sort((a, b) => a.seq - b.seq);
  const checklist = new Map<string, SessionEntry>();
  const pretreatmentTests: EntryOf<'checklist'>[] = [];
  for (const e of ofKind(entries, 'checklist')) {
    checklist.set(e.data.checklist.item, e);
    if (e.data.checklist.item === 'pre-treatment-test') pretreatmentTests.push(e);
  }
  const doubleChecks = ofKind(entries, 'double-check');
  const programs: ProgramView[] = entries
    .filter(
      (e): e is EntryOf<'pump-program'> | EntryOf<'rate-change'> =>
        e.data.kind === 'pump-program' || e.data.kind === 'rate-change',
    )
    .map((entry) => ({
      entry,
      doubleCheck: doubleChecks.find((d) => d.data.programSeq === entry.seq) ?? null,
    }));
  const serverAwaiting = Array.isArray(dto.chart.awaitingDoubleCheck) ? dto.chart.awaitingDoubleCheck : null;
  const awaitingDoubleCheck = programs.filter((p) =>
    serverAwaiting === null ? p.doubleCheck === null : serverAwaiting.includes(p.entry.seq),
  );
  const acks = ofKind(entries, 'alert-ack');
  const alerts: AlertView[] = ofKind(entries, 'alert').map((entry) => {
    const finding = asFinding(entry.data.finding);
    return {
      entry,
      finding,
      actionTier: entry.data.actionTier ?? finding?.actionTier,
      message: finding?.message ?? entry.data.ruleId,
      ack: acks.find((a) => a.data.alertSeq === entry.seq) ?? null,
    };
  });
  const vitals = ofKind(entries, 'vitals');
  const last = <T>(list: readonly T[]): T | null => list[list.length - 1] ?? null;
  return {
    checklist,
    pretreatmentTests,
    programs,
    firstProgram: ofKind(entries, 'pump-program')[0] ?? null,
    currentProgram: last(programs),
    awaitingDoubleCheck,
    events: entries.filter((e) => EVENT_KINDS.has(e.data.kind)),
    vitals,
    baseline: last(vitals.filter((v) => v.data.vitals.baseline === true)),
    pain: ofKind(entries, 'pain-score'),
    sideEffects: ofKind(entries, 'side-effect'),
    rescue: ofKind(entries, 'rescue-medication'),
    notes: ofKind(entries, 'note'),
    alerts,
    openAlerts: alerts.filter((a) => a.ack === null),
    discharge: last(ofKind(entries, 'discharge-assessment')),
    nurseSign: last(ofKind(entries, 'nurse-sign')),
    physicianCosign: last(ofKind(entries, 'physician-cosign')),
    addenda: ofKind(entries, 'addendum'),
  };
}
