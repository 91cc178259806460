import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { measureOperation } from './measure-operation.js';
import { limitViolations, tooManyTokensError, type OperationLimits } from './operation-limits.js';
import { countTokens } from './token-count.js';

/**
 * Enforces the operation limits. The token limit is the parser's own (`parseOptions`, see
 * `parseOptionsFor`), so a long document is never parsed past it; this plugin only gives that
 * refusal its own code. The other limits are measured once the document is parsed and
 * validated, in `didResolveOperation`: after it Apollo plans the query and calls subgraphs,
 * so a refusal here costs no subgraph call.
 *
 * Not validation rules: Apollo Server re-codes every validation error as
 * GRAPHQL_VALIDATION_FAILED, and the cost needs the request's variables (`first: $first`),
 * which validation never sees.
 */
export function createOperationLimitsPlugin<TContext extends BaseContext>(limits: OperationLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const measures = measureOperation(schema, document, operation, request.variables ?? {}, { defaultListSize: limits.defaultListSize });
          const [first] = limitViolations(measures, limits);
          if (first) throw first;
        },
        async willSendResponse({ source, response }) {
          if (response.body.kind !== 'single' || source === undefined) return;
          const { singleResult } = response.body;
          if (singleResult.errors?.[0]?.extensions?.['code'] !== 'GRAPHQL_PARSE_FAILED') return;
          const tokens = countTokens(source, limits.maxTokens);
          if (tokens === undefined || tokens <= limits.maxTokens) return;
          const { message, extensions } = tooManyTokensError(limits);
          const { http: _http, ...visible } = extensions;
          singleResult.errors = [{ message, extensions: visible } satisfies GraphQLFormattedError];
        },
      };
    },
  };
}

/** Apollo Server's parser options: it stops parsing at the token limit. */
export function parseOptionsFor(limits: OperationLimits): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}
