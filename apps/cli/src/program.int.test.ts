import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  cliEnv,
  runCli,
  scratchCliEnv,
  startServerProcess,
  TEST_DB_KIND,
  TestClient,
} from '@ketapath/test-support';
import { buildProgram } from './program.js';
import { DEMO_PATIENT_COUNT, demoLogins } from './commands/demo-data.js';

describe('ketapath command line', () => {
  it('has --help on every command', () => {
    const seen: string[] = [];
    const walk = (cmd: ReturnType<typeof buildProgram>, prefix: string) => {
      for (const sub of cmd.commands) {
        const name = `${prefix} ${sub.name()}`.trim();
        assert.ok(sub.description().length > 10, `${name} has a description`);
        assert.match(sub.helpInformation(), /-h, --help/, `${name} --help`);
        seen.push(name);
        walk(sub, name);
      }
    };
    walk(buildProgram({}), '');
    for (const expected of [
      'serve',
      'migrate',
      'demo',
      'clinic create',
      'user create',
      'backup',
      'restore',
    ]) {
      assert.ok(seen.includes(expected), expected);
    }
  });

  it('bad input prints one line naming the flag and exits 2', async () => {
    const env = cliEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ketapath-cli-')) });
    const badRole = await runCli(
      ['user', 'create', '--clinic', 'x', '--email', 'a@b.test', '--name', 'A', '--role', 'surgeon'],
      env,
    );
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /--role/);
    const badEmail = await runCli(
      ['user', 'create', '--clinic', 'x', '--email', 'nope', '--name', 'A', '--role', 'nurse'],
      env,
    );
    assert.equal(badEmail.code, 2);
    assert.match(badEmail.stderr, /^ketapath: --email: must be an email address$/m);
    const noClinic = await runCli(
      ['user', 'create', '--clinic', 'x', '--email', 'a@b.test', '--name', 'A', '--role', 'nurse'],
      env,
    );
    assert.equal(noClinic.code, 2);
    assert.match(noClinic.stderr, /--clinic: no clinic "x"/);
    const badSlug = await runCli(['clinic', 'create', '--slug', 'Bad Slug', '--name', 'X'], env);
    assert.equal(badSlug.code, 2);
    const badPort = await runCli(['serve', '--port', '99999'], env);
    assert.equal(badPort.code, 2);
    assert.match(badPort.stderr, /must be a port number/);
    const badConfig = await runCli(['migrate'], { ...env, DATABASE_URL: 'mysql://x' });
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /DATABASE_URL: must be a postgres:\/\//);
  });
});

describe(`ketapath demo, restart and data (${TEST_DB_KIND})`, () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ env, cleanup } = await scratchCliEnv('demo'));
  });
  after(async () => {
    await cleanup();
  });

  it('seeds once, prints the logins, and a second run duplicates nothing', async () => {
    const first = await runCli(['demo'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      new RegExp(`Demo patients: ${DEMO_PATIENT_COUNT} \\(${DEMO_PATIENT_COUNT} created now\\)`),
    );
    for (const login of demoLogins())
      assert.ok(first.stdout.includes(login.email) && first.stdout.includes(login.password));
    const second = await runCli(['demo'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`Demo patients: ${DEMO_PATIENT_COUNT} \\(0 created now\\)`));
  });

  it('serves the demo data, and a restart keeps data written through the API', async () => {
    const physician = demoLogins().find((l) => l.role === 'physician')!;
    let server = await startServerProcess(env);
    let client = new TestClient(server.url);
    assert.equal((await client.login(physician.email, physician.password)).status, 200);
    const list = await client.get('/api/patients?limit=200');
    assert.equal(list.body.total, DEMO_PATIENT_COUNT);
    assert.ok(
      list.body.items.every((p: { isDemo: boolean }) => p.isDemo),
      'every demo patient is flagged',
    );
    const created = await client.post('/api/patients', {
      familyName: 'Restart',
      givenNames: 'Kept',
      dateOfBirth: '1970-01-01',
      sexAtBirth: 'female',
      weightKg: 70,
    });
    assert.equal(created.status, 201);
    await server.kill('SIGTERM');

    server = await startServerProcess(env);
    try {
      client = new TestClient(server.url);
      assert.equal((await client.login(physician.email, physician.password)).status, 200);
      const again = await client.get(`/api/patients/${created.body.id}`);
      assert.equal(again.status, 200);
      assert.equal(again.body.latestWeight.weightKg, 70);
      assert.equal((await client.get('/api/patients?limit=1')).body.total, DEMO_PATIENT_COUNT + 1);
    } finally {
      await server.kill();
    }
  });

  // The data-directory lock and file backups exist only for the embedded database (PostgreSQL: pg_dump).
  if (TEST_DB_KIND === 'embedded') {
    it('warns in production that the embedded database does not survive a power loss', async () => {
      const production = await startServerProcess({ ...env, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
      try {
        assert.match(production.output(), /embedded database in production.*not a power loss/s);
        assert.match(production.output(), /"level":40/, 'logged at warn level');
      } finally {
        await production.kill();
      }
      const development = await startServerProcess({ ...env, LOG_LEVEL: 'warn' });
      try {
        assert.doesNotMatch(development.output(), /embedded database in production/);
      } finally {
        await development.kill();
      }
    });

    it('a second process on the same embedded data directory fails at once', async () => {
      const server = await startServerProcess(env);
      try {
        const started = Date.now();
        const second = await runCli(['migrate'], env);
        assert.equal(second.code, 2);
        assert.match(second.stderr, /in use by another Ketapath process \(pid \d+\)/);
        assert.ok(Date.now() - started < 15_000);
        const client = new TestClient(server.url);
        assert.equal((await client.get('/api/health')).status, 200, 'the first server is unharmed');
      } finally {
        await server.kill();
      }
    });

    it('backup and restore round-trip, and restore never destroys the current database', async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'ketapath-backup-')), 'b.tar.gz');
      const backup = await runCli(['backup', '--out', file], env);
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, new RegExp(`Backed up ${DEMO_PATIENT_COUNT + 1} patients`));

      const target = mkdtempSync(path.join(tmpdir(), 'ketapath-restore-'));
      const restored = await runCli(['restore', '--from', file], { ...env, DATA_DIR: target });
      assert.equal(restored.code, 0, restored.stderr);
      assert.match(restored.stdout, new RegExp(`Restored ${DEMO_PATIENT_COUNT + 1} patients`));
      const refused = await runCli(['restore', '--from', file], { ...env, DATA_DIR: target });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /--replace/);
      const replaced = await runCli(['restore', '--from', file, '--replace'], { ...env, DATA_DIR: target });
      assert.equal(replaced.code, 0, replaced.stderr);
      assert.ok(
        readdirSync(target).some((f) => f.startsWith('pgdata.before-restore-')),
        'the replaced database is kept aside',
      );

      const server = await startServerProcess({ ...env, DATA_DIR: target });
      try {
        const physician = demoLogins().find((l) => l.role === 'physician')!;
        const client = new TestClient(server.url);
        assert.equal((await client.login(physician.email, physician.password)).status, 200);
        assert.equal((await client.get('/api/patients?q=restart')).body.total, 1);
      } finally {
        await server.kill();
        rmSync(target, { recursive: true, force: true });
      }
      assert.ok(existsSync(file));
    });
  }
});
