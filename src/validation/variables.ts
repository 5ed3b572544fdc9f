import type { ApolloServerPlugin } from '@apollo/server';
import {
  coerceInputValue,
  isInputType,
  isNonNullType,
  Kind,
  typeFromAST,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { badUserInput, type FieldErrors } from '../errors.js';

/** As graphql-js stops: a request cannot make the gateway build an unbounded error list. */
const MAX_ERRORS = 50;

/**
 * Variable coercion errors (a bad `Date`, an unknown enum value, a missing input field) as one
 * BAD_USER_INPUT with `fieldErrors`, the shape of every other invalid input. graphql-js reports them
 * only as prose ("Variable "$input" got invalid value … at "input.start""), so the variables are
 * coerced here first with graphql-js's own `coerceInputValue`, which gives each bad value's path.
 * Operations without variables skip it.
 */
export function variableErrorsPlugin({ suggestions }: { suggestions: boolean }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, response }) {
          if (!operation?.variableDefinitions?.length) return;
          const fieldErrors = variableFieldErrors(schema, document, operation, request.variables ?? {}, suggestions);
          const first = Object.entries(fieldErrors)[0];
          if (!first) return;
          // Thrown here, Apollo would answer 500 by default; this is the client's mistake.
          response.http.status = 400;
          throw badUserInput(`Invalid ${first[0]}: ${first[1][0]}`, fieldErrors);
        },
      };
    },
  };
}

/**
 * Each invalid variable value keyed as the resolvers key their own checks: by the input field's
 * position inside the argument it fills (`start`, `company.id`), or by the argument's name when the
 * whole argument is wrong (`id`, `status`). Variable names are the client's choice and never a key.
 */
export function variableFieldErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  values: Record<string, unknown>,
  suggestions: boolean,
): FieldErrors {
  const errors: FieldErrors = {};
  let count = 0;
  let positions: Map<string, string[]> | undefined;
  const add = (variable: string, path: ReadonlyArray<string | number>, message: string): void => {
    if (++count > MAX_ERRORS) return;
    positions ??= argumentPositions(document);
    // List indices are left out: the resolvers name a list input by its field (`groups`).
    const [argument = variable, ...fields] = [...(positions.get(variable) ?? []), ...path.filter((step) => typeof step === 'string')];
    const key = fields.length > 0 ? fields.join('.') : argument;
    (errors[key] ??= []).push(suggestions ? message : withoutSuggestion(message));
  };

  // The same steps as graphql-js's coerceVariableValues.
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue; // validation has refused the operation already
    if (!Object.hasOwn(values, name)) {
      if (isNonNullType(type) && !definition.defaultValue) add(name, [], `Variable "$${name}" of required type "${String(type)}" was not provided.`);
      continue;
    }
    const value = values[name];
    if (value === null && isNonNullType(type)) {
      add(name, [], `Variable "$${name}" of non-null type "${String(type)}" must not be null.`);
      continue;
    }
    coerceInputValue(value, type, (path, _invalid, error) => add(name, [...path, ...namedField(error.message)], error.message));
  }
  return errors;
}

/** graphql-js reports a missing or unknown input field on the object that holds it; the key is the field. */
function namedField(message: string): string[] {
  const match = /^Field "([_A-Za-z][_0-9A-Za-z]*)" (?:of required type|is not defined by type) /.exec(message);
  return match ? [match[1]!] : [];
}

/** Where each variable is used: the argument it fills and the input fields that lead to it (first use wins). */
function argumentPositions(document: DocumentNode): Map<string, string[]> {
  const positions = new Map<string, string[]>();
  const walk = (value: ValueNode, path: string[]): void => {
    if (value.kind === Kind.VARIABLE) {
      if (!positions.has(value.name.value)) positions.set(value.name.value, path);
    } else if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) walk(field.value, [...path, field.name.value]);
    } else if (value.kind === Kind.LIST) {
      for (const item of value.values) walk(item, path);
    }
  };
  visit(document, {
    Argument(node) {
      walk(node.value, [node.name.value]);
      return false;
    },
  });
  return positions;
}

/** The hint graphql-js appends ("Did you mean the enum value …?") names schema members; off in production. */
const withoutSuggestion = (message: string): string => message.replace(/ ?Did you mean(.+?)\?$/, '');
