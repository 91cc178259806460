import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parse(value: unknown): string {
  // Date.parse rolls impossible dates over (02-30 becomes 03-02), so the value must also read back unchanged.
  if (typeof value !== 'string' || !ISO_UTC.test(value) || !sameInstantText(value)) {
    throw new GraphQLError('DateTime must be an ISO 8601 UTC date-time such as 2026-11-27T10:15:00.000Z.');
  }
  return value;
}

function sameInstantText(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** ISO 8601 UTC strings in and out; stored values are already in that form. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : parse(value)),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
    return parse(ast.value);
  },
});
