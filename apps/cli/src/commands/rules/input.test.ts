import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '@ketapath/core';
import { PARAMETERS, type NumberParameter } from '@ketapath/clinical-rules';
import {
  assertOneStdin,
  issueMessage,
  issuePath,
  parseNow,
  parseSettings,
  readInput,
  readJson,
  type InputSchema,
  type SchemaIssue,
} from './input.js';

/** The one line main.ts prints for an error thrown by the commands. */
function oneLine(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError, `a DomainError (exit 2), got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected an error');
}

const files = (contents: Record<string, string>) => (p: string | 0) => {
  const key = p === 0 ? '-' : p;
  const text = contents[key];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${key}`), { code: 'ENOENT' });
  return text;
};

describe('issue paths and messages', () => {
  it('writes paths as field.sub[index]', () => {
    assert.equal(issuePath([]), '');
    assert.equal(issuePath(['rate', 'unit']), 'rate.unit');
    assert.equal(issuePath(['doses', 1, 'endMin']), 'doses[1].endMin');
    assert.equal(issuePath([0, 'x']), '[0].x');
  });

  const cases: [string, SchemaIssue, string][] = [
    [
      'a schema message is kept',
      { code: 'invalid_value', path: [], message: 'must be one of a, b', values: ['a', 'b'] },
      'must be one of a, b',
    ],
    [
      'generic enum message → the values',
      {
        code: 'invalid_value',
        path: [],
        message: 'Invalid option: expected one of "mg/kg/h"|"mg/h"',
        values: ['mg/kg/h', 'mg/h', 'µg/kg/min'],
      },
      'must be one of mg/kg/h, mg/h, µg/kg/min',
    ],
    [
      'generic literal → the one value',
      { code: 'invalid_value', path: [], message: 'Invalid input: expected "x"', values: ['x'] },
      'must be x',
    ],
    [
      'missing field',
      {
        code: 'invalid_type',
        path: [],
        message: 'Invalid input: expected object, received undefined',
        expected: 'object',
      },
      'is required',
    ],
    [
      'wrong type',
      {
        code: 'invalid_type',
        path: [],
        message: 'Invalid input: expected number, received string',
        expected: 'number',
      },
      'must be a number',
    ],
    [
      'wrong type (array)',
      {
        code: 'invalid_type',
        path: [],
        message: 'Invalid input: expected array, received object',
        expected: 'array',
      },
      'must be an array',
    ],
    [
      'unknown key',
      { code: 'unrecognized_keys', path: [], message: 'Unrecognized key: "rateMgH"', keys: ['rateMgH'] },
      'unknown field "rateMgH"',
    ],
    [
      'unknown keys',
      { code: 'unrecognized_keys', path: [], message: 'Unrecognized keys: "a", "b"', keys: ['a', 'b'] },
      'unknown fields "a", "b"',
    ],
    [
      'generic too small',
      {
        code: 'too_small',
        path: [],
        message: 'Too small: expected number to be >=0',
        minimum: 0,
        inclusive: true,
      },
      'must be at least 0',
    ],
    [
      'generic too small, exclusive',
      {
        code: 'too_small',
        path: [],
        message: 'Too small: expected number to be >0',
        minimum: 0,
        inclusive: false,
      },
      'must be more than 0',
    ],
    [
      'generic too big',
      {
        code: 'too_big',
        path: [],
        message: 'Too big: expected number to be <=10',
        maximum: 10,
        inclusive: true,
      },
      'must be at most 10',
    ],
  ];
  for (const [name, issue, expected] of cases) {
    it(name, () => {
      assert.equal(issueMessage(issue), expected);
    });
  }
});

