/**
 * The controlled-substance ledger commands of `ketapath`: `ledger verify` checks every registered
 * location's hash chain, chain head and container table straight from the database.
 */
import type { Command } from 'commander';
import type { Config } from '@ketapath/server';
import { withOneLineErrors } from '../pharmacology/flags.js';
import { registerLedgerVerifyCommand } from './verify.command.js';

export function registerLedgerCommands(program: Command, config: () => Config): void {
  // One-line errors are set on the group before its subcommands exist: they copy it when created.
  const ledger = withOneLineErrors(
    program
      .command('ledger')
      .description('The controlled-substance ledger: check its tamper evidence (`ledger verify`).'),
  );
  registerLedgerVerifyCommand(ledger, config);
}
