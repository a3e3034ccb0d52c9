import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { openTestDatabase, TEST_DB_KIND } from '@ketapath/test-support';
import {
  insertAuditEvent,
  insertClinic,
  insertPatientRecord,
  insertUser,
  lockDataDir,
  DataDirLockedError,
  migrate,
  readMigrations,
  schema,
  LOCK_FILE_NAME,
  type Database,
} from '../src/index.js';

describe(`database on ${TEST_DB_KIND}`, () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('declares in Drizzle exactly the columns the migrations create', async () => {
    const rows = await database.sql.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const table of Object.values(schema)) {
      const config = getTableConfig(table);
      const dbColumns = rows.filter((r) => r.table_name === config.name);
      assert.deepEqual(
        dbColumns.map((c) => c.column_name).sort(),
        config.columns.map((c) => c.name).sort(),
        `columns of ${config.name}`,
      );
      for (const column of config.columns) {
        const dbType = dbColumns.find((c) => c.column_name === column.name)?.data_type;
        assert.equal(dbType, column.getSQLType(), `${config.name}.${column.name}`);
      }
    }
  });

  it('re-running migrations applies nothing, and a changed applied migration is refused', async () => {
    const again = await migrate(database);
    assert.deepEqual(again.applied, []);
    const files = readMigrations().map((f, i) => (i === 0 ? { ...f, checksum: 'tampered' } : f));
    await assert.rejects(migrate(database, files), /changed after it was applied/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit trail', async () => {
    const clinic = await insertClinic(database.db, { slug: 'audit-test', name: 'Audit test', isDemo: false });
    await insertAuditEvent(database.db, {
      clinicId: clinic.id,
      at: new Date(),
      userId: null,
      userEmail: null,
      role: null,
      action: 'auth.login',
      entityType: null,
      entityId: null,
      requestId: 'r1',
      outcome: 'failure',
      detail: {},
      ip: null,
    });
    await assert.rejects(database.sql.exec(`UPDATE audit_events SET outcome = 'success'`), /append-only/);
    await assert.rejects(database.sql.exec(`DELETE FROM audit_events`), /append-only/);
    await assert.rejects(database.sql.exec(`TRUNCATE audit_events`), /append-only/);
    const [row] = await database.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    assert.equal(row?.n, 1);
  });

  it('numbers concurrent registrations one after another per clinic', async () => {
    const a = await insertClinic(database.db, { slug: 'mrn-a', name: 'A', isDemo: false });
    const b = await insertClinic(database.db, { slug: 'mrn-b', name: 'B', isDemo: false });
    const user = await insertUser(database.db, {
      clinicId: a.id,
      email: 'u@mrn-a.test',
      displayName: 'U',
      role: 'nurse',
      passwordHash: 'x',
      createdAt: new Date(),
    });
    const userB = await insertUser(database.db, {
      clinicId: b.id,
      email: 'u@mrn-b.test',
      displayName: 'U',
      role: 'nurse',
      passwordHash: 'x',
      createdAt: new Date(),
    });
    const register = (clinicId: string, userId: string, i: number) =>
      insertPatientRecord(database.db, {
        clinicId,
        familyName: `P${i}`,
        givenNames: 'G',
        preferredName: null,
        dateOfBirth: '1970-01-01',
        sexAtBirth: 'female',
        phone: null,
        email: null,
        address: null,
        searchText: `p${i} g`,
        at: new Date(),
        userId,
        measuredOn: '2026-11-01',
        weightKg: null,
        heightCm: null,
        audit: { userEmail: 'u', role: 'nurse', requestId: 'r', ip: null },
      });
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => register(a.id, user.id, i)));
    assert.deepEqual(
      taken.map((r) => Number(r.mrn)).sort((x, y) => x - y),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.equal((await register(b.id, userB.id, 0)).mrn, '000001');
  });
});

describe(`patient registration in one statement (${TEST_DB_KIND})`, () => {
  it('pads MRNs to six digits without ever truncating a longer number, and writes measurements and the audit row', async () => {
    const database = await openTestDatabase();
    try {
      const clinic = await insertClinic(database.db, { slug: 'reg', name: 'Reg', isDemo: true });
      const user = await insertUser(database.db, {
        clinicId: clinic.id,
        email: 'u@reg.test',
        displayName: 'U',
        role: 'nurse',
        passwordHash: 'x',
        createdAt: new Date(),
      });
      const record = (familyName: string, weightKg: number | null) => ({
        clinicId: clinic.id,
        familyName,
        givenNames: 'G',
        preferredName: null,
        dateOfBirth: '1970-01-01',
        sexAtBirth: 'male' as const,
        phone: null,
        email: null,
        address: { city: "O'Fallon" },
        searchText: familyName.toLowerCase(),
        at: new Date(),
        userId: user.id,
        measuredOn: '2026-11-01',
        weightKg,
        heightCm: null,
        audit: { userEmail: 'u@reg.test', role: 'nurse', requestId: 'r', ip: null },
      });
      const first = await insertPatientRecord(database.db, record('One', 80));
      assert.deepEqual({ mrn: first.mrn, isDemo: first.isDemo }, { mrn: '000001', isDemo: true });
      await database.sql.exec(`UPDATE clinics SET next_mrn = 1234567 WHERE slug = 'reg'`);
      assert.equal((await insertPatientRecord(database.db, record('Two', null))).mrn, '1234567');
      const measurements = await database.sql.query<{ kind: string; value: number }>(
        'SELECT kind, value FROM patient_measurements ORDER BY value',
      );
      assert.deepEqual(
        measurements.map((m) => [m.kind, m.value]),
        [['weight', 80]],
      );
      const audit = await database.sql.query<{ action: string; entity_id: string }>(
        `SELECT action, entity_id FROM audit_events ORDER BY id`,
      );
      assert.deepEqual(
        audit.map((a) => a.entity_id),
        [first.id, audit[1]!.entity_id],
      );
      assert.ok(audit.every((a) => a.action === 'patient.create'));
      await assert.rejects(
        insertPatientRecord(database.db, { ...record('Three', 10), weightKg: 10 }),
        (error: Error & { cause?: Error }) => /check constraint/.test(error.cause?.message ?? error.message),
        'the database refuses a weight below 20 kg',
      );
      const [{ n } = { n: -1 }] = await database.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM patients',
      );
      assert.equal(n, 2, 'a refused registration leaves no half-written patient');
    } finally {
      await database.close();
    }
  });
});

describe('embedded data directory lock', () => {
  it('refuses a second opener in the same process', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ketapath-lock-'));
    const lock = lockDataDir(dir);
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
    lock.release();
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a dead process', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ketapath-lock-'));
    // pid 2^22 + 1 is above Linux's pid_max ceiling, so no process can have it.
    writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 4_194_305, host: hostname(), since: 'x' }),
    );
    lockDataDir(dir).release();
  });

  it('makes a second process fail at once with a clear message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ketapath-lock-'));
    const lock = lockDataDir(dir);
    try {
      const child = spawn(
        process.execPath,
        [
          '--conditions=source',
          '--import',
          'tsx',
          '-e',
          `import('@ketapath/db').then(m => m.openDatabase({ kind: 'embedded', dataDir: ${JSON.stringify(dir)} })).then(() => process.exit(0), e => { console.error(e.message); process.exit(3); })`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 3);
      assert.match(stderr, new RegExp(`in use by another Ketapath process \\(pid ${process.pid}\\)`));
    } finally {
      lock.release();
    }
  });
});
