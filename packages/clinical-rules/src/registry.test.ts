/**
 * The registry's integrity: unique ids, at least one citation per rule, every cited REFERENCE.md section and
 * source key present in the document, parameters declared and sourced, thresholds only via parameters.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PARAMETERS, PARAMETERS_BY_ID } from './parameters/index.js';
import { REFERENCE_SECTIONS, REFERENCE_SOURCES } from './reference.js';
import { describeParameters, describeRules, RULES } from './registry.js';
import { validateSettingValue } from './settings.js';

const here = dirname(fileURLToPath(import.meta.url));
const referencePath = join(here, '../../../docs/reference/REFERENCE.md');
const reference = readFileSync(referencePath, 'utf8');

/** Section numbers of the document's headings: '## 4. …' → '§4', '### 4.2 …' → '§4.2'. */
const sectionsInDocument = new Map<string, string>();
for (const line of reference.split('\n')) {
  const m = /^#{2,3} (\d+(?:\.\d+)?)\.? (.+)$/.exec(line);
  if (m?.[1] !== undefined && m[2] !== undefined) sectionsInDocument.set(`§${m[1]}`, m[2].trim());
}
const sourcesInDocument = new Set([...reference.matchAll(/^- \*\*(S\d+[a-z]?)\*\*/gm)].map((m) => m[1]));

describe('REFERENCE.md sections and sources the rules may cite', () => {
  it('reads the document (guards against a parse that finds nothing)', () => {
    assert.ok(sectionsInDocument.size >= 40, `found ${sectionsInDocument.size} sections`);
    assert.ok(sourcesInDocument.size >= 40, `found ${sourcesInDocument.size} sources`);
  });
  for (const [section, title] of Object.entries(REFERENCE_SECTIONS)) {
    it(`${section} exists with the title "${title}"`, () => {
      assert.equal(sectionsInDocument.get(section), title);
    });
  }
  for (const source of Object.keys(REFERENCE_SOURCES)) {
    it(`source ${source} is in the References list`, () => {
      assert.ok(sourcesInDocument.has(source), source);
    });
  }
});

describe('rule registry', () => {
  it('has rules in every area', () => {
    for (const area of ['eligibility', 'order', 'session', 'discharge', 'ledger']) {
      assert.ok(RULES.some((r) => r.area === area), `no ${area} rules`);
    }
  });
  it('ids are unique', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });
  it('every rule has at least one citation, and every citation names an existing section and source', () => {
    for (const rule of RULES) {
      assert.ok(rule.citations.length > 0, rule.id);
      for (const c of rule.citations) {
        assert.ok(sectionsInDocument.has(c.section), `${rule.id} cites missing ${c.section}`);
        assert.ok(sourcesInDocument.has(c.source), `${rule.id} cites missing source ${c.source}`);
        assert.ok(c.note.length > 10, `${rule.id} citation needs a note`);
      }
    }
  });
  it('every parameter a rule names exists', () => {
    for (const rule of RULES) for (const p of rule.parameters) assert.ok(PARAMETERS_BY_ID.has(p), `${rule.id}: ${p}`);
  });
  it('every version is a positive integer', () => {
    for (const rule of RULES) assert.ok(Number.isInteger(rule.version) && rule.version >= 1, rule.id);
  });
  it('describeRules resolves every citation title', () => {
    for (const d of describeRules()) for (const c of d.citations) assert.ok(c.sectionTitle && c.sourceTitle, d.id);
  });
});

describe('parameter catalogue', () => {
  it('ids are unique', () => {
    const ids = PARAMETERS.map((p) => p.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });
  it('every parameter cites an existing section and source', () => {
    for (const p of PARAMETERS) {
      assert.ok(p.citations.length > 0, p.id);
      for (const c of p.citations) {
        assert.ok(sectionsInDocument.has(c.section), `${p.id} cites missing ${c.section}`);
        assert.ok(sourcesInDocument.has(c.source), `${p.id} cites missing ${c.source}`);
      }
    }
  });
  it('a default exists exactly when REFERENCE.md found a value, and it passes its own validation', () => {
    for (const p of PARAMETERS) {
      if (p.verification === 'not-found') assert.equal(p.default, null, `${p.id} is not-found but has a default`);
      else {
        assert.notEqual(p.default, null, `${p.id} has a source but no default`);
        assert.equal(validateSettingValue(p, p.default), null, p.id);
      }
    }
  });
  it('every parameter is used by at least one rule', () => {
    for (const d of describeParameters()) assert.ok(d.usedBy.length > 0, `${d.id} is unused`);
  });
  it('evaluate functions contain no numeric thresholds: numbers come from parameters', () => {
    // Rule files may use 0, 1, 2 (counting, halves) and 100 (percent), 60 (min/h), 1000 (µg/mg) as unit
    // arithmetic; any other literal inside a rule file is a threshold that belongs in a parameter.
    const allowed = new Set(['0', '1', '2', '100', '60', '1000', '24', '7']);
    const ruleDir = join(here, 'rules');
    for (const area of readdirSync(ruleDir)) {
      for (const file of readdirSync(join(ruleDir, area)).filter((f) => f.endsWith('.rule.ts'))) {
        const text = readFileSync(join(ruleDir, area, file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\/\/.*$/gm, '')
          .replace(/'[^'\n]*'|`[^`]*`|"[^"\n]*"/g, "''");
        const literals = [...text.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])/g)].map((m) => m[1] ?? '');
        const bad = literals.filter((l) => !allowed.has(l));
        assert.deepEqual(bad, [], `${area}/${file} has numeric literals ${bad.join(', ')}`);
      }
    }
  });
});
