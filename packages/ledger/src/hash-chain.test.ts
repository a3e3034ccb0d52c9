import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { LedgerEntry } from '@ketapath/core';
import {
  canonicalJson,
  canonicalLedgerContent,
  GENESIS_HASH,
  hashLedgerEntry,
  verifyChain,
  type ChainBreak,
} from './hash-chain.js';
import { LedgerBuilder, testUuid } from './testing/builders.js';

const sha256hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A 6-entry chain: a receipt, two draws, a waste, an administration, a count. */
function chain(): { entries: LedgerEntry[]; head: { lastSeq: number; lastHash: string } } {
  const b = new LedgerBuilder({ sha256hex });
  const receipt = b.receipt({ lot: 'KX1', containerCount: 2 });
  const [c1] = receipt.payload.containerIds;
  if (c1 === undefined) throw new Error('no container');
  const session = testUuid(500);
  const patient = testUuid(501);
  b.draw({
    containerId: c1,
    lot: 'KX1',
    sessionId: session,
    patientId: patient,
    drawnUg: 100_000,
    drawnUl: 2000,
  });
  b.draw({
    containerId: c1,
    lot: 'KX1',
    sessionId: session,
    patientId: patient,
    drawnUg: 50_000,
    drawnUl: 1000,
  });
  b.waste({ sessionId: session, patientId: patient, wastedUg: 20_000, wastedUl: 400 });
  b.administration({ sessionId: session, patientId: patient, administeredUg: 130_000, drawnUg: 150_000 });
  b.count([]);
  const last = b.entries.at(-1);
  if (last === undefined) throw new Error('empty');
  return { entries: b.entries, head: { lastSeq: last.seq, lastHash: last.hash } };
}

function summary(breaks: readonly ChainBreak[]): string[] {
  return breaks.map((b) => `${b.problem}@${b.seq}`);
}

function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new Error(`no item ${i}`);
  return v;
}

describe('verifyChain', () => {
  it('accepts an intact chain and returns its head hash', () => {
    const { entries, head } = chain();
    const result = verifyChain(entries, sha256hex, head);
    assert.deepEqual(result, { ok: true, entries: 6, headHash: head.lastHash });
  });

  it('seq 1 chains from GENESIS_HASH (64 zeros)', () => {
    const { entries } = chain();
    assert.equal(GENESIS_HASH, '0'.repeat(64));
    assert.equal(at(entries, 0).prevHash, GENESIS_HASH);
  });

  it('an empty location with no head verifies', () => {
    assert.deepEqual(verifyChain([], sha256hex, null), { ok: true, entries: 0, headHash: GENESIS_HASH });
  });

  const tampering: [string, (rows: LedgerEntry[]) => LedgerEntry[], string[]][] = [
    [
      'an edited payload (drawn 100 mg → 10 mg) names that seq',
      (rows) =>
        rows.map((r) =>
          r.seq === 2 && r.payload.kind === 'draw' ? { ...r, payload: { ...r.payload, drawnUg: 10_000 } } : r,
        ),
      ['hash-mismatch@2'],
    ],
    [
      'an edited delta names that seq',
      (rows) => rows.map((r) => (r.seq === 3 ? { ...r, deltaUg: 0 } : r)),
      ['hash-mismatch@3'],
    ],
    [
      'an edited row whose hash was recomputed breaks at the next row',
      (rows) =>
        rows.map((r) => {
          if (r.seq !== 3) return r;
          const edited = { ...r, deltaUg: 0 };
          return { ...edited, hash: hashLedgerEntry(edited, sha256hex) };
        }),
      ['prev-hash-mismatch@4'],
    ],
    [
      'a deleted middle row names the gap',
      (rows) => rows.filter((r) => r.seq !== 3),
      ['seq-gap@4', 'prev-hash-mismatch@4'],
    ],
    [
      'a deleted tail is caught by the stored head',
      (rows) => rows.filter((r) => r.seq !== 6),
      ['head-mismatch@6'],
    ],
    [
      'swapped rows (read out of order) name both',
      (rows) => [at(rows, 0), at(rows, 2), at(rows, 1), ...rows.slice(3)],
      [
        'seq-gap@3',
        'prev-hash-mismatch@3',
        'seq-gap@2',
        'prev-hash-mismatch@2',
        'seq-gap@4',
        'prev-hash-mismatch@4',
      ],
    ],
    [
      'swapped sequence numbers (rows renumbered) name both',
      (rows) =>
        rows
          .map((r) => (r.seq === 2 ? { ...r, seq: 3 } : r.seq === 3 ? { ...r, seq: 2 } : r))
          .sort((a, b) => a.seq - b.seq),
      [
        'prev-hash-mismatch@2',
        'hash-mismatch@2',
        'prev-hash-mismatch@3',
        'hash-mismatch@3',
        'prev-hash-mismatch@4',
      ],
    ],
    [
      'a duplicated row',
      (rows) => [...rows.slice(0, 3), at(rows, 2), ...rows.slice(3)],
      ['seq-duplicate@3', 'prev-hash-mismatch@3'],
    ],
    [
      'a first row that does not start from the genesis hash',
      (rows) => rows.map((r) => (r.seq === 1 ? { ...r, prevHash: 'f'.repeat(64) } : r)),
      ['prev-hash-mismatch@1', 'hash-mismatch@1'],
    ],
  ];
  for (const [name, tamper, expected] of tampering) {
    it(`catches ${name}`, () => {
      const { entries, head } = chain();
      const result = verifyChain(tamper(entries), sha256hex, head);
      assert.equal(result.ok, false);
      assert.deepEqual(summary(result.breaks), expected);
      for (const b of result.breaks) if (b.problem !== 'head-mismatch') assert.notEqual(b.entryId, null);
    });
  }

  it('without a head to compare, a deleted tail cannot be seen (the head is what catches it)', () => {
    const { entries } = chain();
    assert.equal(verifyChain(entries.slice(0, 5), sha256hex).ok, true);
  });

  it('rows with no stored head are reported', () => {
    const { entries } = chain();
    const result = verifyChain(entries, sha256hex, null);
    assert.equal(result.ok, false);
    assert.deepEqual(summary(result.breaks), ['head-mismatch@6']);
  });

  it('reports the expected and found values of a break', () => {
    const { entries, head } = chain();
    const result = verifyChain(
      entries.filter((r) => r.seq !== 2),
      sha256hex,
      head,
    );
    assert.equal(result.ok, false);
    assert.deepEqual(at(result.breaks, 0), {
      seq: 3,
      entryId: at(entries, 2).id,
      problem: 'seq-gap',
      expected: '2',
      found: '3',
    });
  });
});

