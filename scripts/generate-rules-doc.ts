/**
 * Writes docs/clinical-rules.md from the rules engine (`npm run docs:rules`); with --check, only says whether
 * the committed file is current (exit 1 when it is not).
 *   node --conditions=source --import tsx scripts/generate-rules-doc.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc } from '../apps/cli/src/commands/rules/rules-doc.js';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'clinical-rules.md');
const text = renderRulesDoc();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale.
  }
  if (current !== text) {
    console.error('docs/clinical-rules.md is stale: run npm run docs:rules');
    process.exit(1);
  }
  console.log('docs/clinical-rules.md is current.');
} else {
  writeFileSync(target, text);
  console.log(`Wrote docs/clinical-rules.md (${text.split('\n').length} lines).`);
}
