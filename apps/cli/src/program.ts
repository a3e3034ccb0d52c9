/**
 * The `ketapath` command line: serve, migrate, demo data, clinics and users, backup and restore, and the
 * pharmacology commands (simulate, tci, models), the clinical rules engine (rules, protocols) and the
 * controlled-substance ledger check (ledger verify).
 * Every command has --help; configuration comes from the same environment variables as the server.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { invalidFields, STAFF_ROLES, ZCreateUserBody, type StaffRole } from '@ketapath/core';
import { backupEmbedded, findClinicBySlug, insertClinic, migrate, restoreEmbedded, type Database } from '@ketapath/db';
import { closeOnSignals, createStaffUser, loadConfig, openConfiguredDatabase, startServer, systemClock, VERSION, type Config } from '@ketapath/server';
import { demoLogins, seedDemo, type DemoResult } from './commands/demo-data.js';
import { seedDemoJourney, type DemoJourneyResult } from './commands/demo-journey.js';
import { registerPharmacologyCommands } from './commands/pharmacology/index.js';
import { registerRulesCommands } from './commands/rules/index.js';
import { registerLedgerCommands } from './commands/ledger/index.js';

/** Bad input on the command line: one line naming the flag, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The demo clinic, its users and patients, then the patient journey and today's floor. */
async function seedAllDemo(ctx: Parameters<typeof seedDemo>[0]): Promise<{ demo: DemoResult; journey: DemoJourneyResult }> {
  const demo = await seedDemo(ctx);
  const emails = Object.fromEntries(demoLogins().map((l) => [l.role, l.email])) as Record<StaffRole, string>;
  const journey = await seedDemoJourney(ctx, demo.clinic, emails);
  return { demo, journey };
}

function printDemo({ demo: result, journey }: { demo: DemoResult; journey: DemoJourneyResult }, url: string | null): void {
  const states = Object.entries(journey.states)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const lines = [
    '',
    `Demo clinic: ${result.clinic.name} — all patients are synthetic demo data.`,
    `Demo patients: ${result.patientsTotal} (${result.patientsCreated} created now)`,
    `Demo journey: ${journey.intakesCreated} intakes, ${journey.qualificationsSigned} qualifications and ${journey.plansSigned} plans created now; ` +
      `${journey.settingsSet} demo clinic settings set (labelled demo values, not clinical guidance)`,
    `Today (${journey.date}): ${journey.chairsToday} chairs on the floor board (${states || 'none'}); ` +
      `${journey.chairsCharted} charted now with ${journey.entriesRecorded} entries in ${journey.seconds.toFixed(1)} s`,
    ...(journey.ledger
      ? [
          `Controlled-substance ledger at "${journey.ledger.locationName}": ${journey.ledger.receipts} receipts, ${journey.ledger.draws} draws and ` +
            `${journey.ledger.wastes} witnessed wastes written now${journey.ledger.countDiscrepancyMg === null ? '' : `; today's count found ${journey.ledger.countDiscrepancyMg} mg (under investigation)`}`,
        ]
      : []),
    ...(url ? [`Floor board: ${url}/floor   Schedule: ${url}/schedule`] : []),
    ...(url ? [`Open ${url} and sign in with one of these demo logins:`] : ['Demo logins:']),
    ...result.logins.map((l) => `  ${l.role.padEnd(10)}  ${l.email.padEnd(32)}  ${l.password}`),
    '',
  ];
  console.log(lines.join('\n'));
}

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0–65535');
  return n;
};

