import { createLogger, generateKeys } from '@shopgraph/shared';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { createGatewayServer } from '../src/server.js';

const committed = readFileSync(new URL('../../supergraph.graphql', import.meta.url), 'utf8');

async function gatewayFor(supergraphSdl: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
  writeFileSync(path, supergraphSdl);
  const keys = await generateKeys('supergraph');
  return createGatewayServer({
    config: loadGatewayConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      REDIS_URL: inject('redisUrl'),
      SUPERGRAPH_PATH: path,
      SESSION_KEYS: JSON.stringify(keys.sessionKeys),
      INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey),
    }),
    logger: createLogger({ service: 'gateway', level: 'silent' }),
  });
}

describe('the gateway’s supergraph', () => {
  it('when the file is the committed, composed supergraph, then the gateway starts', async () => {
    const gateway = await gatewayFor(committed);
    await gateway.start();
    await gateway.stop();
  });

  it('when the file is a subgraph’s SDL rather than a composed supergraph, then the gateway refuses, saying how to fix it', async () => {
    const notComposed = readFileSync(new URL('../../subgraphs/cart/schema.graphql', import.meta.url), 'utf8');
    await expect(gatewayFor(notComposed)).rejects.toThrow(/no \w+ subgraph; is it composed\? \(npm run compose\)/);
  });

  it('when the supergraph names its subgraphs but is otherwise broken, then the gateway refuses to start', async () => {
    const broken = committed.replace(/type Query\b/, 'type Query @join__type(graph: NOWHERE)');
    expect(broken).not.toBe(committed);
    const gateway = await gatewayFor(broken);
    await expect(gateway.start()).rejects.toThrow();
    await gateway.stop();
  });

  it('when the file is missing, then the error names it and the fix', async () => {
    const keys = await generateKeys('missing');
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      SUPERGRAPH_PATH: '/nonexistent/supergraph.graphql',
      SESSION_KEYS: JSON.stringify(keys.sessionKeys),
      INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey),
    });
    await expect(createGatewayServer({ config, logger: createLogger({ service: 'gateway', level: 'silent' }) })).rejects.toThrow(
      /\/nonexistent\/supergraph\.graphql.*npm run compose/,
    );
  });
});
