/**
 * The session casebook: realistic snapshots, each with the status and the rules a careful clinician expects
 * (casebook/sessions/*.json). Every snapshot must pass the input schema; the engine's status, the ids of
 * the rules that raised something (warn or worse), the action tiers, rescue problems and discharge summary
 * must match the clinician's expectation.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ZSessionSnapshot } from '@ketapath/core';
import { EXAMPLE_CLINIC_SETTINGS } from './rules/session/testing/session-fixtures.js';
import { evaluateSession } from './session.js';
import type { ClinicSettings } from './settings.js';

interface CasebookCase {
  readonly title: string;
  readonly clinicianReasoning: string;
  readonly settingsProfile: 'example-clinic' | 'defaults-only';
  readonly settingsOverrides: ClinicSettings;
  readonly snapshot: unknown;
  readonly expected: {
    readonly status: string;
    readonly ruleIds: readonly string[];
    readonly actionTiers?: Readonly<Record<string, string>>;
    readonly rescueProblems?: readonly string[];
    readonly ready?: boolean;
    readonly aldreteScore?: number;
  };
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '../casebook/sessions');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('session casebook', () => {
  it('holds at least 20 cases covering every phase', () => {
    assert.ok(files.length >= 20, `${files.length} cases`);
    for (const phase of ['pre-start', 'infusion', 'discharge']) {
      assert.ok(files.filter((f) => f.startsWith(phase)).length >= 5, phase);
    }
  });

  for (const file of files) {
    const c = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CasebookCase;
    it(`${file}: ${c.title} → ${c.expected.status}`, () => {
      const parsed = ZSessionSnapshot.safeParse(c.snapshot);
      assert.ok(
        parsed.success,
        `${file}: ${parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') ?? ''}`,
      );
      const base = c.settingsProfile === 'example-clinic' ? EXAMPLE_CLINIC_SETTINGS : {};
      const r = evaluateSession(parsed.data, { ...base, ...c.settingsOverrides });
      const raised = [
        ...new Set(r.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)),
      ].sort();
      const why = r.findings.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`).join('\n');
      assert.equal(r.status, c.expected.status, why);
      assert.deepEqual(raised, [...c.expected.ruleIds].sort(), why);
      for (const [ruleId, tier] of Object.entries(c.expected.actionTiers ?? {})) {
        const worst = r.findings.find((f) => f.ruleId === ruleId);
        assert.equal(worst?.actionTier, tier, `${ruleId} tier`);
      }
      if (c.expected.rescueProblems !== undefined) {
        assert.deepEqual(
          r.rescuePrompts.map((p) => p.problem),
          c.expected.rescueProblems,
        );
      }
      if (c.expected.ready !== undefined) assert.equal(r.discharge?.ready, c.expected.ready);
      if (c.expected.aldreteScore !== undefined)
        assert.equal(r.discharge?.aldreteScore, c.expected.aldreteScore);
      if (parsed.data.phase === 'pre-start') {
        const openIds = r.checklist.filter((i) => i.status === 'open').flatMap((i) => i.ruleIds);
        for (const id of raised)
          assert.ok(openIds.includes(id), `${id} raised but its checklist item is not open`);
      }
    });
  }
});
