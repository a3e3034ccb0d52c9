/**
 * The intake casebook: realistic, hand-written intakes with the conclusion a careful clinician reaches. Each file
 * is validated with ZIntake, run through evaluateEligibility, and must give the expected status, the expected
 * rule findings (and no unexpected warning or worse) and exactly the expected tests due.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ELIGIBILITY_STATUSES, ZIntake } from '@ketapath/core';
import { evaluateEligibility } from './eligibility.js';
import { PRE_INFUSION_TESTS } from './rules/eligibility/tests-due.js';
import { ELIGIBILITY_RULES } from './rules/eligibility/index.js';
import { settingsView } from './registry.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../casebook/intakes');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

interface CaseFile {
  title: string;
  rationale: string;
  now: string;
  settings: Record<string, number | boolean | string>;
  intake: unknown;
  expected: { status: string; ruleIds: string[]; testsDue: string[] };
}

describe('intake casebook', () => {
  it('has at least 40 cases', () => {
    assert.ok(files.length >= 40, `${files.length} files`);
  });
  it('spans every outcome', () => {
    const statuses = new Set(
      files.map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as CaseFile).expected.status),
    );
    assert.deepEqual([...statuses].sort(), [...ELIGIBILITY_STATUSES].sort());
  });
  const knownRules = new Set(ELIGIBILITY_RULES.map((r) => r.id));
  for (const file of files) {
    const c = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CaseFile;
    it(`${file}: ${c.title} → ${c.expected.status}`, () => {
      assert.ok(c.rationale.length > 40, 'the rationale explains the conclusion');
      for (const id of c.expected.ruleIds) assert.ok(knownRules.has(id), `unknown rule ${id}`);
      for (const id of c.expected.testsDue)
        assert.ok(Object.hasOwn(PRE_INFUSION_TESTS, id), `unknown test ${id}`);
      const view = settingsView(c.settings);
      for (const [id, value] of Object.entries(c.settings)) assert.equal(view.resolve(id).value, value);
      const parsed = ZIntake.safeParse(c.intake);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
      const result = evaluateEligibility(parsed.data, c.settings, { now: new Date(c.now) });
      const summary = result.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`).join('\n');
      assert.equal(result.status, c.expected.status, summary);
      const found = new Set(result.findings.map((f) => f.ruleId));
      for (const id of c.expected.ruleIds) assert.ok(found.has(id), `missing ${id}\n${summary}`);
      const unexpected = result.findings.filter(
        (f) => f.severity !== 'info' && !c.expected.ruleIds.includes(f.ruleId),
      );
      assert.deepEqual(
        unexpected.map((f) => f.ruleId),
        [],
        summary,
      );
      assert.deepEqual(result.testsDue.map((t) => t.id).sort(), [...c.expected.testsDue].sort(), summary);
    });
  }
});
