import { fileURLToPath } from 'node:url';
import { tableDefinitions } from '@shopgraph/shared';
import { ensureTable } from '@shopgraph/shared/dynamo';
import { describe, expect, it } from 'vitest';

describe('workspace packages under vitest', () => {
  it('import from their TypeScript sources through the @shopgraph/source condition', () => {
    expect(tableDefinitions.cart.defaultName).toBe('shopgraph-cart');
    expect(typeof ensureTable).toBe('function');
    // To src/, not to a dist/ that a build may or may not have left behind.
    expect(fileURLToPath(import.meta.resolve('@shopgraph/shared'))).toMatch(/shared[\\/]src[\\/]index\.ts$/);
    expect(fileURLToPath(import.meta.resolve('@shopgraph/shared/dynamo'))).toMatch(/shared[\\/]src[\\/]dynamo\.ts$/);
  });
});
