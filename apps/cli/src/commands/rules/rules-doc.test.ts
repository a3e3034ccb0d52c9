import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describeParameters, describeRules, listProtocols } from '@ketapath/clinical-rules';
import { REPO_ROOT } from '@ketapath/test-support';
import { inputExamples } from './examples.js';
import { compactJson, inputJsonSchema, renderRulesDoc } from './rules-doc.js';

const DOC = path.join(REPO_ROOT, 'docs/clinical-rules.md');

describe('docs/clinical-rules.md', () => {
  const rendered = renderRulesDoc();

  it('is current: regenerate it with `npm run docs:rules` after changing a rule, parameter, protocol or schema', () => {
    const committed = readFileSync(DOC, 'utf8');
    if (committed !== rendered) {
      const a = committed.split('\n');
      const b = rendered.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      assert.fail(
        `docs/clinical-rules.md is stale (first difference at line ${line + 1}: ${JSON.stringify(a[line])} ≠ ${JSON.stringify(b[line])}); run npm run docs:rules`,
      );
    }
  });

  it('renders the same text every time, with no date of its own', () => {
    assert.equal(renderRulesDoc(), rendered);
    assert.doesNotMatch(rendered, new RegExp(new Date().toISOString().slice(0, 10)));
  });

  it('documents every rule, parameter and library protocol', () => {
    for (const r of describeRules()) {
      assert.ok(rendered.includes(`#### \`${r.id}\` v${r.version}: ${r.title}`), r.id);
      assert.ok(rendered.includes(`Severity: **${r.severity}**. ${r.description}`), r.id);
      for (const c of r.citations)
        assert.ok(
          rendered.includes(`- ${c.section} ${c.sectionTitle} — ${c.source} (${c.sourceTitle}): ${c.note}`),
          `${r.id} ${c.section}`,
        );
    }
    for (const p of describeParameters()) {
      assert.match(
        rendered,
        new RegExp(
          `^\\| \`${p.id.replace(/\./g, '\\.')}\` \\| .* \\| ${p.defaultBasis.replace(/[()[\]]/g, '\\$&')} \\|`,
          'm',
        ),
        p.id,
      );
    }
    for (const p of listProtocols())
      assert.ok(rendered.includes(`- \`${p.id}@${p.version}\` ${p.name}`), p.id);
  });

  it('shows each input example and its JSON Schema as valid JSON', () => {
    const blocks = [...rendered.matchAll(/```json\n([\s\S]*?)\n```/g)].map(
      (m) => JSON.parse(m[1]!) as unknown,
    );
    for (const [kind, example] of Object.entries(inputExamples())) {
      const schema = inputJsonSchema(example.schema);
      assert.ok(
        blocks.some((b) => JSON.stringify(b) === JSON.stringify(schema)),
        `${kind} schema`,
      );
      if (kind !== 'protocol')
        assert.ok(
          blocks.some((b) => JSON.stringify(b) === JSON.stringify(example.value)),
          `${kind} example`,
        );
    }
  });

  it('every $ref in a schema points at a definition it carries', () => {
    for (const [kind, example] of Object.entries(inputExamples())) {
      const schema = inputJsonSchema(example.schema) as { $defs?: Record<string, unknown> };
      const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map((m) => m[1]!);
      for (const ref of refs) assert.ok(schema.$defs && ref in schema.$defs, `${kind}: ${ref}`);
      assert.doesNotMatch(JSON.stringify(schema), /__schema/, kind);
    }
  });
});

describe('compactJson', () => {
  it('reads back as the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 120 }), (value, width) => {
        assert.deepEqual(JSON.parse(compactJson(value, width)), JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('keeps what fits on one line, and lists of plain values, on one line', () => {
    assert.equal(compactJson({ a: 1, b: [1, 2] }), '{"a":1,"b":[1,2]}');
    assert.equal(
      compactJson({ a: 'x'.repeat(20), b: ['long', 'enum'] }, 20),
      '{\n  "a": "xxxxxxxxxxxxxxxxxxxx",\n  "b": ["long","enum"]\n}',
    );
  });
});
