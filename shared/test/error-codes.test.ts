import { codedError, ErrorCode, isClientVisibleErrorCode } from '@shopgraph/shared';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';

describe('isClientVisibleErrorCode', () => {
  it.each(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR))(
    'when the code is the catalogued %s, then it is client-visible',
    (code) => {
      expect(isClientVisibleErrorCode(code)).toBe(true);
    },
  );

  it.each(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND'])(
    "when the code is Apollo's request error %s, then it is client-visible",
    (code) => {
      expect(isClientVisibleErrorCode(code)).toBe(true);
    },
  );

  it.each([
    ['INTERNAL_SERVER_ERROR', ErrorCode.INTERNAL_SERVER_ERROR],
    ['an uncatalogued code', 'ConditionalCheckFailedException'],
    ['a lower-case catalogued code', 'forbidden'],
    ['undefined', undefined],
    ['a number', 403],
    ['an object', { code: 'FORBIDDEN' }],
  ])('when the code is %s, then it is not client-visible', (_name, code) => {
    expect(isClientVisibleErrorCode(code)).toBe(false);
  });
});

describe('codedError', () => {
  it('when built, then it is a GraphQLError with the message and the code in extensions', () => {
    const error = codedError(ErrorCode.FORBIDDEN, 'Only admins.');
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('Only admins.');
    expect(error.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('when given extra extensions, then they are kept and cannot override the code', () => {
    const error = codedError(ErrorCode.BAD_USER_INPUT, 'Bad quantity.', { field: ['quantity'], code: 'INTERNAL_SERVER_ERROR' });
    expect(error.extensions).toEqual({ field: ['quantity'], code: 'BAD_USER_INPUT' });
  });
});
