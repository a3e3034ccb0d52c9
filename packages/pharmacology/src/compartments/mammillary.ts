/**
 * Mammillary IV disposition (central + up to two peripheral compartments) from micro-constants, the form
 * MODELS.md §2 uses: k10 = CL/V1, k12 = Q2/V1, k21 = Q2/V2, k13 = Q3/V1, k31 = Q3/V3.
 */
import type { Route, RouteInputSpec, SystemSpec } from '../model-types.js';

export interface MammillaryMicroConstants {
  readonly v1L: number;
  readonly k10PerMin: number;
  readonly k12PerMin: number;
  readonly k21PerMin: number;
  readonly k13PerMin?: number;
  readonly k31PerMin?: number;
}

/** Extra (non-IV) routes: first-order depot into central, with its bioavailability. */
export interface DepotRoute {
  readonly route: Route;
  readonly kaPerMin: number;
  readonly fraction: number;
}

export function mammillaryIvSystem(k: MammillaryMicroConstants, depots: readonly DepotRoute[] = []): SystemSpec {
  const compartments = [{ name: 'central', volumeL: k.v1L }];
  const transfers = [
    { from: 'central', to: null, kPerMin: k.k10PerMin },
    { from: 'central', to: 'peripheral1', kPerMin: k.k12PerMin },
    { from: 'peripheral1', to: 'central', kPerMin: k.k21PerMin },
  ];
  // Peripheral volumes follow from V1·k1j/kj1 (equal flows both ways).
  compartments.push({ name: 'peripheral1', volumeL: (k.v1L * k.k12PerMin) / k.k21PerMin });
  if (k.k13PerMin !== undefined && k.k31PerMin !== undefined) {
    compartments.push({ name: 'peripheral2', volumeL: (k.v1L * k.k13PerMin) / k.k31PerMin });
    transfers.push({ from: 'central', to: 'peripheral2', kPerMin: k.k13PerMin }, { from: 'peripheral2', to: 'central', kPerMin: k.k31PerMin });
  }
  const all: { name: string; volumeL: number | null }[] = [...compartments];
  for (const d of depots) {
    const name = `depot-${d.route}`;
    all.push({ name, volumeL: null });
    transfers.push({ from: name, to: 'central', kPerMin: d.kaPerMin });
  }
  return {
    compartments: all,
    transfers,
    parentCompartment: 'central',
    metaboliteCompartment: null,
    routeInputs: (route): readonly RouteInputSpec[] => {
      if (route === 'iv-bolus' || route === 'iv-infusion') return [{ compartment: 'central', fraction: 1 }];
      const d = depots.find((x) => x.route === route);
      return d === undefined ? [] : [{ compartment: `depot-${route}`, fraction: d.fraction }];
    },
  };
}
