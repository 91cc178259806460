import { countTokens, DEFAULT_OPERATION_LIMITS, measureOperation } from '@shopgraph/gateway';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../tools/compose/subgraph-list.js';
import { apiSchemaOf, checkOperationLimits, collectOperations, readOperationFiles, WORST_CASE_PAGE_SIZE } from '../../tools/schema-check/index.js';

const api = apiSchemaOf(readFileSync(join(REPO_ROOT, 'supergraph.graphql'), 'utf8'));
const { operations } = collectOperations(readOperationFiles(REPO_ROOT, 'clients/operations'));
const limits = DEFAULT_OPERATION_LIMITS;

describe('the client operations under the gateway’s operation limits', () => {
  it('when every operation in clients/operations is measured, then schema:check passes and reports each one’s cost', () => {
    expect(operations.length).toBeGreaterThanOrEqual(21);
    const outcome = checkOperationLimits(api, operations);
    expect(outcome.status).toBe('passed');
    expect(outcome.findings.map((finding) => finding.message.split(':')[0])).toEqual(operations.map((operation) => `operation ${operation.name}`));
    for (const finding of outcome.findings) expect(finding.message).toMatch(/cost \d+\/5000/);
  });

  it.each(operations.map((operation) => [operation.name, operation] as const))(
    'when %s is measured with every page at its largest, then it stays within each limit, the budgets at most half used',
    (_name, operation) => {
      const definition = operation.document.definitions.find((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION)!;
      const measures = measureOperation(api, operation.document, definition, {}, { defaultListSize: limits.defaultListSize, unsetSlicingSize: WORST_CASE_PAGE_SIZE });
      expect(measures.cost).toBeLessThanOrEqual(limits.maxCost / 2);
      expect(countTokens(operation.body, limits.maxTokens)).toBeLessThanOrEqual(limits.maxTokens / 2);
      expect(measures.aliases).toBeLessThanOrEqual(limits.maxAliases / 2);
      expect(measures.directives).toBeLessThanOrEqual(limits.maxDirectives / 2);
      expect(measures.rootFields).toBeLessThanOrEqual(limits.maxRootFields / 2);
      // Room for a client to add a field two levels down (the cart mutations are the deepest, at 6).
      expect(measures.depth).toBeLessThanOrEqual(limits.maxDepth - 2);
    },
  );

  it('when a client operation would be refused in production, then schema:check fails naming it and the limit', () => {
    const { operations: heavy } = collectOperations([
      {
        path: 'clients/operations/heavy.graphql',
        source: 'query Heavy($first: Int!) { products(first: $first) { edges { node { variants { product { variants { product { variants { product { id } } } } } } } } } }',
      },
    ]);
    const outcome = checkOperationLimits(api, heavy);
    expect(outcome.status).toBe('failed');
    expect(outcome.findings[0]).toMatchObject({ severity: 'error', code: 'OPERATION_OVER_LIMITS' });
    expect(outcome.findings[0]!.message).toMatch(/^operation Heavy: .*over the limit: cost, depth$/);
  });
});
