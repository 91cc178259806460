import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONFIGURATION_DOC_PATH, renderConfigurationDoc, type ServiceEnv } from '../../tools/docs/configuration-doc.js';

/** Two stand-in services, to show what the document is made of without the real schemas. */
function standIns(catalogFields: Record<string, z.ZodType> = {}): ServiceEnv[] {
  const port = (fallback: number) => z.coerce.number().default(fallback).describe('HTTP port');
  return [
    { service: 'gateway', readme: 'gateway/README.md', subgraph: false, schema: z.object({ PORT: port(4000) }) },
    {
      service: 'catalog',
      readme: 'subgraphs/catalog/README.md',
      subgraph: true,
      schema: z.object({
        PORT: port(4001),
        CATALOG_INDEX_RESYNC_MS: z.coerce.number().default(300_000).describe('how often the index is rebuilt'),
        CATALOG_SIGNING_KEY: z.string().describe('catalog signing key'),
        ...catalogFields,
      }),
    },
  ];
}

describe('docs/configuration.md', () => {
  it('when it is rendered from the config schemas, then it is the committed file (else run `npm run docs:configuration`)', () => {
    const committed = readFileSync(CONFIGURATION_DOC_PATH, 'utf8');
    expect(committed, 'docs/configuration.md is stale: run `npm run docs:configuration` and commit the result').toBe(renderConfigurationDoc());
  });

  it('when a schema changes a default, then the rendered document changes with it', () => {
    const before = renderConfigurationDoc(standIns(), '/repo/');
    const after = renderConfigurationDoc(standIns({ CATALOG_INDEX_RESYNC_MS: z.coerce.number().default(600_000).describe('how often the index is rebuilt') }), '/repo/');
    expect(before).toContain('| `CATALOG_INDEX_RESYNC_MS` | `300000` (5 minutes) | how often the index is rebuilt |');
    expect(after).toContain('| `CATALOG_INDEX_RESYNC_MS` | `600000` (10 minutes) | how often the index is rebuilt |');
  });

  it('when a variable every service reads has per-service defaults, then it is listed once with each default', () => {
    const rendered = renderConfigurationDoc(standIns(), '/repo/');
    expect(rendered).toContain('| `PORT` | gateway `4000`, catalog `4001` | HTTP port |');
    expect(rendered).toContain('| `CATALOG_SIGNING_KEY` | required | catalog signing key |');
    expect(rendered.match(/\| `PORT` \|/g)).toHaveLength(1);
  });

  it('when a variable has no description, then rendering fails naming it and where to add one', () => {
    expect(() => renderConfigurationDoc(standIns({ CATALOG_INDEX_REFRESH_MS: z.coerce.number().default(10_000) }), '/repo/')).toThrow(
      /CATALOG_INDEX_REFRESH_MS \(catalog\) has no description: add \.describe/,
    );
  });
});
