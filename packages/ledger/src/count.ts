/**
 * Counts and reconciliation: what the books say is on the shelf per container and lot, the comparison with
 * what staff count, and the discrepancies that open at once for every difference (§9 Continuing records,
 * 21 CFR 1304.21(a) [S27]). Sealed containers are counted as present or missing; opened ones are measured,
 * or estimated where §9 Inventory counting allows it (21 CFR 1304.11 [S27]).
 */
import type { ContainerStatus, CountLine, DiscrepancyClassification } from '@ketapath/core';
import { ugInVolumeRounded } from './quantities.js';
import type { ContainerState, LedgerView } from './types.js';

export interface ExpectedContainer {
  readonly containerId: string;
  readonly label: string;
  readonly lot: string;
  readonly ndc: string;
  readonly status: ContainerStatus;
  readonly expectedUg: number;
  readonly expectedUl: number;
}

export interface ExpectedLot {
  readonly lot: string;
  readonly ndc: string;
  readonly expectedUg: number;
  readonly containers: number;
}

/** Stock the books expect on the shelf: every container not destroyed and not empty, and the totals by lot. */
export function expectedOnHand(view: Pick<LedgerView, 'containers' | 'lots'>): {
  readonly containers: readonly ExpectedContainer[];
  readonly lots: readonly ExpectedLot[];
} {
  const containers = view.containers
    .filter((c) => c.status !== 'destroyed' && c.remainingUg > 0)
    .map((c) => ({
      containerId: c.containerId,
      label: c.label,
      lot: c.lot,
      ndc: c.ndc,
      status: c.status,
      expectedUg: c.remainingUg,
      expectedUl: c.remainingUl,
    }));
  const lots = view.lots.map((l) => ({
    lot: l.lot,
    ndc: l.ndc,
    expectedUg: l.onHandUg,
    containers: containers.filter((c) => c.lot === l.lot && c.ndc === l.ndc).length,
  }));
  return { containers, lots };
}

/** One counted container: µL left (opened) or present/missing (sealed). */
export interface CountInput {
  readonly containerId: string;
  readonly countedUl?: number | undefined;
  readonly countedContainers?: 0 | 1 | undefined;
  readonly estimated: boolean;
}

export interface CountDiscrepancy {
  readonly containerId: string;
  readonly label: string;
  readonly lot: string;
  readonly expectedUg: number;
  readonly countedUg: number;
  /** counted − expected. */
  readonly differenceUg: number;
}

export interface CountProblem {
  readonly containerId: string;
  readonly message: string;
}

export interface CountComparison {
  /** The lines of the count entry. */
  readonly lines: CountLine[];
  /** Σ (counted − expected) over the lines. */
  readonly discrepancyUg: number;
  /** One per line whose count differs from the books. */
  readonly discrepancies: CountDiscrepancy[];
  /** Containers the books expect on the shelf that the count did not list. */
  readonly notCounted: readonly ContainerState[];
  /** Lines that cannot be used as given (unknown container, a sealed container estimated, …). */
  readonly problems: readonly CountProblem[];
}

function fullContentUg(c: ContainerState): number {
  return ugInVolumeRounded(c.volumeUl, c.concentrationUgPerMl);
}

/**
 * Compares a count with the books. Sealed containers: 1 = present (its full content; a destroyed one found
 * on the shelf counts in full), 0 = missing. Opened
 * containers: the measured volume in µL at the container's concentration, rounded half up to the µg;
 * `estimated` is allowed only for opened containers (§9 Inventory counting, Schedule III, 21 CFR 1304.11).
 * Destroyed containers are expected to be absent (0 µg).
 */
export function compareCount(
  view: Pick<LedgerView, 'containers'>,
  inputs: readonly CountInput[],
): CountComparison {
  const byId = new Map(view.containers.map((c) => [c.containerId, c]));
  const lines: CountLine[] = [];
  const discrepancies: CountDiscrepancy[] = [];
  const problems: CountProblem[] = [];
  const seen = new Set<string>();
  let discrepancyUg = 0;
  for (const input of inputs) {
    const c = byId.get(input.containerId);
    if (c === undefined) {
      problems.push({ containerId: input.containerId, message: "is not in this location's stock" });
      continue;
    }
    if (seen.has(c.containerId)) {
      problems.push({ containerId: c.containerId, message: `${c.label} is counted twice` });
      continue;
    }
    seen.add(c.containerId);
    const opened = c.opened;
    let countedUg: number;
    if (input.countedUl !== undefined) {
      countedUg = ugInVolumeRounded(input.countedUl, c.concentrationUgPerMl);
    } else if (input.countedContainers !== undefined) {
      if (opened && input.countedContainers === 1) {
        problems.push({
          containerId: c.containerId,
          message: `${c.label} is opened: give the volume left (mL), measured or estimated`,
        });
        continue;
      }
      countedUg = input.countedContainers === 1 ? fullContentUg(c) : 0;
    } else {
      problems.push({
        containerId: c.containerId,
        message: `${c.label}: give countedMl or countedContainers`,
      });
      continue;
    }
    if (input.estimated && !opened) {
      problems.push({
        containerId: c.containerId,
        message: `${c.label} is sealed: §9 allows an estimate only for opened containers, so count it exactly`,
      });
      continue;
    }
    const expectedUg = c.status === 'destroyed' ? 0 : Math.max(0, c.remainingUg);
    const differenceUg = countedUg - expectedUg;
    discrepancyUg += differenceUg;
    lines.push({
      containerId: c.containerId,
      label: c.label,
      lot: c.lot,
      status: c.status,
      expectedUg,
      countedUg,
      estimated: input.estimated,
    });
    if (differenceUg !== 0)
      discrepancies.push({
        containerId: c.containerId,
        label: c.label,
        lot: c.lot,
        expectedUg,
        countedUg,
        differenceUg,
      });
  }
  const notCounted = view.containers.filter(
    (c) => !seen.has(c.containerId) && c.status !== 'destroyed' && c.remainingUg > 0,
  );
  return { lines, discrepancyUg, discrepancies, notCounted, problems };
}

/**
 * The stock adjustment a resolved discrepancy makes: none for a counting error (the shelf matched the books
 * after all); otherwise the books follow the shelf (the difference, usually a loss).
 */
export function resolutionAdjustmentUg(
  classification: DiscrepancyClassification,
  differenceUg: number,
): number {
  return classification === 'counting-error' ? 0 : differenceUg;
}

/** Classifications that start the loss-report workflow (§9 Theft or significant loss, 21 CFR 1301.76(b)). */
export function opensLossReport(classification: DiscrepancyClassification): boolean {
  return classification === 'theft' || classification === 'significant-loss';
}
