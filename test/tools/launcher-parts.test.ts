import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../tools/stack/log-format.js';
import { parseStartOptions } from '../../tools/stack/start-options.js';

describe('the launcher’s log lines', () => {
  it('when a service logs JSON, then it reads as time, level, message and the other fields', () => {
    const line = JSON.stringify({ level: 40, time: Date.UTC(2026, 10, 27, 9, 8, 7), service: 'cart', msg: 'pricing cart from stored prices', cartId: 'c1' });
    expect(formatLogLine('cart', line, false)).toBe('[cart] 09:08:07 WARN  pricing cart from stored prices {"cartId":"c1"}');
  });

  it('when a line is not JSON, then it passes through with the prefix', () => {
    expect(formatLogLine('gateway', 'plain text', false)).toBe('[gateway] plain text');
    expect(formatLogLine('gateway', '42', false)).toBe('[gateway] 42');
  });
});

describe('npm start options', () => {
  it('when nothing is given, then the defaults apply', () => {
    expect(parseStartOptions([], {}, '/repo')).toEqual({
      fresh: false,
      products: 36,
      gatewayPort: 4000,
      storefrontPort: 3000,
      smtpPort: 2525,
      mailboxPort: 3025,
      redisUrl: 'redis://127.0.0.1:6379',
      redisKeyPrefix: 'shopgraph:',
      dataDir: '/repo/.data',
    });
  });

  it('when flags and variables are given, then they are used', () => {
    expect(parseStartOptions(['--fresh', '--products', '500'], { PORT: '5000', STOREFRONT_PORT: '5100', LOCAL_SMTP_PORT: '5200', MAILBOX_PORT: '5300', REDIS_URL: 'redis://127.0.0.1:6380', REDIS_KEY_PREFIX: 'other-shop:', SHOPGRAPH_DATA_DIR: '/tmp/x' }, '/repo')).toEqual({
      fresh: true,
      products: 500,
      gatewayPort: 5000,
      storefrontPort: 5100,
      smtpPort: 5200,
      mailboxPort: 5300,
      redisUrl: 'redis://127.0.0.1:6380',
      redisKeyPrefix: 'other-shop:',
      dataDir: '/tmp/x',
    });
  });

  it.each([[['--products', 'many']], [['--products', '0']], [['--frsh']]])('when given %j, then it refuses with the usage', (argv) => {
    expect(() => parseStartOptions(argv, {}, '/repo')).toThrow();
  });

  it('when PORT is not a port, then it refuses with the usage', () => {
    expect(() => parseStartOptions([], { PORT: '99999' }, '/repo')).toThrow(/PORT must be a port number/);
  });

  it('when the local SMTP or mailbox port is not a port, then it refuses naming it', () => {
    expect(() => parseStartOptions([], { LOCAL_SMTP_PORT: 'smtp' }, '/repo')).toThrow(/LOCAL_SMTP_PORT must be a port number/);
    expect(() => parseStartOptions([], { MAILBOX_PORT: '70000' }, '/repo')).toThrow(/MAILBOX_PORT must be a port number/);
  });

  it('when STOREFRONT_PORT is not a port, then it refuses with the usage', () => {
    expect(() => parseStartOptions([], { STOREFRONT_PORT: 'web' }, '/repo')).toThrow(/STOREFRONT_PORT must be a port number/);
  });
});
