import { describe, expect, it } from '@jest/globals';
import { caseSafeSuffix, makeId, normalizeId, to18 } from '../../src/localOrg/ids.js';

describe('Salesforce ids', () => {
  it('encodes the case of each 5-character chunk in the suffix', () => {
    // No capitals: every bit clear -> 'A'; all capitals: 5 bits set -> index 31 -> '5'.
    expect(caseSafeSuffix('001000000000001')).toBe('AAA');
    expect(caseSafeSuffix('ABCDEABCDEABCDE')).toBe('555');
    // Capital at position 0 of chunk 1 (bit 1 -> 'B'), at position 4 of chunk 3 (bit 16 -> 'Q').
    expect(caseSafeSuffix('A0000000000000Z')).toBe('BAQ');
  });

  it('turns 15 into 18 characters and restores the case of an 18-character id written in any case', () => {
    const id = makeId('a04', 123456);
    expect(id).toMatch(/^a045L0[0-9A-Za-z]{12}$/);
    expect(to18(id.slice(0, 15))).toBe(id);
    expect(normalizeId(id.toLowerCase())).toBe(id);
    expect(normalizeId(id.toUpperCase())).toBe(id);
    expect(normalizeId('not an id')).toBeUndefined();
    expect(normalizeId('001000000000001ZZZ')).toBeUndefined();
  });

  it('mints distinct ids in creation order', () => {
    const ids = [1, 2, 61, 62, 3844].map((sequence) => makeId('001', sequence));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map((id) => id.slice(6, 15))).toEqual(['000000001', '000000002', '00000000z', '000000010', '000000100']);
  });
});
