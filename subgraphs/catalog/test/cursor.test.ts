import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, listingFingerprint } from '../src/domain/listing-cursor.js';

describe('listing cursors', () => {
  it('when a cursor is encoded, then it decodes to the same position and reveals no key names', () => {
    const cursor = { v: 2 as const, f: listingFingerprint({ o: 'TITLE' }), s: 'alpine cotton hoodie', id: 'prod_00001' };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain('GSI1');
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it('when two listings differ in filter or sort, then their fingerprints differ', () => {
    const base = { t: ['shoe'], o: 'RELEVANCE' };
    expect(listingFingerprint(base)).toBe(listingFingerprint({ ...base }));
    expect(listingFingerprint(base)).not.toBe(listingFingerprint({ ...base, o: 'TITLE' }));
    expect(listingFingerprint(base)).not.toBe(listingFingerprint({ ...base, min: 100 }));
  });

  it.each([
    '',
    'not base64 !',
    Buffer.from('{"v":1,"o":"TITLE","k":"x","id":"y"}').toString('base64url'),
    Buffer.from('{"v":2,"f":"x","s":"y","id":"z","extra":1}').toString('base64url'),
    Buffer.from('{"v":2,"f":"x","s":{"$ne":1},"id":"z"}').toString('base64url'),
    Buffer.from('[1,2,3]').toString('base64url'),
    Buffer.from('{"v":2').toString('base64url'),
    'A'.repeat(5000),
  ])('when %j is given as a cursor, then it is not accepted', (text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });
});
