/**
 * `ketapath rules` as a real child process, twice: a clinical "no" read from standard input is a completed
 * evaluation (exit 0, json equal to the engine's), and bad input is one line naming the file and the field
 * (exit 2). The command logic itself is tested in-process in commands/rules/*.test.ts.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZIntake } from '@ketapath/core';
import { evaluateEligibility } from '@ketapath/clinical-rules';
import { cliEnv, REPO_ROOT, runCli } from '@ketapath/test-support';
import { EXAMPLE_ORDER_PATIENT, exampleOrder } from './commands/rules/examples.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ketapath-rules-process-'));
const env = cliEnv({ DATA_DIR: dir });
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, value: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
}

describe('ketapath rules (process)', () => {
  it('a not-eligible intake from standard input: exit 0, json equal to evaluateEligibility()', async () => {
    const c = JSON.parse(
      readFileSync(
        path.join(REPO_ROOT, 'packages/clinical-rules/casebook/intakes/18-ketamine-hypersensitivity.json'),
        'utf8',
      ),
    );
    const settings = file('settings.json', c.settings);
    const run = await runCli(
      ['rules', 'eligibility', '--intake', '-', '--settings', settings, '--now', c.now, '--format', 'json'],
      env,
      JSON.stringify(c.intake),
    );
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    const printed = JSON.parse(run.stdout);
    assert.equal(printed.status, 'not-eligible');
    assert.deepEqual(
      printed,
      JSON.parse(
        JSON.stringify(evaluateEligibility(ZIntake.parse(c.intake), c.settings, { now: new Date(c.now) })),
      ),
    );
  });

  it('a bad field: exit 2 and one line naming the file and the field', async () => {
    const order = exampleOrder();
    const badOrder = file('order.json', { ...order, rate: { value: 0.35, unit: 'mg/kg/min' } });
    const patient = file('patient.json', EXAMPLE_ORDER_PATIENT);
    const run = await runCli(
      ['rules', 'check-order', '--protocol', order.protocolId, '--patient', patient, '--order', badOrder],
      env,
    );
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `ketapath: ${badOrder}: rate.unit: must be one of mg/kg/h, mg/h, µg/kg/min\n`);
  });
});
