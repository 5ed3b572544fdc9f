import { makeExecutableSchema } from '@graphql-tools/schema';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { executorGateway } from '../../src/executor.js';

const schema = makeExecutableSchema({
  typeDefs: 'type Query { greeting(name: String!): String! } type Mutation { touch: Int! }',
  resolvers: { Query: { greeting: (_: unknown, { name }: { name: string }) => `Hello, ${name}` }, Mutation: { touch: () => 1 } },
});

/** The gateway's executor with graphql-jit's compiler counted. */
async function countingExecutor() {
  const compiled: DocumentNode[] = [];
  const compile: typeof compileQuery = (...args) => {
    compiled.push(args[1]);
    return compileQuery(...args);
  };
  const { executor } = await executorGateway(schema, 'jit', compile).load({ apollo: {} as never });
  const run = (document: DocumentNode, variables: Record<string, unknown> = {}) =>
    executor!({ document, operation: getOperationAST(document)!, operationName: null, context: {}, request: { variables } } as never);
  return { run, compiled };
}

describe('the jit executor compiles a query document from its second execution on', () => {
  it('runs a document seen once on graphql-js, then compiles it once and reuses it, with the same answers', async () => {
    const { run, compiled } = await countingExecutor();
    const document = parse('query Q($name: String!) { greeting(name: $name) }');
    expect(await run(document, { name: 'Ana' })).toEqual({ data: { greeting: 'Hello, Ana' } });
    expect(compiled).toEqual([]);
    expect(await run(document, { name: 'Mei' })).toEqual({ data: { greeting: 'Hello, Mei' } });
    expect(await run(document, { name: 'Omar' })).toEqual({ data: { greeting: 'Hello, Omar' } });
    expect(compiled).toEqual([document]);
    // Another document (another text, or the same text parsed anew) starts over.
    expect(await run(parse('query Q($name: String!) { greeting(name: $name) }'), { name: 'Ana' })).toEqual({ data: { greeting: 'Hello, Ana' } });
    expect(compiled).toEqual([document]);
  });

  it('never compiles a mutation', async () => {
    const { run, compiled } = await countingExecutor();
    const document = parse('mutation { touch }');
    for (let i = 0; i < 3; i++) expect(await run(document)).toEqual({ data: { touch: 1 } });
    expect(compiled).toEqual([]);
  });
});
