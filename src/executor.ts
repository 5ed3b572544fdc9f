import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** How queries are executed: compiled by graphql-jit, or interpreted by graphql-js. */
export type ExecutorName = 'jit' | 'graphql-js';

type Gateway = NonNullable<ApolloServerOptionsWithGateway<BaseContext>['gateway']>;
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type ExecutorRequest = Parameters<Executor>[0];

/**
 * What one operation of a cached document runs on: its compiled query, or graphql-js; `seen` once
 * it has run one time (on graphql-js).
 */
type Plan = CompiledQuery | 'graphql-js' | 'seen';

/**
 * Apollo Server's executor hook (the `gateway` option): parsing, the document cache, validation
 * (Armor included), plugins' request hooks and formatError all stay Apollo's; only execution is
 * swapped. Queries run as graphql-jit functions, compiled once per cached document and operation
 * (Apollo's document cache hands back the same DocumentNode, so a WeakMap follows its evictions),
 * from the document's second execution on: compiling costs about three times parsing and
 * validating it and keeps closures alive, which a one-off document (an ad-hoc or deliberately
 * unique text) would pay for nothing, so its first execution runs on graphql-js. Mutations stay on
 * graphql-js: graphql-jit goes on executing later aliased mutation fields after a non-null one has
 * failed, and the guessing limits rely on the serial stop graphql-js makes. `compile` is
 * graphql-jit's (a test counts its calls).
 */
export function executorGateway(schema: GraphQLSchema, executor: ExecutorName, compile: typeof compileQuery = compileQuery): Gateway {
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  const planFor = (document: DocumentNode, operationName: string | undefined): Plan => {
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map()));
    const key = operationName ?? '';
    const plan = byName.get(key);
    if (plan === undefined) {
      byName.set(key, 'seen');
      return 'graphql-js';
    }
    if (plan !== 'seen') return plan;
    const compiled = compile(schema, document, operationName, { disablingCapturingStackErrors: true });
    // A document graphql-jit cannot compile runs on graphql-js rather than failing.
    const next = isCompiledQuery(compiled) ? compiled : 'graphql-js';
    byName.set(key, next);
    return next;
  };

  const run: Executor = async (request: ExecutorRequest) => {
    const { document, operation, operationName, context } = request;
    const variables = request.request.variables ?? {};
    if (executor === 'jit' && operation.operation === 'query') {
      const plan = planFor(document, operationName ?? undefined);
      if (typeof plan === 'object') return asGraphQLErrors(await plan.query(undefined, context, variables));
    }
    return execute({ schema, document, contextValue: context, variableValues: variables, operationName });
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor: run }),
    stop: async () => undefined,
  };
}

/**
 * graphql-jit builds its errors with its own constructor: no `extensions` unless the original had
 * some, and `originalError` one level further down than Apollo and formatError expect. They are
 * rebuilt as graphql-js errors, so that masking, codes and logging work as with graphql-js.
 */
function asGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
      (rebuilt as { locations: GraphQLError['locations'] }).locations = error.locations;
      return rebuilt;
    }),
  };
}
