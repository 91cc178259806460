import { ApolloServer, type GraphQLResponse } from '@apollo/server';
import { codedError, ErrorCode, type Logger } from '@shopgraph/shared';
import { createErrorMaskingPlugin, MASKED_ERROR_MESSAGE, maskError } from '@shopgraph/shared/server';
import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogSink, type LogSink } from './support/log-sink.js';

interface TestContext {
  requestId?: string;
  logger?: Logger;
}

const TABLE_MESSAGE = 'DynamoDB table shopgraph-cart-prod not found';

const typeDefs = /* GraphQL */ `
  type Query {
    notYet: String
    broken: String
    forbidden: String
    fine: String
  }
`;

const resolvers = {
  Query: {
    notYet: () => {
      throw codedError(ErrorCode.FORBIDDEN, 'Wish lists are not available yet.');
    },
    broken: () => {
      throw new Error(TABLE_MESSAGE);
    },
    forbidden: () => {
      throw codedError(ErrorCode.FORBIDDEN, 'Only admins.', { detail: 'role' });
    },
    fine: () => 'ok',
  },
};

function errorsOf(response: GraphQLResponse): readonly GraphQLFormattedError[] {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult.errors ?? [];
}

function dataOf(response: GraphQLResponse): unknown {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult.data;
}

describe('error masking plugin', () => {
  let fallback: LogSink;
  let server: ApolloServer<TestContext>;
  // As in development: stack traces on, which must not carry the hidden message out either.
  let verbose: ApolloServer<TestContext>;

  beforeAll(async () => {
    fallback = createLogSink('fallback');
    server = new ApolloServer<TestContext>({ typeDefs, resolvers, plugins: [createErrorMaskingPlugin<TestContext>(fallback.logger)] });
    verbose = new ApolloServer<TestContext>({
      typeDefs,
      resolvers,
      includeStacktraceInErrorResponses: true,
      plugins: [createErrorMaskingPlugin<TestContext>(fallback.logger)],
    });
    await Promise.all([server.start(), verbose.start()]);
  });
  afterAll(async () => {
    await Promise.all([server.stop(), verbose.stop()]);
  });

  it('when a resolver throws a coded error, then it reaches the client with its code and message', async () => {
    const sink = createLogSink();
    const response = await server.executeOperation({ query: '{ notYet }' }, { contextValue: { requestId: 'req-coded', logger: sink.logger } });
    expect(errorsOf(response)).toEqual([
      expect.objectContaining({ message: 'Wish lists are not available yet.', path: ['notYet'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    expect(sink.text()).not.toContain('unexpected error');
  });

  it('when a coded error carries extra extensions, then they pass through too', async () => {
    const response = await server.executeOperation({ query: '{ forbidden }' }, { contextValue: { requestId: 'req-forbidden', logger: createLogSink().logger } });
    expect(errorsOf(response)[0]).toMatchObject({ message: 'Only admins.', extensions: { code: 'FORBIDDEN', detail: 'role' } });
  });

  it('when a resolver throws an uncoded error, then the client sees only the generic message, the code and the request id', async () => {
    const sink = createLogSink();
    const response = await server.executeOperation({ query: '{ broken }' }, { contextValue: { requestId: 'req-4711', logger: sink.logger } });
    expect(errorsOf(response)).toEqual([
      { message: MASKED_ERROR_MESSAGE, path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-4711' } },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('shopgraph-cart-prod');
    expect(JSON.stringify(response.body)).not.toContain('DynamoDB');
  });

  it('when an uncoded error is masked, then the original is logged once with the request id', async () => {
    const sink = createLogSink();
    await server.executeOperation({ query: '{ broken }' }, { contextValue: { requestId: 'req-4712', logger: sink.logger } });
    const logged = sink.entries().filter((entry) => entry['msg'] === 'unexpected error');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, requestId: 'req-4712', path: ['broken'], err: { message: TABLE_MESSAGE } });
    expect(fallback.text()).not.toContain('req-4712');
  });

  it('when stack traces are enabled, then a masked error still carries neither the message nor a stack trace', async () => {
    const response = await verbose.executeOperation({ query: '{ broken }' }, { contextValue: { requestId: 'req-dev', logger: createLogSink().logger } });
    const body = JSON.stringify(response.body);
    expect(body).not.toContain('shopgraph-cart-prod');
    expect(body).not.toContain('stacktrace');
    expect(errorsOf(response)[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-dev' });
  });

  it('when one field fails and another succeeds, then the data of the other is kept and only the failure is masked', async () => {
    const response = await server.executeOperation({ query: '{ fine broken notYet }' }, { contextValue: { requestId: 'req-mixed', logger: createLogSink().logger } });
    expect(dataOf(response)).toEqual({ fine: 'ok', broken: null, notYet: null });
    const errors = errorsOf(response);
    expect(errors.map((error) => error.message).sort()).toEqual([MASKED_ERROR_MESSAGE, 'Wish lists are not available yet.'].sort());
  });

  it('when the context has no logger or request id, then the fallback logger gets the line and no request id is invented', async () => {
    const response = await server.executeOperation({ query: '{ broken }' }, { contextValue: {} });
    expect(errorsOf(response)[0]).toEqual({ message: MASKED_ERROR_MESSAGE, path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(fallback.entries().some((entry) => entry['msg'] === 'unexpected error' && JSON.stringify(entry).includes(TABLE_MESSAGE))).toBe(true);
  });

  it('when the query does not validate, then the validation error reaches the client as it is', async () => {
    const sink = createLogSink();
    const response = await server.executeOperation({ query: '{ nope }' }, { contextValue: { requestId: 'req-invalid', logger: sink.logger } });
    expect(errorsOf(response)[0]).toMatchObject({ message: expect.stringContaining('nope') as string, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(sink.text()).not.toContain('unexpected error');
  });
});

describe('maskError', () => {
  it('when the code is client-visible, then the very same error comes back', () => {
    const error: GraphQLFormattedError = { message: 'Only admins.', extensions: { code: 'FORBIDDEN' } };
    expect(maskError(error, 'req-1')).toBe(error);
  });

  it('when the error has no code or an unknown one, then it is replaced and everything but the path dropped', () => {
    for (const extensions of [undefined, { code: 'SOMETHING_ELSE', table: 'secret-table' }]) {
      const masked = maskError({ message: 'secret-table missing', path: ['a', 0], locations: [{ line: 1, column: 2 }], ...(extensions ? { extensions } : {}) }, 'req-2');
      expect(masked).toEqual({ message: MASKED_ERROR_MESSAGE, path: ['a', 0], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-2' } });
    }
  });
});
