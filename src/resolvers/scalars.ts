import type { GraphQLScalarType, ValueNode } from 'graphql';
import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

// graphql-scalars validates and serialises. Only the behaviour is given here: the name, description
// and @specifiedBy stay the SDL's (schema/base.graphql), which a whole GraphQLScalarType would
// overwrite with graphql-scalars' own (it has no @specifiedBy).
const behaviourOf = (scalar: GraphQLScalarType, parsed: (value: unknown) => unknown = (value) => value): GraphQLScalarType =>
  ({
    serialize: scalar.serialize.bind(scalar),
    parseValue: (value: unknown) => parsed(scalar.parseValue(value)),
    parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) => parsed(scalar.parseLiteral(ast, variables)),
  }) as unknown as GraphQLScalarType;

// Date inputs are handed to resolvers as ISO strings (not Date objects): that is what every upstream takes.
export const scalarResolvers = {
  DateTime: behaviourOf(DateTimeResolver, (date) => (date as Date).toISOString()),
  Date: behaviourOf(DateResolver, (date) => (date as Date).toISOString().slice(0, 10)),
  JSONObject: behaviourOf(JSONObjectResolver),
};
