import { DateTimeScalar } from '@shopgraph/shared/server';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, graphqlSync, Kind, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';

const literal = (value: ValueNode) => DateTimeScalar.parseLiteral(value, undefined);

describe('DateTime scalar', () => {
  describe('serialize', () => {
    it('when given a Date, then it answers the ISO 8601 UTC string', () => {
      expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 10, 27, 10, 15, 0, 123)))).toBe('2026-11-27T10:15:00.123Z');
    });

    it.each(['2026-11-27T10:15:00.000Z', '2026-11-27T10:15:00Z', '2024-02-29T23:59:59.9Z', '2026-01-01T00:00:00.12Z'])(
      'when given the stored string %s, then it answers it unchanged',
      (value) => {
        expect(DateTimeScalar.serialize(value)).toBe(value);
      },
    );

    it.each([
      ['a month 13', '2026-13-01'],
      ['a month 13 in full form', '2026-13-01T00:00:00.000Z'],
      ['a word', 'yesterday'],
      ['a date without time', '2026-11-27'],
      ['a local time without zone', '2026-11-27T10:15:00'],
      ['an offset instead of Z', '2026-11-27T10:15:00+01:00'],
      ['February 30th, which Date.parse would roll into March', '2026-02-30T00:00:00.000Z'],
      ['February 29th of a common year', '2026-02-29T00:00:00Z'],
      ['April 31st', '2026-04-31T00:00:00Z'],
      ['hour 24', '2026-01-01T24:00:00Z'],
      ['minute 60', '2026-01-01T10:60:00Z'],
      ['microseconds', '2026-11-27T10:15:00.000001Z'],
      ['an empty string', ''],
      ['a number', 1_795_779_339_000],
      ['null', null],
      ['an object', { iso: '2026-11-27T10:15:00.000Z' }],
    ])('when given %s, then it throws a GraphQLError', (_name, value) => {
      expect(() => DateTimeScalar.serialize(value)).toThrow(GraphQLError);
    });
  });

  describe('parseValue', () => {
    it('when a variable holds a valid ISO string, then it is accepted as the same string', () => {
      expect(DateTimeScalar.parseValue('2026-11-27T10:15:00.000Z')).toBe('2026-11-27T10:15:00.000Z');
    });

    it.each([['2026-13-01'], ['yesterday'], [1_795_779_339_000], ['2026-02-30T00:00:00Z']])('when a variable holds %j, then it throws a GraphQLError', (value) => {
      expect(() => DateTimeScalar.parseValue(value)).toThrow(GraphQLError);
    });
  });

  describe('parseLiteral', () => {
    it('when the literal is a valid ISO string, then it is accepted', () => {
      expect(literal({ kind: Kind.STRING, value: '2026-11-27T10:15:00Z' })).toBe('2026-11-27T10:15:00Z');
    });

    it('when the literal is an integer, then it throws "must be a string"', () => {
      expect(() => literal({ kind: Kind.INT, value: '1795779339000' })).toThrow(/must be a string/);
    });

    it('when the literal is a string that is not a date-time, then it throws', () => {
      expect(() => literal({ kind: Kind.STRING, value: 'yesterday' })).toThrow(GraphQLError);
    });
  });

  describe('in a schema', () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          echo: {
            type: DateTimeScalar,
            args: { at: { type: DateTimeScalar } },
            resolve: (_source, args: { at?: string }) => args.at,
          },
        },
      }),
    });

    it('when a valid literal goes in, then the same string comes out', () => {
      const result = graphqlSync({ schema, source: '{ echo(at: "2026-11-27T10:15:00.000Z") }' });
      expect(result).toEqual({ data: { echo: '2026-11-27T10:15:00.000Z' } });
    });

    it('when an invalid variable goes in, then the operation is refused before the resolver runs', () => {
      const result = graphqlSync({ schema, source: 'query ($at: DateTime) { echo(at: $at) }', variableValues: { at: '2026-13-01' } });
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.message).toMatch(/DateTime must be an ISO 8601 UTC date-time/);
    });
  });
});
