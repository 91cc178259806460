import { generateKeys } from '@shopgraph/shared';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdmissionRequest } from '../src/admission/operation-admission.js';
import { loadGatewayConfig } from '../src/config.js';
import { createTrustedDocumentsCheck } from '../src/trusted-documents/trusted-documents-check.js';
import { loadTrustedDocuments, sha256Hex, type TrustedDocumentMode } from '../src/trusted-documents/trusted-documents.js';

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

describe('the trusted-documents check', () => {
  const manifest = JSON.parse(readFileSync(committedPath, 'utf8')) as { operations: { name: string; body: string }[] };
  const cartBody = manifest.operations.find((operation) => operation.name === 'Cart')!.body;
  // The same operation as a client may format it: another text, the same normal form.
  const cartReformatted = `# formatted by the client\n${cartBody.replaceAll('\n  ', '\n      ')}`;
  const untrusted = 'query Cart { cart { id } }';

  /** The check, and a request for `text` as Apollo hands it over: parsed once, hashed, the warnings counted. */
  function checkIn(mode: TrustedDocumentMode) {
    const warnings: string[] = [];
    const check = createTrustedDocumentsCheck(loadTrustedDocuments(committedPath.pathname), mode);
    const requestFor = (text: string) => {
      const document = parse(text);
      const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
      const contextValue = { logger: { warn: (_fields: unknown, message: string) => void warnings.push(message) } };
      return { source: text, queryHash: sha256Hex(text), document, operation, operationName: operation?.name?.value ?? null, contextValue } as unknown as AdmissionRequest;
    };
    return { check, requestFor, warnings };
  }

  /** The code of the error `run` throws, or undefined when it runs. */
  function refusalOf(run: () => void): unknown {
    try {
      run();
      return undefined;
    } catch (error) {
      return (error as { extensions?: Record<string, unknown> }).extensions?.['code'];
    }
  }

  it('when a manifest body is sent as text, then it runs, on its hash', () => {
    const { check, requestFor } = checkIn('enforce');
    expect(() => check(requestFor(cartBody))).not.toThrow();
  });

  it('when a trusted operation is sent formatted otherwise, then it runs, the first time and each time its parsed document comes again', () => {
    const { check, requestFor } = checkIn('enforce');
    const request = requestFor(cartReformatted);
    expect(request.queryHash).not.toBe(sha256Hex(cartBody));
    for (let i = 0; i < 3; i++) expect(() => check(request)).not.toThrow();
  });

  it('when an operation outside the manifest is sent, then it is refused, the first time and each time its parsed document comes again', () => {
    const { check, requestFor } = checkIn('enforce');
    const request = requestFor(untrusted);
    for (let i = 0; i < 3; i++) expect(refusalOf(() => check(request))).toBe('TRUSTED_DOCUMENT_REQUIRED');
  });

  it('when a text hashes to no manifest id, then its normal form still decides: a refusal is not remembered for another document', () => {
    const { check, requestFor } = checkIn('enforce');
    expect(refusalOf(() => check(requestFor(untrusted)))).toBe('TRUSTED_DOCUMENT_REQUIRED');
    expect(refusalOf(() => check(requestFor(cartReformatted)))).toBeUndefined();
  });

  it('when allowed, then an operation outside the manifest runs and is logged once, however often it comes', () => {
    const { check, requestFor, warnings } = checkIn('allow');
    const request = requestFor(untrusted);
    for (let i = 0; i < 3; i++) check(request);
    check(requestFor(untrusted));
    check(requestFor(cartReformatted));
    expect(warnings).toEqual(['ran an operation that is not in the trusted-documents manifest']);
  });
});
