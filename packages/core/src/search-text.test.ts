import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSearchText } from './search-text.js';

describe('normalizeSearchText', () => {
  it('folds case and accents', () => {
    assert.equal(normalizeSearchText('Zoë  ÅSTRÖM'), 'zoe astrom');
    assert.equal(normalizeSearchText('José-María Núñez'), 'jose-maria nunez');
    assert.equal(normalizeSearchText('Ærøskøbing'), 'ærøskøbing'); // ligatures and ø are letters, not accents
  });
  it('trims and folds white space', () => {
    assert.equal(normalizeSearchText('  a \t b  '), 'a b');
  });
});
