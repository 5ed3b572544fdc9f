import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { globalId } from '../../helpers/ids.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

const USER = 'demo@rehive.example.com';

describe('a Rehive user manages their API tokens', () => {
  let stack: Stack;
  let token: string;
  // Every Rehive token the user held during the tests: none may appear in the log.
  const seen = new Set<string>();
  const remember = () => stack.rehive.tokens(USER).forEach((record) => seen.add(record.token));

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.signIn('REHIVE', USER, { company: REHIVE_DEMO_COMPANY });
  });
  afterEach(() => remember());
  afterAll(() => stack.close());

  it('creates a token whose secret is shown once, then lists and reads it without the secret', async () => {
    const created = await stack.gql<{ createAuthToken: { id: string; secret: string } }>(
      `mutation { createAuthToken(password: "${DEMO_PASSWORD}", durationSeconds: 3600) { id upstream userId secret createdAt expiresAt } }`,
      {},
      { token },
    );
    expect(created.body.errors).toBeUndefined();
    const { id, secret } = created.body.data!.createAuthToken;
    expect(secret).toHaveLength(64);
    expect(id).toBe(globalId('AuthToken', secret.slice(0, 8), 'rehive'));
    expect(created.body.data!.createAuthToken).toMatchObject({ upstream: 'REHIVE', userId: stack.rehive.user(USER)!.id, createdAt: expect.any(String), expiresAt: expect.any(String) });
    // The new secret works against Rehive.
    expect(stack.rehive.tokens(USER).some((t) => t.token === secret)).toBe(true);

    stack.rehive.server.clearLog();
    const listed = await stack.gql<{ authTokens: Array<{ id: string; secret: string | null }>; viewer: { rehive: { authTokens: Array<{ id: string }> } } }>(
      `{ authTokens { id secret expiresAt } viewer { rehive { authTokens { id } } } }`,
      {},
      { token },
    );
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data!.authTokens).toHaveLength(2);
    expect(listed.body.data!.authTokens.every((t) => t.secret === null)).toBe(true);
    expect(listed.body.data!.viewer.rehive.authTokens.map((t) => t.id)).toEqual(listed.body.data!.authTokens.map((t) => t.id));
    // The root field and RehiveUser.authTokens share one read.
    expect(stack.rehive.server.count('GET', '/3/auth/tokens/')).toBe(1);

    const one = await stack.gql(`query One($id: ID!) { authToken(id: $id) { id secret } missing: authToken(id: "abcdef12") { id } }`, { id }, { token });
    expect(one.body).toEqual({ data: { authToken: { id, secret: null }, missing: null } });
    expect(JSON.stringify(listed.body) + JSON.stringify(one.body)).not.toContain(secret);
  });

  it('refuses a token key that is not a word, without calling Rehive', async () => {
    stack.rehive.server.clearLog();
    const response = await stack.gql(`{ authToken(id: "../mfa") { id } }`, {}, { token });
    expect(response.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { id: ['may contain only letters, digits and "_"'] } }]);
    expect(stack.rehive.server.requests).toHaveLength(0);
  });

  it('deletes one token, and answers NOT_FOUND for one that is gone', async () => {
    const created = await stack.gql<{ createAuthToken: { id: string } }>(`mutation { createAuthToken(password: "${DEMO_PASSWORD}") { id expiresAt } }`, {}, { token });
    expect(created.body.data!.createAuthToken).toMatchObject({ expiresAt: null });
    const { id } = created.body.data!.createAuthToken;
    const deleted = await stack.gql(`mutation Del($id: ID!) { deleteAuthToken(id: $id) }`, { id }, { token });
    expect(deleted.body).toEqual({ data: { deleteAuthToken: id } });
    const again = await stack.gql(`mutation Del($id: ID!) { deleteAuthToken(id: $id) }`, { id }, { token });
    expect(codes(again)).toEqual(['NOT_FOUND']);
  });

  it('refuses a token with the wrong password', async () => {
    const response = await stack.gql(`mutation { createAuthToken(password: "not-my-password") { id } }`, {}, { token });
    expect(response.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { password: ['Invalid password.'] } }]);
  });

  it('deletes every token, which signs the session out of Rehive', async () => {
    remember();
    const response = await stack.gql(`mutation { deleteAllAuthTokens }`, {}, { token });
    expect(response.body).toEqual({ data: { deleteAllAuthTokens: true } });
    expect(stack.rehive.tokens(USER)).toHaveLength(0);
    const viewer = await stack.gql(`{ viewer { signedIn accounts { upstream } } }`, {}, { token });
    expect(viewer.body).toEqual({ data: { viewer: { signedIn: true, accounts: [] } } });
    const next = await stack.gql(`{ authTokens { id } }`, {}, { token });
    expect(next.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', upstream: 'REHIVE' }]);
  });

  it('signs the account out when Rehive no longer accepts its token', async () => {
    const fresh = await stack.signIn('REHIVE', USER, { company: REHIVE_DEMO_COMPANY });
    remember();
    for (const record of stack.rehive.tokens(USER)) stack.rehive.state.tokens.delete(record.token);
    const response = await stack.gql(`{ viewer { rehive { email } } }`, {}, { token: fresh });
    expect(response.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', upstream: 'REHIVE' }]);
    const viewer = await stack.gql(`{ viewer { accounts { upstream } } }`, {}, { token: fresh });
    expect(viewer.body).toEqual({ data: { viewer: { accounts: [] } } });
  });

  it('writes no Rehive token or password to the log', () => {
    const all = stack.logs.join('\n');
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    for (const secret of seen) expect(all).not.toContain(secret);
  });
});
