/**
 * The rules-engine commands of `ketapath`: `rules list|eligibility|check-order|session` and
 * `protocols list|show`. They call @ketapath/clinical-rules directly: no server, no database.
 */
import type { Command } from 'commander';
import { withOneLineErrors } from '../pharmacology/flags.js';
import { registerCheckOrderCommand } from './check-order.command.js';
import { registerEligibilityCommand } from './eligibility.command.js';
import { registerRulesListCommand } from './list.command.js';
import { registerProtocolsCommands } from './protocols.command.js';
import { registerSessionCommand } from './session.command.js';

export function registerRulesCommands(program: Command): void {
  // One-line errors are set on the group before its subcommands exist: they copy it when created.
  const rules = withOneLineErrors(
    program
      .command('rules')
      .description(
        'The clinical rules engine: list the rules, screen an intake, check an order, evaluate a session.',
      ),
  );
  registerRulesListCommand(rules);
  registerEligibilityCommand(rules);
  registerCheckOrderCommand(rules);
  registerSessionCommand(rules);
  const protocols = withOneLineErrors(
    program.command('protocols').description('The protocol library: list the protocols, show one.'),
  );
  registerProtocolsCommands(protocols);
}
