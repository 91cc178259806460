import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { tooManyTokensError, type OperationLimits } from './operation-limits.js';
import { countTokens } from './token-count.js';

/**
 * Gives the token limit's refusal its own code. The limit itself is the parser's
 * (`parseOptionsFor`), so a long document is never parsed past it, but the parser's refusal
 * reads as any syntax error. The measured limits are an admission check
 * (operation-limits-check.ts).
 */
export function createTokenLimitPlugin<TContext extends BaseContext>(limits: OperationLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
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
