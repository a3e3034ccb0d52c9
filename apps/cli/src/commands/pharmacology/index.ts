/** The pharmacology commands of `ketapath`: simulate, tci and models. */
import type { Command } from 'commander';
import { registerModelsCommand } from './models.command.js';
import { registerSimulateCommand } from './simulate.command.js';
import { registerTciCommand } from './tci.command.js';

export function registerPharmacologyCommands(program: Command): void {
  registerSimulateCommand(program);
  registerTciCommand(program);
  registerModelsCommand(program);
}