export function buildProgram(env: NodeJS.ProcessEnv = process.env): Command {
  const program = new Command('ketapath')
    .description('Ketapath: a ketamine treatment program for chronic pain, from first contact to follow-up.')
    .version(VERSION)
    // Set before any subcommand exists: subcommands copy these settings when they are created.
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => {
        write(str);
      },
    });

  const config = (overrides: { port?: number } = {}) => {
    const c = loadConfig(env);
    return overrides.port !== undefined ? { ...c, port: overrides.port } : c;
  };

  program
    .command('serve')
    .description('Start the server (migrates the database first). Set DATABASE_URL for PostgreSQL; otherwise the embedded database in DATA_DIR.')
    .addOption(new Option('-p, --port <port>', 'port to listen on (default: PORT or 3000)').argParser(positiveInt))
    .action(async (opts: { port?: number }) => {
      const server = await startServer(config(opts));
      closeOnSignals(server);
      console.log(`Ketapath is listening on ${server.url} (${server.database.kind} database)`);
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit.')
    .action(async () => {
      const result = await withDatabase(config(), (db) => migrate(db));
      console.log(result.applied.length > 0 ? `Applied: ${result.applied.join(', ')}` : `Up to date (${result.alreadyApplied} migrations).`);
    });

  program
    .command('demo')
    .description('Create the demo clinic, one demo user per role, about 50 synthetic patients, their journey (intakes, qualifications, plans) and today\'s floor of 20 chairs (idempotent).')
    .option('--serve', 'start the server afterwards, in this same process')
    .addOption(new Option('-p, --port <port>', 'port for --serve').argParser(positiveInt))
    .action(async (opts: { serve?: boolean; port?: number }) => {
      const c = config(opts);
      if (!opts.serve) {
        const result = await withDatabase(c, (database) => seedAllDemo({ config: c, database, clock: systemClock }));
        printDemo(result, null);
        return;
      }
      const database = await openConfiguredDatabase(c);
      await migrate(database);
      const result = await seedAllDemo({ config: c, database, clock: systemClock });
      const server = await startServer(c, { database });
      closeOnSignals(server);
      printDemo(result, server.url);
    });

  const clinic = program.command('clinic').description('Manage clinics.');
  clinic
    .command('create')
    .description('Create a clinic.')
    .requiredOption('--slug <slug>', 'short identifier: lower-case letters, digits and dashes')
    .requiredOption('--name <name>', 'display name')
    .action(async (opts: { slug: string; name: string }) => {
      if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(opts.slug)) throw new UsageError('--slug: use 2–63 lower-case letters, digits and dashes');
      await withDatabase(config(), async ({ db }) => {
        if (await findClinicBySlug(db, opts.slug)) throw new UsageError(`--slug: a clinic "${opts.slug}" already exists`);
        const row = await insertClinic(db, { slug: opts.slug, name: opts.name, isDemo: false });
        console.log(`Created clinic ${row.slug} (${row.id}).`);
      });
    });

  const user = program.command('user').description('Manage staff users.');
  user
    .command('create')
    .description('Create a staff user in a clinic. Reads the password from standard input with --password-stdin, else generates and prints one.')
    .requiredOption('--clinic <slug>', 'the clinic')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices(STAFF_ROLES).makeOptionMandatory())
    .option('--password-stdin', 'read the password from standard input')
    .action(async (opts: { clinic: string; email: string; name: string; role: StaffRole; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : randomBytes(12).toString('base64url');
      const parsed = ZCreateUserBody.safeParse({ email: opts.email, displayName: opts.name, role: opts.role, password });
      if (!parsed.success) {
        throw invalidFields(parsed.error.issues.map((i) => ({ field: `--${String(i.path[0] ?? 'input').replace('displayName', 'name')}`, message: i.message })));
      }
      await withDatabase(config(), async ({ db }) => {
        const found = await findClinicBySlug(db, opts.clinic);
        if (!found) throw new UsageError(`--clinic: no clinic "${opts.clinic}"`);
        const row = await createStaffUser(db, { clinicId: found.id, ...parsed.data, now: systemClock.now() });
        console.log(`Created ${row.role} ${row.email} in ${found.slug}.${opts.passwordStdin ? '' : ` Password: ${password}`}`);
      });
    });

  program
    .command('backup')
    .description('Back up the embedded database to a file (stop the server first; with PostgreSQL use pg_dump).')
    .requiredOption('-o, --out <file>', 'backup file to write (.tar.gz)')
    .action(async (opts: { out: string }) => {
      const c = config();
      if (c.database.kind !== 'embedded') throw new UsageError('DATABASE_URL is set: back up PostgreSQL with pg_dump.');
      const result = await backupEmbedded(c.database.dataDir, opts.out);
      console.log(`Backed up ${result.patients} patients to ${opts.out} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB).`);
    });

  program
    .command('restore')
    .description('Restore the embedded database from a backup file (stop the server first).')
    .requiredOption('-i, --from <file>', 'backup file written by `ketapath backup`')
    .option('--replace', 'keep the current database aside (pgdata.before-restore-<time>) and restore over it')
    .action(async (opts: { from: string; replace?: boolean }) => {
      const c = config();
      if (c.database.kind !== 'embedded') throw new UsageError('DATABASE_URL is set: restore PostgreSQL with pg_restore.');
      const result = await restoreEmbedded(c.database.dataDir, opts.from, { replace: opts.replace === true, now: systemClock.now() });
      console.log(`Restored ${result.patients} patients into ${c.database.dataDir}.${result.keptAside ? ` The previous database is kept in ${result.keptAside}.` : ''}`);
    });

  registerPharmacologyCommands(program);
  registerRulesCommands(program);
  registerLedgerCommands(program, () => config());

  return program;
}
