/**
 * `ketapath ledger verify [--location <id>] [--json]`: recomputes every entry's SHA-256 and link of each
 * registered location's chain, compares the stored chain head and the container table with the ledger, and
 * prints OK with counts, or each problem with its seq, entry id and kind. Exit 0 when every ledger verifies,
 * 1 when one does not, 2 for bad arguments.
 */
import type { Command } from 'commander';
import { invalidFields, ZUuid } from '@ketapath/core';
import { findClinicById, migrate } from '@ketapath/db';
import {
  describeVerification,
  openConfiguredDatabase,
  systemClock,
  verifyLedgers,
  type Config,
  type LedgerVerification,
  type LocationVerification,
} from '@ketapath/server';

interface VerifyOptions {
  location?: string;
  json?: boolean;
}

function summary(l: LocationVerification, clinic: string): string {
  const where = `${l.locationName} — ${clinic} (location ${l.locationId})`;
  if (l.ok) {
    if (l.entries === 0) return `OK      ${where}: no entries yet`;
    return `OK      ${where}: ${l.entries} entries (seq 1–${l.lastSeq}), head ${l.headHash?.slice(0, 16) ?? '—'}…, ${l.containers} containers match the ledger`;
  }
  const problems = l.breaks.length + l.projectionProblems.length + l.anomalies.length;
  return `BROKEN  ${where}: ${l.entries} entries, ${problems} problem${problems === 1 ? '' : 's'}`;
}

export function registerLedgerVerifyCommand(ledger: Command, config: () => Config): void {
  ledger
    .command('verify')
    .description(
      'Check the tamper evidence of every registered location (or one): each entry’s hash, the links and numbering of the chain, the chain head, and the container table against the ledger. Exit 0 when all verify, 1 when not.',
    )
    .option('--location <id>', 'only this registered location (its id)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: VerifyOptions) => {
      if (opts.location !== undefined && !ZUuid.safeParse(opts.location).success) {
        throw invalidFields([{ field: '--location', message: 'must be a registered location id (a UUID)' }]);
      }
      const database = await openConfiguredDatabase(config());
      let result: LedgerVerification;
      const clinics = new Map<string, string>();
      try {
        await migrate(database);
        result = await verifyLedgers(database.db, { locationId: opts.location }, systemClock.now());
        for (const l of result.locations) {
          if (!clinics.has(l.clinicId)) {
            const clinic = await findClinicById(database.db, l.clinicId);
            clinics.set(l.clinicId, clinic ? `clinic ${clinic.name} (${clinic.slug})` : `clinic ${l.clinicId}`);
          }
        }
      } finally {
        await database.close();
      }
      if (opts.location !== undefined && result.locations.length === 0) {
        throw invalidFields([{ field: '--location', message: `no registered location ${opts.location}` }]);
      }
      if (opts.json) {
        console.log(JSON.stringify(result, null, 2));
      } else {
        const lines = [`Ledger verification at ${result.checkedAt}: ${result.locations.length} registered location(s)`];
        for (const l of result.locations) {
          lines.push(summary(l, clinics.get(l.clinicId) ?? l.clinicId));
          for (const problem of describeVerification(l)) lines.push(`          ${problem}`);
        }
        const broken = result.locations.filter((l) => !l.ok).length;
        lines.push(
          broken === 0
            ? 'All ledgers verify.'
            : `${broken} of ${result.locations.length} ledger(s) do not verify: the entries named above were changed, removed or moved outside Ketapath.`,
        );
        console.log(lines.join('\n'));
      }
      if (!result.ok) process.exitCode = 1;
    });
}
