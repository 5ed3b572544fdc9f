import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';

const post = (stack: Stack, body: unknown) =>
  fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('errors raised before execution keep Apollo Server’s codes, with HTTP 400', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.hr.server.clearLog());

  it('a syntax error is GRAPHQL_PARSE_FAILED', async () => {
    const response = await stack.gql(`{ viewer { `);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 12 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
  });

  it('a document of 5,000 tokens runs; one of 5,001 is GRAPHQL_PARSE_FAILED and says why', async () => {
    // graphql-js counts 12 tokens around the spreads and 2 per spread (fragment spreads, because
    // thousands of repeated fields would trip its overlapping-fields guard in validation instead)
    const document = (spreads: number, extraField: boolean) => `{ viewer { ${extraField ? 'signedIn ' : ''}${'...F '.repeat(spreads)}} } fragment F on Viewer { signedIn }`;
    const atLimit = await stack.gql(document(2_494, false));
    expect(atLimit.status).toBe(200);
    expect(atLimit.body).toEqual({ data: { viewer: { signedIn: false } } });

    const over = await stack.gql(document(2_494, true));
    expect(over.status).toBe(400);
    expect(over.body).toEqual({
      errors: [
        {
          message: 'Syntax Error: Document contains more than 5000 tokens (the limit). Parsing aborted.',
          locations: [{ line: 1, column: expect.any(Number) }],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      ],
    });
  });

  it('an unknown field is GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await stack.gql(`{ viewer { signedIn nope } }`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: 'Cannot query field "nope" on type "Viewer".', locations: [{ line: 1, column: 21 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
  });

  it('a request without a query is BAD_REQUEST', async () => {
    const response = await post(stack, { variables: {} });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('a body that is not JSON is BAD_REQUEST', async () => {
    const response = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: "Body is not valid JSON but content-type is set to 'application/json'", extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('an unknown persisted-query hash is PERSISTED_QUERY_NOT_FOUND, the signal for an Apollo client to send the query', async () => {
    const response = await post(stack, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    expect(stack.hr.server.requests).toEqual([]);
  });
});
