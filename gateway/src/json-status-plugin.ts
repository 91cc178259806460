import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import Negotiator from 'negotiator';

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * Errors of a well-formed request that the operation itself caused: it does not parse or
 * validate, its variables do not coerce, it breaks an operation limit or is not a trusted
 * document. A malformed HTTP request (no query, a body that is not JSON) is not one of them.
 */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_MANY_ALIASES',
  'QUERY_TOO_MANY_ROOT_FIELDS',
  'QUERY_TOO_MANY_DIRECTIVES',
  'QUERY_TOO_MANY_TOKENS',
  'QUERY_TOO_COMPLEX',
  'TRUSTED_DOCUMENT_REQUIRED',
]);

/**
 * GraphQL over HTTP: a client that takes `application/json` (or names no type) gets 200 for
 * every well-formed request, errors and all, since a legacy client may not read a 4xx body;
 * one that takes `application/graphql-response+json` gets Apollo's 400, which the spec asks
 * for there. Apollo Server answers 400 to both.
 */
export function createJsonStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          if (!errors.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.['code'])))) return;
          const accept = request.http?.headers.get('accept');
          const preferred = accept ? new Negotiator({ headers: { accept } }).mediaType(JSON_TYPES) : 'application/json';
          if (preferred === 'application/json') response.http.status = 200;
        },
      };
    },
  };
}
