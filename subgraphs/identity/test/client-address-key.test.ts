import { describe, expect, it } from 'vitest';
import { clientAddressKey, UNPARSED_ADDRESS_KEY } from '../src/store/client-address-key.js';

describe('the key a per-address limit counts a client under', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['10.0.0.1', '10.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
  ])('when the address is IPv4 (%s), then it is its own key', (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });

  it.each([
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['0:0:0:0:0:ffff:cb00:7107', '203.0.113.7'],
    ['::ffff:10.0.0.1%eth0', '10.0.0.1'],
  ])('when an IPv6 address maps an IPv4 one (%s), then it counts as that IPv4 address', (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });

  it.each([
    ['2001:db8:0:1::1', '2001:0db8:0000:0001::/64'],
    ['2001:db8:0:1:ffff:ffff:ffff:ffff', '2001:0db8:0000:0001::/64'],
    ['2001:0DB8:0000:0001:0000:0000:0000:0002', '2001:0db8:0000:0001::/64'],
    ['2001:db8::1:0:0:3', '2001:0db8:0000:0000::/64'],
    ['2001:db8:0:1:1:2:10.0.0.1', '2001:0db8:0000:0001::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
    ['::', '0000:0000:0000:0000::/64'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000::/64'],
    ['fe80::2%2', 'fe80:0000:0000:0000::/64'],
    ['1:2:3:4:5:6:7:8', '0001:0002:0003:0004::/64'],
    ['1:2:3:4::', '0001:0002:0003:0004::/64'],
  ])('when the address is IPv6 (%s), then it counts as its /64, written out in full', (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });

  it('when two spellings name one /64, then they get one key; another /64 gets another (control)', () => {
    const spellings = ['2001:db8:aa:bb::1', '2001:0db8:00aa:00bb:0000:0000:0000:0009', '2001:DB8:AA:BB:1:2:3:4', '2001:db8:aa:bb:ffff::'];
    expect(new Set(spellings.map(clientAddressKey)).size).toBe(1);
    expect(clientAddressKey('2001:db8:aa:bc::1')).not.toBe(clientAddressKey(spellings[0]!));
  });

  it.each([
    [''],
    ['unknown'],
    ['not an address'],
    ['01.2.3.4'],
    ['256.0.0.1'],
    ['1.2.3.4:5678'],
    ['[2001:db8::1]'],
    ['[2001:db8::1]:443'],
    [' 2001:db8::1'],
    ['1::2::3'],
    ['1:2:3:4:5:6:7:8:9'],
    ['fe80::1%'],
    ['2001:db8::1, 198.51.100.1'],
  ])('when the value is not an IP address (%j), then it shares the one key for unparsed values', (value) => {
    expect(clientAddressKey(value)).toBe(UNPARSED_ADDRESS_KEY);
  });
});
