/**
 * Inventory lines (§9 Inventory contents, 21 CFR 1304.11 [S27]): drug name, form, strength, number of
 * containers and units or volume, per product, from what was counted. Opened containers of a Schedule III
 * substance may be estimated unless a container holds more than 1,000 tablets or capsules (§9 Inventory
 * counting); sealed containers are counted exactly.
 */
import type { InventoryLine } from '@ketapath/core';
import { compareCount, type CountComparison, type CountInput } from './count.js';
import { formatUgAsMg, MICROLITRE_PER_ML } from './quantities.js';
import type { ContainerState, LedgerView } from './types.js';

/** §9 Inventory counting: an estimate is not allowed for a container of more than 1,000 tablets/capsules (21 CFR 1304.11). */
export const ESTIMATE_MAX_DOSAGE_UNITS = 1000;

export type ControlledSchedule = 'I' | 'II' | 'III' | 'IV' | 'V';

/**
 * Whether a container may be counted by estimate (§9 Inventory counting, 21 CFR 1304.11 [S27]): Schedule
 * I–II never; III–V only an opened container, and not one holding more than 1,000 tablets or capsules.
 * Ketamine (Schedule III, solution) opened vials may be estimated.
 */
export function isEstimateAllowed(container: {
  readonly schedule: ControlledSchedule;
  readonly opened: boolean;
  /** Tablets or capsules in the container, when it holds solid dosage units. */
  readonly dosageUnits?: number;
}): boolean {
  if (container.schedule === 'I' || container.schedule === 'II') return false;
  if (!container.opened) return false;
  return container.dosageUnits === undefined || container.dosageUnits <= ESTIMATE_MAX_DOSAGE_UNITS;
}

/** The strength as printed for an inventory: "50 mg/mL". */
export function strengthLabel(concentrationUgPerMl: number): string {
  return `${formatUgAsMg(concentrationUgPerMl)} mg/mL`;
}

/**
 * The inventory from a count of the shelf: one line per product (NDC, name, form, strength) with the
 * containers holding anything and their total volume (µL). Returns the comparison with the books as well,
 * so differences open discrepancies with source 'inventory'. No stock gives no lines: a zero inventory.
 */
export function inventoryFromCount(
  view: Pick<LedgerView, 'containers'>,
  inputs: readonly CountInput[],
): {
  readonly lines: InventoryLine[];
  readonly zero: boolean;
  readonly comparison: CountComparison;
} {
  const comparison = compareCount(view, inputs);
  const byId = new Map<string, ContainerState>(view.containers.map((c) => [c.containerId, c]));
  const groups = new Map<string, { line: Omit<InventoryLine, 'containerIds'>; containerIds: string[] }>();
  for (const line of comparison.lines) {
    const c = byId.get(line.containerId);
    if (c === undefined || line.countedUg <= 0) continue;
    const input = inputs.find((i) => i.containerId === line.containerId);
    const volumeUl =
      input?.countedUl ?? Math.round((line.countedUg * MICROLITRE_PER_ML) / c.concentrationUgPerMl);
    const strength = strengthLabel(c.concentrationUgPerMl);
    const key = [c.ndc, c.drugName, c.form, strength].join('\u0000');
    const group = groups.get(key) ?? {
      line: {
        ndc: c.ndc,
        drugName: c.drugName,
        form: c.form,
        strength,
        containers: 0,
        unitsOrVolumeUl: 0,
        estimated: false,
      },
      containerIds: [],
    };
    group.line = {
      ...group.line,
      containers: group.line.containers + 1,
      unitsOrVolumeUl: group.line.unitsOrVolumeUl + volumeUl,
      estimated: group.line.estimated || line.estimated,
    };
    group.containerIds.push(c.containerId);
    groups.set(key, group);
  }
  const lines = [...groups.values()].map((g) => ({ ...g.line, containerIds: g.containerIds }));
  return { lines, zero: lines.length === 0, comparison };
}
