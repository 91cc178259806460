import { generateKeys } from '@shopgraph/shared';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { loadTrustedDocuments } from '../src/trusted-documents/trusted-documents.js';

const committedPath = new URL('../../clients/operations/manifest.json', import.meta.url);

function manifestFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.json');
  writeFileSync(path, text);
  return path;
}

describe('the trusted-documents manifest', () => {
  it('when the committed manifest is loaded, then every operation is found by its id', () => {
    const manifest = JSON.parse(readFileSync(committedPath, 'utf8')) as { operations: { id: string; body: string }[] };
    const documents = loadTrustedDocuments(committedPath.pathname);
    expect(documents.size).toBe(manifest.operations.length);
    for (const operation of manifest.operations) expect(documents.byId(operation.id)).toBe(operation.body);
    expect(documents.has('0'.repeat(64))).toBe(false);
  });

  it('when an entry’s id is not its body’s hash, then loading fails naming the operation', () => {
    const manifest = JSON.parse(readFileSync(committedPath, 'utf8')) as { operations: { name: string; body: string }[] };
    manifest.operations[0]!.body = '{ __typename }';
    expect(() => loadTrustedDocuments(manifestFile(JSON.stringify(manifest)))).toThrow(new RegExp(`lists ${manifest.operations[0]!.name} under an id`));
  });

  it('when the file is missing or not a manifest, then loading fails saying how to make one', () => {
    expect(() => loadTrustedDocuments('/nonexistent/manifest.json')).toThrow(/npm run operations:manifest/);
    expect(() => loadTrustedDocuments(manifestFile('{"format":"something-else"}'))).toThrow(/npm run operations:manifest/);
  });
});

describe('the trusted-documents mode', () => {
  const base = async () => {
    const keys = await generateKeys('mode');
    return { SESSION_KEYS: JSON.stringify(keys.sessionKeys), INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey) };
  };

  it('when nothing is configured, then production enforces the manifest and development allows any document', async () => {
    expect(loadGatewayConfig({ ...(await base()) }).trustedDocuments.mode).toBe('enforce');
    expect(loadGatewayConfig({ ...(await base()), NODE_ENV: 'test' }).trustedDocuments.mode).toBe('enforce');
    expect(loadGatewayConfig({ ...(await base()), NODE_ENV: 'development' }).trustedDocuments.mode).toBe('allow');
  });

  it('when configured, then the setting wins, and an unknown mode stops the start naming the variable', async () => {
    expect(loadGatewayConfig({ ...(await base()), TRUSTED_DOCUMENTS: 'allow' }).trustedDocuments.mode).toBe('allow');
    const env = { ...(await base()), TRUSTED_DOCUMENTS: 'off' };
    expect(() => loadGatewayConfig(env)).toThrow(/TRUSTED_DOCUMENTS/);
  });
});