describe('reading an input file', () => {
  const schema: InputSchema<{ rate: { unit: string } }> = {
    safeParse: (data) =>
      typeof data === 'object' && data !== null && 'rate' in data
        ? {
            success: false,
            error: {
              issues: [
                {
                  code: 'invalid_value',
                  path: ['rate', 'unit'],
                  message: 'Invalid option',
                  values: ['mg/kg/h', 'mg/h'],
                },
              ],
            },
          }
        : {
            success: false,
            error: {
              issues: [
                {
                  code: 'invalid_type',
                  path: [],
                  message: 'Invalid input: expected object, received array',
                  expected: 'object',
                },
              ],
            },
          },
  };

  it('names the file and the field', () => {
    const read = files({ 'cases/order.json': '{"rate":{"unit":"mg/min"}}' });
    assert.equal(
      oneLine(() => readInput({ flag: '--order', path: 'cases/order.json' }, schema, read)),
      'cases/order.json: rate.unit: must be one of mg/kg/h, mg/h',
    );
  });

  it('an issue on the whole document names only the file', () => {
    const read = files({ 'o.json': '[]' });
    assert.equal(
      oneLine(() => readInput({ flag: '--order', path: 'o.json' }, schema, read)),
      'o.json: must be an object',
    );
  });

  it('standard input is called so', () => {
    const read = files({ '-': '[]' });
    assert.equal(
      oneLine(() => readInput({ flag: '--intake', path: '-' }, schema, read)),
      'standard input: must be an object',
    );
  });

  it('a missing file names the flag and the file', () => {
    assert.equal(
      oneLine(() => readJson({ flag: '--patient', path: 'nope.json' }, files({}))),
      '--patient: cannot read nope.json: no such file',
    );
  });

  it('bad JSON names the flag and the file', () => {
    assert.match(
      oneLine(() => readJson({ flag: '--patient', path: 'p.json' }, files({ 'p.json': '{"weightKg": 70,' }))),
      /^--patient: p\.json is not valid JSON \(/,
    );
  });

  it('only one input may come from standard input', () => {
    assert.doesNotThrow(() => {
      assertOneStdin([{ flag: '--order', path: '-' }, undefined, { flag: '--patient', path: 'p.json' }]);
    });
    assert.equal(
      oneLine(() => {
        assertOneStdin([
          { flag: '--order', path: '-' },
          { flag: '--patient', path: '-' },
        ]);
      }),
      '--patient: only one input can be read from standard input (- is also given to --order)',
    );
  });
});

describe('clinic settings files', () => {
  const source = { flag: '--settings', path: 'settings.json' };
  const numberParameter = PARAMETERS.find((p): p is NumberParameter => p.kind === 'number');

  it('accepts an empty object (every parameter at its default)', () => {
    assert.deepEqual(parseSettings(source, {}), {});
  });

  it('refuses what is not an object', () => {
    for (const value of [[], null, 3, 'x']) {
      assert.equal(
        oneLine(() => parseSettings(source, value)),
        'settings.json: must be a JSON object {"<parameter id>": value} (see ketapath rules list)',
      );
    }
  });

  it('refuses an unknown parameter id', () => {
    assert.equal(
      oneLine(() => parseSettings(source, { 'session.no-such-thing': 1 })),
      'settings.json: session.no-such-thing: unknown parameter (see ketapath rules list)',
    );
  });

  it('checks a value with the parameter’s own range', () => {
    assert.ok(numberParameter, 'a number parameter exists');
    const p = numberParameter;
    assert.deepEqual(parseSettings(source, { [p.id]: p.min }), { [p.id]: p.min });
    assert.deepEqual(parseSettings(source, { [p.id]: p.max }), { [p.id]: p.max });
    assert.equal(
      oneLine(() => parseSettings(source, { [p.id]: p.max + 1 })),
      `settings.json: ${p.id}: must be between ${p.min} and ${p.max} ${p.unit}`,
    );
    assert.equal(
      oneLine(() => parseSettings(source, { [p.id]: 'high' })),
      `settings.json: ${p.id}: must be a number in ${p.unit}`,
    );
  });
});

describe('--now', () => {
  it('defaults to the system time', () => {
    const at = new Date('2025-03-01T09:30:00Z');
    assert.equal(
      parseNow(undefined, () => at),
      at,
    );
  });
  it('takes an ISO date-time with offset', () => {
    assert.equal(parseNow('2025-03-01T10:30:00+01:00').toISOString(), '2025-03-01T09:30:00.000Z');
  });
  it('refuses anything else', () => {
    for (const text of ['2025-03-01', 'yesterday', '2025-02-30T09:00:00Z', '2025-03-01T09:30:00']) {
      assert.equal(
        oneLine(() => parseNow(text)),
        '--now: must be an ISO 8601 date-time with offset, e.g. 2025-03-01T09:30:00Z',
        text,
      );
    }
  });
});
