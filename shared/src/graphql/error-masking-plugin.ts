import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isClientVisibleErrorCode } from '../errors/error-codes.js';
import type { Logger } from '../logger.js';

export const MASKED_ERROR_MESSAGE = 'Internal server error';

interface RequestScoped extends BaseContext {
  requestId?: string;
  logger?: Logger;
}

/**
 * Errors raised on purpose carry a catalogued code and reach the client as they are. Anything
 * else (a bug, a DynamoDB message naming a table) is logged with the request id and replaced
 * by a generic error that carries only that id, so support can find the log line.
 */
export function createErrorMaskingPlugin<TContext extends RequestScoped>(fallbackLogger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const logger = contextValue.logger ?? fallbackLogger;
          for (const error of errors) {
            if (!isClientVisibleErrorCode(error.extensions['code'])) {
              logger.error({ err: error.originalError ?? error, path: error.path, requestId: contextValue.requestId }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (!singleResult.errors) return;
          singleResult.errors = singleResult.errors.map((error) => maskError(error, contextValue.requestId));
        },
      };
    },
  };
}

export function maskError(error: GraphQLFormattedError, requestId: string | undefined): GraphQLFormattedError {
  if (isClientVisibleErrorCode(error.extensions?.['code'])) return error;
  return {
    message: MASKED_ERROR_MESSAGE,
    ...(error.path ? { path: error.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}
