/**
 * Property tests (fast-check): linearity and superposition in dose, non-negative amounts, and mass balance
 * (amount absorbed = amount in the body + amount eliminated, each computed independently).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createSimulation, type RegimenDose } from './index.js';

const MODEL_IDS = ['ketamine/domino-1984', 'ketamine/kamp-2020', 'esketamine/perez-ruixo-2021', 'ketamine/clements-1981', 'ketamine/herd-2007'];
const TIMES = [0, 1, 7, 30, 61.5, 240, 600, 1440];

const patientArb = fc.record({
  weightKg: fc.double({ min: 40, max: 160, noNaN: true }),
  ageYears: fc.double({ min: 18, max: 85, noNaN: true }),
  sex: fc.constantFrom('male' as const, 'female' as const),
});

/**
 * Doses whose inputs are linear in the amount. Intranasal doses stay ≤ 2.8 mg so that even ×10 they stay
 * within one 28-mg device: beyond it the published FRn dose effect (MODELS.md §3.7) is deliberately nonlinear.
 */
function doseArb(modelId: string): fc.Arbitrary<RegimenDose> {
  const bolus = fc.record({ route: fc.constant('iv-bolus' as const), atMin: fc.double({ min: 0, max: 600, noNaN: true }), doseMg: fc.double({ min: 0, max: 100, noNaN: true }) });
  const infusion = fc
    .record({ startMin: fc.double({ min: 0, max: 600, noNaN: true }), lengthMin: fc.double({ min: 0.5, max: 600, noNaN: true }), rateMgPerH: fc.double({ min: 0, max: 60, noNaN: true }) })
    .map((r) => ({ route: 'iv-infusion' as const, startMin: r.startMin, endMin: r.startMin + r.lengthMin, rateMgPerH: r.rateMgPerH }));
  if (modelId !== 'esketamine/perez-ruixo-2021') return fc.oneof(bolus, infusion);
  const extravascular = fc.record({
    route: fc.constantFrom('intranasal' as const, 'oral' as const),
    atMin: fc.double({ min: 0, max: 600, noNaN: true }),
    doseMg: fc.double({ min: 0, max: 2.8, noNaN: true }),
  });
  return fc.oneof(bolus, infusion, extravascular);
}

function scaleDose(d: RegimenDose, factor: number): RegimenDose {
  if (d.route === 'iv-infusion') return 'rateMgPerH' in d ? { ...d, rateMgPerH: d.rateMgPerH * factor } : { ...d, rateMgPerKgPerH: d.rateMgPerKgPerH * factor };
  return 'doseMg' in d ? { ...d, doseMg: d.doseMg * factor } : { ...d, doseMgPerKg: d.doseMgPerKg * factor };
}

function concentrations(modelId: string, patient: { weightKg: number; ageYears: number; sex: 'male' | 'female' }, doses: RegimenDose[]): number[] {
  const sim = createSimulation(modelId, patient, { doses });
  const { parent, metabolite } = sim.concentrations(TIMES);
  return [...parent, ...(metabolite ?? [])];
}

function near(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12 * scale;
}

describe('properties of the exact solution', () => {
  for (const modelId of MODEL_IDS) {
    it(`${modelId}: linear in dose (C(a·D) = a·C(D)) and superposable (C(D₁ ∪ D₂) = C(D₁) + C(D₂))`, () => {
      fc.assert(
        fc.property(patientArb, fc.array(doseArb(modelId), { minLength: 1, maxLength: 4 }), fc.array(doseArb(modelId), { minLength: 1, maxLength: 3 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (patient, d1, d2, a) => {
          const c1 = concentrations(modelId, patient, d1);
          const c2 = concentrations(modelId, patient, d2);
          const ca = concentrations(modelId, patient, d1.map((d) => scaleDose(d, a)));
          const c12 = concentrations(modelId, patient, [...d1, ...d2]);
          const scale = Math.max(1, ...c1, ...c2);
          for (let i = 0; i < c1.length; i++) {
            assert.ok(near(ca[i] ?? 0, a * (c1[i] ?? 0), scale * a), `linearity at ${i}`);
            assert.ok(near(c12[i] ?? 0, (c1[i] ?? 0) + (c2[i] ?? 0), scale), `superposition at ${i}`);
          }
        }),
        { numRuns: 40 },
      );
    });

    it(`${modelId}: amounts are never negative and absorbed = body + eliminated`, () => {
      fc.assert(
        fc.property(patientArb, fc.array(doseArb(modelId), { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 2000, noNaN: true }), (patient, doses, t) => {
          const sim = createSimulation(modelId, patient, { doses });
          const absorbed = sim.absorbedInputMgAt(t);
          const amounts = Object.values(sim.amountsAt(t));
          const body = amounts.reduce((s, x) => s + x, 0);
          const eliminated = sim.eliminatedMgAt(t);
          const scale = Math.max(1, absorbed);
          for (const x of amounts) assert.ok(x >= -1e-12 * scale, `negative amount ${x}`);
          assert.ok(eliminated >= -1e-12 * scale);
          assert.ok(Math.abs(absorbed - (body + eliminated)) <= 1e-9 * scale, `mass balance: ${absorbed} vs ${body} + ${eliminated}`);
        }),
        { numRuns: 60 },
      );
    });
  }
});
