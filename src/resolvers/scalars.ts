import type { GraphQLScalarType, ValueNode } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';

// graphql-scalars validates and serialises; inputs are handed to resolvers as ISO strings (not
// Date objects) because that is what every upstream takes. Only the behaviour is given here: the
// name, description and @specifiedBy stay the SDL's (schema/base.graphql), which a whole
// GraphQLScalarType would overwrite with graphql-scalars' own (it has no @specifiedBy).
const asString = (scalar: GraphQLScalarType, format: (date: Date) => string): GraphQLScalarType =>
  ({
    serialize: scalar.serialize.bind(scalar),
    parseValue: (value: unknown) => format(scalar.parseValue(value) as Date),
    parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) => format(scalar.parseLiteral(ast, variables) as Date),
  }) as unknown as GraphQLScalarType;

export const scalarResolvers = {
  DateTime: asString(DateTimeResolver, (date) => date.toISOString()),
  Date: asString(DateResolver, (date) => date.toISOString().slice(0, 10)),
};
