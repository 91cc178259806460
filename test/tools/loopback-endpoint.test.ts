import { describe, expect, it } from 'vitest';
import { assertLoopbackEndpoint } from '../support/loopback-endpoint.js';

describe('assertLoopbackEndpoint', () => {
  it.each(['http://127.0.0.1:8000', 'http://127.12.0.3:8000', 'http://localhost:8000', 'http://[::1]:8000', 'https://localhost'])(
    'accepts %s',
    (endpoint) => {
      expect(assertLoopbackEndpoint(endpoint).toString()).toContain(new URL(endpoint).host);
    },
  );

  it.each([
    'https://dynamodb.us-east-1.amazonaws.com',
    'http://10.0.0.5:8000',
    'http://192.168.1.10:8000',
    'http://0.0.0.0:8000',
    'http://127.0.0.1.nip.io:8000',
    'http://localhost.example.com:8000',
    'http://[::2]:8000',
  ])('refuses %s', (endpoint) => {
    expect(() => assertLoopbackEndpoint(endpoint)).toThrow(/Refusing test endpoint .* is not a loopback host/);
  });

  it('refuses what is not a URL', () => {
    expect(() => assertLoopbackEndpoint('127.0.0.1:8000')).toThrow(/Refusing test endpoint/);
    expect(() => assertLoopbackEndpoint('not a url')).toThrow(/not a URL/);
  });
});
