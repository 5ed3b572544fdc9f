import { GraphQLScalarType, type ValueNode } from 'graphql';
import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

// graphql-scalars validates and serialises; inputs are handed to resolvers as ISO strings (not
// Date objects) because that is what every upstream takes.
const asString = (scalar: GraphQLScalarType, format: (date: Date) => string): GraphQLScalarType => {
  const config = scalar.toConfig();
  return new GraphQLScalarType({
    ...config,
    parseValue: (value: unknown) => format(scalar.parseValue(value) as Date),
    parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) => format(scalar.parseLiteral(ast, variables) as Date),
  });
};

export const scalarResolvers = {
  DateTime: asString(DateTimeResolver, (date) => date.toISOString()),
  Date: asString(DateResolver, (date) => date.toISOString().slice(0, 10)),
  JSONObject: JSONObjectResolver,
};
