import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatientQuery } from './patient-query.js';

describe('parsePatientQuery', () => {
  it('splits names, dates and MRNs', () => {
    assert.deepEqual(parsePatientQuery('  Zoë  Smith 1980-02-29 0042 '), {
      nameFragments: ['zoe', 'smith'],
      dateOfBirth: '1980-02-29',
      mrnPrefix: '0042',
    });
  });
  it('reads US dates and refuses impossible ones as dates', () => {
    assert.equal(parsePatientQuery('2/9/1975').dateOfBirth, '1975-02-09');
    assert.equal(parsePatientQuery('1981-02-29').dateOfBirth, null);
    assert.deepEqual(parsePatientQuery('1981-02-29').nameFragments, ['1981-02-29']);
  });
  it('empty input matches everyone', () => {
    assert.deepEqual(parsePatientQuery(undefined), { nameFragments: [], dateOfBirth: null, mrnPrefix: null });
  });
});
