import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '../src/client-address.js';

describe('the client address the gateway signs into each context', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:203.0.113.7', '::ffff:203.0.113.7'],
  ])('when the address is %j, then it is kept as it is', (ip, kept) => {
    expect(clientAddressOf(ip)).toBe(kept);
  });

  it('when a link-local IPv6 address carries its zone, then the zone is dropped and the address kept', () => {
    expect(clientAddressOf('fe80::1%eth0')).toBe('fe80::1');
    expect(clientAddressOf(`fe80::1%${'x'.repeat(80)}`)).toBe('fe80::1');
  });

  it.each([undefined, '', 'unknown', 'x'.repeat(300), '203.0.113.7, 198.51.100.1', '<script>'])(
    'when the address is %j (absent, or forged into X-Forwarded-For), then no address is signed',
    (ip) => {
      expect(clientAddressOf(ip)).toBeUndefined();
    },
  );
});
