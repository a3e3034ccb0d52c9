#!/usr/bin/env node
/** Entry point of the `ketapath` command. Errors print one line and exit 2 (bad input) or 1. */
import { CommanderError } from 'commander';
import { DomainError } from '@ketapath/core';
import { ConfigError } from '@ketapath/server';
import { DataDirLockedError } from '@ketapath/db';
import { buildProgram, UsageError } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  const message = error instanceof Error ? error.message : String(error);
  console.error(`ketapath: ${message}`);
  process.exit(error instanceof UsageError || error instanceof DomainError || error instanceof ConfigError || error instanceof DataDirLockedError ? 2 : 1);
}
