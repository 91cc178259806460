import { describe, expect, it } from 'vitest';
import { servedBy } from '../../../tools/containers/proxy-log.js';

const LOG = [
  '10.89.0.1:51234 [04/Dec/2026:02:40:01.123] graphql gateways/gateway-1 0/0/1/3/4 200 512 - - ---- 1/1/0/0/0 0/0 "POST /graphql HTTP/1.1"',
  '10.89.0.1:51236 [04/Dec/2026:02:40:01.223] graphql gateways/gateway-2 0/0/0/5/5 200 498 - - ---- 1/1/0/0/0 0/0 "POST /graphql HTTP/1.1"',
  '[WARNING]  (8) : Server gateways/gateway-1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0 backup servers left.',
  '10.89.0.1:51238 [04/Dec/2026:02:40:02.001] graphql gateways/gateway-2 0/0/0/4/4 200 498 - - ---- 1/1/0/0/0 0/0 "POST /graphql HTTP/1.1"',
  '[WARNING]  (8) : Server gateways/gateway-1 is UP, reason: Layer7 check passed, code: 200, check duration: 3ms. 2 active and 0 backup servers online.',
  '10.89.0.1:51240 [04/Dec/2026:02:40:03.001] graphql gateways/<NOSRV> -1/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "POST /graphql HTTP/1.1"',
].join('\n');

describe("HAProxy's log", () => {
  it('counts the requests each replica served, from the request lines only', () => {
    // A request no replica took (<NOSRV>) is no replica's.
    expect(servedBy(LOG)).toEqual({ 'gateway-1': 1, 'gateway-2': 2 });
    expect(servedBy('')).toEqual({});
  });
});
