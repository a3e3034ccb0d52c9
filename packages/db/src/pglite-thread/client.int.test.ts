import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PGliteThread } from './client.js';

describe('the embedded database thread', () => {
  let db: PGliteThread;
  before(async () => {
    db = await PGliteThread.start({});
    await db.exec(`CREATE TABLE t (id int PRIMARY KEY, note text NOT NULL, at timestamptz, on_day date)`);
  });
  after(async () => {
    await db.close();
  });

  it('answers queries with parameters, dates and raw-type options', async () => {
    const at = new Date('2026-11-21T10:00:00Z');
    await db.query('INSERT INTO t VALUES ($1, $2, $3, $4)', [1, 'one', at, '2026-11-21']);
    const parsed = await db.query<{ at: Date; on_day: Date }>('SELECT at, on_day FROM t WHERE id = 1');
    assert.ok(parsed.rows[0]?.at instanceof Date);
    assert.equal(parsed.rows[0].at.toISOString(), at.toISOString());
    // Drizzle asks for dates and timestamps as text; only the OIDs cross the thread (1082 date, 1184 timestamptz).
    const raw = await db.query<unknown[]>('SELECT at, on_day FROM t WHERE id = 1', [], {
      rowMode: 'array',
      parsers: { 1082: (v: string) => v, 1184: (v: string) => v },
    });
    assert.deepEqual(raw.rows[0], ['2026-11-21 10:00:00+00', '2026-11-21']);
  });

  it('carries PostgreSQL error fields across the thread', async () => {
    await assert.rejects(
      db.query('INSERT INTO t VALUES (1, $1)', ['dup']),
      (error: Error & { code?: string; constraint?: string }) => {
        assert.equal(error.code, '23505');
        assert.equal(error.constraint, 't_pkey');
        assert.match(error.message, /duplicate key/);
        return true;
      },
    );
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (2, $1)', ['two']);
      return 'done';
    });
    assert.equal(value, 'done');
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (3, $1)', ['three']);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    await assert.rejects(
      db.transaction(async (tx) => tx.query('INSERT INTO t VALUES (2, $1)', ['again'])),
      /duplicate key/,
    );
    const { rows } = await db.query<{ id: number }>('SELECT id FROM t ORDER BY id');
    assert.deepEqual(
      rows.map((r) => r.id),
      [1, 2],
    );
  });

  it('keeps other statements out of an open transaction until it ends', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (10, $1)', ['inside']);
      order.push('inside');
      await held;
      order.push('commit');
    });
    await new Promise((r) => setTimeout(r, 20));
    const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id = 10').then((r) => {
      order.push('outside');
      return r.rows[0]?.n;
    });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await transaction;
    assert.equal(await outside, 1, 'the outside read sees the committed row');
    assert.deepEqual(order, ['inside', 'commit', 'outside']);
  });

  it('dumps and reloads the database', async () => {
    const copy = await PGliteThread.start({ loadDataDir: await db.dumpDataDir('none') });
    try {
      const { rows } = await copy.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
      assert.equal(rows[0]?.n, 3);
    } finally {
      await copy.close();
    }
  });

  it('fails every call clearly once the thread has stopped', async () => {
    const doomed = await PGliteThread.start({});
    await doomed.close();
    await assert.rejects(doomed.query('SELECT 1'), /embedded database thread stopped/);
  });
});
