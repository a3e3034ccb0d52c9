import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '@ketapath/clinical-rules';
import {
  countBySeverity,
  formatFinding,
  formatFindings,
  formatInline,
  formatValue,
  sortFindings,
} from './render.js';

function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'session/sbp-stop',
    ruleVersion: 2,
    severity: 'block',
    title: 'Systolic pressure above the stop limit',
    message: 'Systolic 190 mmHg is above the stop limit of 180 mmHg.',
    inputs: { systolicMmHg: 190 },
    parameters: [
      {
        id: 'session.sbp-stop-high-mmhg',
        label: 'Systolic stop limit',
        value: 180,
        unit: 'mmHg',
        origin: 'default',
        evidence: 'P',
        verification: 'verified',
        basis: 'practice [P] default',
      },
    ],
    citations: [{ section: '§4.2', source: 'S30', note: 'stop the infusion above the limit' }],
    ...overrides,
  };
}

describe('finding text', () => {
  it('shows severity, rule id@version, message, thresholds with their basis and citations', () => {
    assert.equal(
      formatFinding(makeFinding({ actionTier: 'stop-and-call' })),
      [
        'BLOCK      session/sbp-stop@2  Systolic pressure above the stop limit',
        '  Systolic 190 mmHg is above the stop limit of 180 mmHg.',
        '  action: stop-and-call',
        '  threshold: Systolic stop limit = 180 mmHg (practice [P] default) [session.sbp-stop-high-mmhg]',
        '  cites §4.2/S30: stop the infusion above the limit',
      ].join('\n'),
    );
  });

  it('names the slip and the settings the clinic must make', () => {
    const text = formatFinding(
      makeFinding({
        severity: 'needs-ack',
        slip: 'tenfold',
        unconfigured: ['order.max-rate'],
        parameters: [],
      }),
    );
    assert.match(text, /^NEEDS-ACK {2}session\/sbp-stop@2/);
    assert.match(text, /\n {2}looks like: tenfold\n/);
    assert.match(text, /\n {2}clinic must set: order\.max-rate\n/);
    assert.doesNotMatch(text, /threshold:/);
  });

  it('a citation without a note shows the section title', () => {
    assert.match(
      formatFinding(makeFinding({ citations: [{ section: '§4.6', source: 'S28', note: '' }] })),
      /cites §4\.6\/S28: Discharge \/ recovery criteria$/,
    );
  });

  it('lists findings worst first, keeping the engine order within a severity', () => {
    const findings = [
      makeFinding({ severity: 'info', ruleId: 'a/1' }),
      makeFinding({ severity: 'block', ruleId: 'a/2' }),
      makeFinding({ severity: 'warn', ruleId: 'a/3' }),
      makeFinding({ severity: 'block', ruleId: 'a/4' }),
      makeFinding({ severity: 'needs-ack', ruleId: 'a/5' }),
    ];
    assert.deepEqual(
      sortFindings(findings).map((f) => f.ruleId),
      ['a/2', 'a/4', 'a/5', 'a/3', 'a/1'],
    );
    assert.equal(countBySeverity(findings), '5 findings: 2 block, 1 needs-ack, 1 warn, 1 info');
    assert.equal(countBySeverity([]), 'no findings');
    assert.equal(countBySeverity([makeFinding()]), '1 finding: 1 block');
    assert.equal(formatFindings([]), 'No findings.');
    assert.equal(formatFindings(findings).split('\n\n').length, 5);
  });
});

describe('values', () => {
  it('formats setting values with units', () => {
    assert.equal(formatValue(180, 'mmHg'), '180 mmHg');
    assert.equal(formatValue(0.5, ''), '0.5');
    assert.equal(formatValue(true), 'yes');
    assert.equal(formatValue(false), 'no');
    assert.equal(formatValue('rass'), 'rass');
    assert.equal(formatValue(null, 'mmHg'), 'not set');
  });

  it('writes small objects on one line', () => {
    assert.equal(
      formatInline({ id: 'ecg', due: true, reason: undefined, range: { min: 1, max: 2 }, tags: ['a', 'b'] }),
      'id: ecg; due: yes; range: {min: 1; max: 2}; tags: a, b',
    );
    assert.equal(formatInline(null), '—');
  });
});
