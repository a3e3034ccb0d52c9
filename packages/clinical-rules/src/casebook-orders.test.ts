/**
 * The order casebook: hand-written orders with the answer a careful clinician gives (written before the
 * engine ran), in casebook/orders/*.json. Each case names a library protocol, optionally with the clinic's
 * copy of it (its ceilings and standard bags), and expects a verdict, the rules that speak (warn and above)
 * and, for slips, the slip named.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ZOrder, ZOrderHistory, ZOrderPatient, type Protocol } from '@ketapath/core';
import { checkOrder } from './check-order.js';
import { deriveClinicCopy, getProtocol } from './protocols/index.js';

const ZCase = z.strictObject({
  title: z.string().min(1),
  rationale: z.string().min(20),
  now: z.iso.datetime({ offset: true }),
  settings: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
  protocolId: z.string(),
  protocolVersion: z.number().int(),
  clinicCopy: z
    .strictObject({
      id: z.string(),
      version: z.number().int(),
      note: z.string(),
      limits: z.record(
        z.string(),
        z.record(
          z.string(),
          z.strictObject({ soft: z.number().nullable().optional(), hard: z.number().nullable().optional() }),
        ),
      ),
      standardConcentrationsMgPerMl: z.array(z.number().positive()),
    })
    .optional(),
  patient: ZOrderPatient,
  order: z.unknown(),
  history: ZOrderHistory,
  expected: z.strictObject({
    verdict: z.enum(['accept', 'warn', 'override-required', 'blocked']),
    ruleIds: z.array(z.string()),
    slip: z.string().optional(),
  }),
});

const dir = join(dirname(fileURLToPath(import.meta.url)), '../casebook/orders');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function protocolFor(c: z.infer<typeof ZCase>): Protocol {
  const base = getProtocol(c.protocolId, c.protocolVersion);
  assert.ok(base, `no library protocol ${c.protocolId} v${c.protocolVersion}`);
  if (c.clinicCopy === undefined) return base;
  return deriveClinicCopy(base, {
    id: c.clinicCopy.id,
    version: c.clinicCopy.version,
    note: c.clinicCopy.note,
    limits: c.clinicCopy.limits,
    standardConcentrations: c.clinicCopy.standardConcentrationsMgPerMl.map((concentrationMgPerMl) => ({
      concentrationMgPerMl,
      container: 'bag' as const,
      description: `${concentrationMgPerMl} mg/mL`,
      source: { kind: 'clinic' as const, note: c.clinicCopy?.note ?? 'clinic' },
    })),
  });
}

describe('order casebook', () => {
  it('has at least 40 cases', () => {
    assert.ok(files.length >= 40, `${files.length} cases`);
  });

  const covered = new Set<string>();
  const slips = new Set<string>();
  const verdicts = new Set<string>();
  for (const file of files) {
    const c = ZCase.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    for (const id of c.expected.ruleIds) covered.add(id);
    if (c.expected.slip !== undefined) slips.add(c.expected.slip);
    verdicts.add(c.expected.verdict);
    it(`${file}: ${c.title}`, () => {
      // Orders in the casebook are well formed: anything the schema refuses would never reach the check.
      const order = ZOrder.parse(c.order);
      const result = checkOrder(order, c.patient, protocolFor(c), c.settings, c.history, {
        now: new Date(c.now),
      });
      const spoke = [
        ...new Set(result.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)),
      ].sort();
      const why = result.findings
        .map((f) => `${f.severity} ${f.ruleId}${f.slip === undefined ? '' : ` [${f.slip}]`}: ${f.message}`)
        .join('\n');
      assert.equal(result.verdict, c.expected.verdict, why);
      assert.deepEqual(spoke, [...c.expected.ruleIds].sort(), why);
      const named = result.findings.flatMap((f) => (f.slip === undefined ? [] : [f.slip]));
      if (c.expected.slip === undefined) assert.deepEqual(named, [], why);
      else assert.ok(named.includes(c.expected.slip), why);
    });
  }

  it('covers every verdict, the classic slips and the main rules', () => {
    assert.deepEqual([...verdicts].sort(), ['accept', 'blocked', 'override-required', 'warn']);
    for (const slip of [
      'tenfold',
      'hundredfold',
      'microgram-as-milligram',
      'milligram-as-microgram',
      'per-hour-as-per-minute',
      'per-minute-as-per-hour',
      'pounds-as-kilograms',
      'kilograms-as-pounds',
      'wrong-unit',
    ]) {
      assert.ok(slips.has(slip), slip);
    }
    for (const id of [
      'order/rate-per-kg-limit',
      'order/rate-limit',
      'order/bolus-limit',
      'order/session-dose-limit',
      'order/daily-dose-limit',
      'order/weekly-dose-limit',
      'order/concentration-limit',
      'order/standard-concentration',
      'order/pump-rate-mismatch',
      'order/duplicate-order',
      'order/weight-basis',
      'order/weight-change',
      'order/weight-age',
      'order/limits-unconfigured',
      'order/protocol-match',
      'order/protocol-needs-review',
      'order/impossible-values',
    ]) {
      assert.ok(covered.has(id), id);
    }
  });
});
