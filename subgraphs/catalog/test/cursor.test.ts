import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/store/cursor.js';

describe('listing cursors', () => {
  it('when a cursor is encoded, then it decodes to the same position and reveals no key names', () => {
    const cursor = { v: 1 as const, o: 'TITLE', k: 'TITLE#alpine cotton hoodie#prod_00001', id: 'prod_00001' };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain('GSI1');
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    '',
    'not base64 !',
    Buffer.from('{"v":2,"o":"TITLE","k":"x","id":"y"}').toString('base64url'),
    Buffer.from('{"v":1,"o":"TITLE","k":"x","id":"y","extra":1}').toString('base64url'),
    Buffer.from('[1,2,3]').toString('base64url'),
    Buffer.from('{"v":1').toString('base64url'),
    'A'.repeat(5000),
  ])('when %j is given as a cursor, then it is not accepted', (text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });
});
