/**
 * The protocol library: every protocol valid, every limit sourced, the REFERENCE.md regimens present with
 * their evidence labels and numbers, versions readable, clinic copies marked as the clinic's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMIT_MEASURES, type Protocol } from '@ketapath/core';
import {
  deriveClinicCopy,
  findProtocol,
  getProtocol,
  listProtocols,
  PROTOCOL_LIBRARY,
  validateProtocol,
} from './index.js';

function protocol(id: string): Protocol {
  const p = getProtocol(id);
  assert.ok(p, id);
  return p;
}

function routeLimits(p: Protocol, route: string) {
  const l = p.limits.find((x) => x.route === route);
  assert.ok(l, `${p.id} ${route}`);
  return l;
}

describe('protocol library', () => {
  for (const p of PROTOCOL_LIBRARY) {
    it(`${p.id} v${p.version} is valid`, () => {
      assert.deepEqual(validateProtocol(p), []);
    });
  }
  it('ids and versions are unique', () => {
    const keys = PROTOCOL_LIBRARY.map((p) => `${p.id}@${p.version}`);
    assert.equal(new Set(keys).size, keys.length);
  });
  it('every limit that is set names a REFERENCE.md source with an evidence label', () => {
    for (const p of PROTOCOL_LIBRARY) {
      for (const l of p.limits) {
        for (const m of LIMIT_MEASURES) {
          for (const limit of [l[m].soft, l[m].hard]) {
            if (limit === null) continue;
            assert.equal(limit.source.kind, 'reference', `${p.id} ${m}`);
          }
        }
      }
    }
  });

  const regimens: [string, string, 'G' | 'T' | 'P', (p: Protocol) => void][] = [
    [
      '§1.2/§2.1 CRPS 0.35 mg/kg/h × 4 h daily × 10 days [G]',
      'crps-4h-daily-10-days',
      'G',
      (p) => {
        assert.deepEqual(p.steps[0]?.kind === 'infusion' && p.steps[0].rate, {
          min: 0.35,
          max: 0.35,
          unit: 'mg/kg/h',
        });
        assert.equal(p.sessions.count, 10);
        const l = routeLimits(p, 'iv-infusion');
        assert.equal(l.rateMgPerKgPerH.soft?.value, 0.35);
        assert.equal(l.rateMgPerKgPerH.hard?.value, 2);
        assert.equal(
          l.rateMgPerKgPerH.hard.source.kind === 'reference' && l.rateMgPerKgPerH.hard.source.section,
          '§1.4',
        );
        assert.equal(
          l.rateMgPerKgPerH.hard.source.kind === 'reference' && l.rateMgPerKgPerH.hard.source.verification,
          'unverified',
        );
        assert.equal(l.concentrationMgPerMl.hard, null);
      },
    ],
    [
      '§1.2/§2.1 CRPS 22 mg/h × 4 days [G]',
      'crps-continuous-22-mg-h-4-days',
      'G',
      (p) => {
        const l = routeLimits(p, 'iv-infusion');
        assert.equal(l.rateMgPerH.soft?.value, 22);
        assert.equal(l.dailyDoseMg.soft?.value, 22 * 24);
        assert.equal(l.sessionDoseMg.soft?.value, 22 * 96);
      },
    ],
    [
      '§2.1 CRPS titrated 10–40 mg/h × 5 days [T]',
      'crps-inpatient-titrated-5-days',
      'T',
      (p) => {
        const step = p.steps[0];
        assert.ok(step?.kind === 'infusion');
        assert.deepEqual(step.titration, { start: 10, step: null, max: 40, unit: 'mg/h', intervalMin: null });
        assert.equal(routeLimits(p, 'iv-infusion').rateMgPerH.soft?.value, 40);
      },
    ],
    [
      '§2.1 Schwartzman/Getson 20→40 mg/h in 5 mg steps [P]',
      'crps-inpatient-5-days-20-40-mg-h',
      'P',
      (p) => {
        const step = p.steps[0];
        assert.ok(step?.kind === 'infusion');
        assert.equal(step.titration?.start, 20);
        assert.equal(step.titration.step, 5);
        assert.equal(step.titration.max, 40);
      },
    ],
    [
      '§2.1 outpatient 10 daily treatments 70–200 mg/day [P]',
      'crps-outpatient-10-daily',
      'P',
      (p) => {
        const step = p.steps[0];
        assert.ok(step?.kind === 'infusion');
        assert.deepEqual(step.sessionDoseMg, { min: 70, max: 200 });
        assert.equal(routeLimits(p, 'iv-infusion').dailyDoseMg.soft?.value, 200);
        assert.ok(p.booster);
      },
    ],
    [
      '§2.1 booster taper 100–200 mg over 4 h [P]',
      'booster-4h-100-200-mg',
      'P',
      (p) => {
        assert.equal(p.booster?.schedule.length, 5);
        assert.equal(routeLimits(p, 'iv-infusion').sessionDoseMg.soft?.value, 200);
      },
    ],
    [
      '§2.2 Loftus 0.5 mg/kg + 10 µg/kg/min [T]',
      'periop-spine-loftus',
      'T',
      (p) => {
        const infusion = p.steps.find((s) => s.kind === 'infusion');
        assert.ok(infusion?.kind === 'infusion');
        assert.equal(infusion.rate?.unit, 'µg/kg/min', 'keeps the unit the source used');
        assert.equal(routeLimits(p, 'iv-bolus').bolusMgPerKg.soft?.value, 0.5);
        assert.equal(routeLimits(p, 'iv-infusion').rateMgPerKgPerH.soft?.value, 0.6);
        assert.equal(
          routeLimits(p, 'iv-infusion').rateMgPerKgPerH.hard,
          null,
          '§1.4 is not applied perioperatively',
        );
      },
    ],
    [
      '§2.2 RYGB 0.3 mg/kg IBW + 0.2 mg/kg/h [T]',
      'periop-rygb-ibw',
      'T',
      (p) => {
        assert.equal(p.weightBasis, 'ideal');
        assert.equal(routeLimits(p, 'iv-infusion').rateMgPerKgPerH.soft?.value, 0.2);
      },
    ],
    [
      '§2.2 ED 0.3 mg/kg slow push [P]',
      'ed-0-3-mg-kg-slow-push',
      'P',
      (p) => {
        assert.equal(routeLimits(p, 'iv-bolus').bolusMgPerKg.soft?.value, 0.3);
      },
    ],
    [
      '§2.2 UW 0.1–0.3 mg/kg max 20 mg [P]',
      'ed-uw-0-1-0-3-mg-kg',
      'P',
      (p) => {
        assert.equal(routeLimits(p, 'iv-bolus').bolusMg.hard?.value, 20);
        assert.equal(routeLimits(p, 'iv-bolus').bolusMgPerKg.soft?.value, 0.3);
      },
    ],
    [
      '§1.2 SCI 7 days with the units ambiguity flagged [G]',
      'sci-pain-7-days',
      'G',
      (p) => {
        assert.match(p.reviewRequired ?? '', /units are inconsistent/);
        assert.equal(p.sessions.count, 7);
      },
    ],
  ];
  for (const [name, id, label, check] of regimens) {
    it(name, () => {
      const p = protocol(id);
      assert.equal(p.evidence.label, label);
      check(p);
    });
  }
});

describe('versions and clinic copies', () => {
  const base = protocol('crps-4h-daily-10-days');
  const v2: Protocol = { ...base, version: 2, name: `${base.name} (v2)` };
  const both = [base, v2];
  it('findProtocol returns the version asked for, the latest without a version, undefined when absent', () => {
    assert.equal(findProtocol(both, base.id, 1), base);
    assert.equal(findProtocol(both, base.id, 2), v2);
    assert.equal(findProtocol(both, base.id), v2);
    assert.equal(findProtocol(both, base.id, 3), undefined);
    assert.equal(findProtocol(both, 'no-such-protocol'), undefined);
  });
  it('getProtocol and listProtocols read the library', () => {
    assert.equal(getProtocol(base.id, 1), base);
    assert.equal(listProtocols().length, new Set(PROTOCOL_LIBRARY.map((p) => p.id)).size);
  });
  it('a clinic copy has its own id, basedOn the library version, and clinic-sourced values', () => {
    const copy = deriveClinicCopy(base, {
      id: 'clinic-crps-4h',
      version: 1,
      note: 'Medical director, January 2026',
      limits: { 'iv-infusion': { dailyDoseMg: { hard: 250 }, rateMgPerKgPerH: { soft: 0.5 } } },
    });
    assert.deepEqual(validateProtocol(copy), []);
    assert.deepEqual(copy.basedOn, { id: base.id, version: 1 });
    const l = routeLimits(copy, 'iv-infusion');
    assert.deepEqual(l.dailyDoseMg.hard, {
      value: 250,
      source: { kind: 'clinic', note: 'Medical director, January 2026' },
    });
    assert.equal(l.rateMgPerKgPerH.soft?.value, 0.5);
    assert.equal(l.rateMgPerKgPerH.hard?.value, 2, 'unchanged limits keep their REFERENCE source');
    assert.equal(routeLimits(base, 'iv-infusion').dailyDoseMg.hard, null, 'the library is not changed');
  });
});

describe('validateProtocol consistency', () => {
  const base = protocol('crps-4h-daily-10-days');
  const cases: [string, unknown, string][] = [
    ['not an object', 42, ''],
    [
      'soft above hard',
      deriveClinicCopy(base, {
        id: 'c',
        version: 1,
        note: 'n',
        limits: { 'iv-infusion': { rateMgPerKgPerH: { soft: 3 } } },
      }),
      'limits.0.rateMgPerKgPerH.soft',
    ],
    ['per-kg step without a weight basis', { ...base, weightBasis: null }, 'weightBasis'],
    ['a route without limits', { ...base, routes: ['iv-infusion', 'iv-bolus'] }, 'limits'],
    [
      'limits for a route the protocol does not use',
      { ...base, limits: [...base.limits, { ...base.limits[0], route: 'oral' }] },
      'limits.1.route',
    ],
    ['a step on another route', { ...base, steps: [{ ...base.steps[0], route: 'oral' }] }, 'steps.0.route'],
    [
      'a citation to a source REFERENCE.md does not list',
      {
        ...base,
        evidence: { ...base.evidence, citations: [{ section: '§2.1', source: 'S99', note: 'missing' }] },
      },
      'evidence.citations.0.source',
    ],
    ['a clinic copy with the library id', { ...base, basedOn: { id: base.id, version: 1 } }, 'basedOn.id'],
  ];
  for (const [name, input, path] of cases) {
    it(`reports ${name}`, () => {
      const issues = validateProtocol(input);
      assert.ok(issues.length > 0, 'no issue');
      assert.ok(
        issues.some((i) => i.path === path),
        JSON.stringify(issues),
      );
    });
  }
});