describe('canonicalLedgerContent', () => {
  it('does not depend on key order, the time format or optional keys left undefined', () => {
    const { entries } = chain();
    const row = at(entries, 3);
    const reordered = Object.fromEntries(Object.entries(row).reverse()) as unknown as LedgerEntry;
    assert.equal(canonicalLedgerContent(reordered), canonicalLedgerContent(row));
    assert.equal(
      canonicalLedgerContent({
        ...row,
        recordedAt: new Date(row.recordedAt),
        occurredAt: new Date(row.occurredAt),
      }),
      canonicalLedgerContent(row),
    );
    assert.equal(
      canonicalLedgerContent({ ...row, recordedAt: row.recordedAt.replace('.000Z', 'Z') }),
      canonicalLedgerContent(row),
    );
    if (row.payload.kind === 'waste')
      assert.equal(
        canonicalLedgerContent({ ...row, payload: { ...row.payload, note: undefined } }),
        canonicalLedgerContent(row),
      );
  });
  it('leaves out the hash and keeps everything else', () => {
    const { entries } = chain();
    const row = at(entries, 1);
    const text = canonicalLedgerContent(row);
    assert.equal(canonicalLedgerContent({ ...row, hash: 'b'.repeat(64) }), text);
    assert.doesNotMatch(text, /"hash"/);
    for (const key of [
      'prevHash',
      'seq',
      'deltaUg',
      'witnessIds',
      'payload',
      'recordedBy',
      'correctsSeq',
      'reason',
    ])
      assert.match(text, new RegExp(`"${key}":`));
  });
  const json: [string, unknown, string][] = [
    [
      'nested keys sorted',
      { b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } },
      '{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}',
    ],
    ['strings escaped', { s: 'a"b\n' }, '{"s":"a\\"b\\n"}'],
    ['booleans and negatives', { t: true, n: -5 }, '{"n":-5,"t":true}'],
  ];
  for (const [name, value, expected] of json)
    it(`canonicalJson: ${name}`, () => {
      assert.equal(canonicalJson(value), expected);
    });
  it('canonicalJson refuses values JSON cannot carry', () => {
    assert.throws(() => canonicalJson({ x: Number.NaN }), RangeError);
    assert.throws(() => canonicalJson({ x: 1n }), TypeError);
  });
});
