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

describe('a Rehive user filters their token list', () => {
  let stack: Stack;
  let token: string;
  // The emulator's clock, near real time, moved by hand so that each token has its own creation instant.
  let clock = Date.now() - 60_000;
  const keys: Record<'session' | 'a' | 'b' | 'c', string> = { session: '', a: '', b: '', c: '' };
  const created: Record<keyof typeof keys, number> = { session: 0, a: 0, b: 0, c: 0 };

  beforeAll(async () => {
    stack = await startStack({ hr: false, lenel: false, forensic: false, rehive: { now: () => clock } });
    token = await stack.signIn('REHIVE', USER, { company: REHIVE_DEMO_COMPANY });
    const issue = (name: keyof typeof keys, seconds: number | null) => {
      const secret = name === 'session' ? stack.rehive.tokens(USER)[0]!.token : stack.rehive.issueToken(USER, seconds);
      keys[name] = secret.slice(0, 8);
      created[name] = stack.rehive.state.tokens.get(secret)!.created;
      clock += 1000;
    };
    issue('session', null);
    issue('a', null);
    issue('b', 3600);
    issue('c', null);
  });
  afterAll(() => stack.close());

  it('passes each filter to Rehive (instants as epoch milliseconds), one read per distinct filter', async () => {
    const iso = (name: keyof typeof keys) => new Date(created[name]).toISOString();
    stack.rehive.server.clearLog();
    const response = await stack.gql(
      `query F($b: DateTime!, $a: DateTime!, $keyA: ID!, $keyC: ID!, $session: ID!) {
        at: authTokens(filter: { createdAt: $b }) { id }
        after: authTokens(filter: { createdAfter: $b }) { id }
        atOrAfter: authTokens(filter: { createdAtOrAfter: $b }) { id }
        before: authTokens(filter: { createdBefore: $a }) { id }
        atOrBefore: authTokens(filter: { createdAtOrBefore: $a }) { id }
        expiring: authTokens(filter: { expires: true }) { id }
        permanent: authTokens(filter: { expires: false }) { id }
        one: authTokens(filter: { ids: [$keyA] }) { id }
        some: authTokens(filter: { ids: [$keyA, $keyC] }) { id }
        others: authTokens(filter: { excludeId: $session }) { id }
        none: authTokens(filter: { ids: [] }) { id }
        viewer { rehive { authTokens(filter: { expires: false, createdAfter: $a }) { id } } }
        again: authTokens(filter: { expires: false }) { id }
      }`,
      { b: iso('b'), a: iso('a'), keyA: keys.a, keyC: keys.c, session: keys.session },
      { token },
    );
    const ids = (...names: Array<keyof typeof keys>) => names.map((name) => ({ id: globalId('AuthToken', keys[name], 'rehive') }));
    expect(response.body).toEqual({
      data: {
        at: ids('b'),
        after: ids('c'),
        atOrAfter: ids('b', 'c'),
        before: ids('session'),
        atOrBefore: ids('session', 'a'),
        // The session's own login token expires (after Rehive's default 10 hours).
        expiring: ids('session', 'b'),
        permanent: ids('a', 'c'),
        one: ids('a'),
        some: ids('a', 'c'),
        others: ids('a', 'b', 'c'),
        none: [],
        viewer: { rehive: { authTokens: ids('c') } },
        again: ids('a', 'c'),
      },
    });
    const queries = stack.rehive.server.requests.filter((r) => r.path === '/3/auth/tokens/').map((r) => Object.fromEntries(r.query));
    expect(queries).toEqual([
      { created: String(created.b) },
      { created__gt: String(created.b) },
      { created__gte: String(created.b) },
      { created__lt: String(created.a) },
      { created__lte: String(created.a) },
      { expires__isnull: 'false' },
      { expires__isnull: 'true' },
      { token_key: keys.a },
      { token_key__in: `${keys.a},${keys.c}` },
      { token_key__exclude: keys.session },
      { created__gt: String(created.a), expires__isnull: 'true' },
    ]);
  });

  it('refuses a filter Rehive could not take, before calling it', async () => {
    stack.rehive.server.clearLog();
    const response = await stack.gql(
      `query F($filter: AuthTokenFilter!) { authTokens(filter: $filter) { id } }`,
      { filter: { createdBefore: '1969-12-31T23:59:59.999Z', ids: ['ok_key', '../mfa', 'a,b'], excludeId: 'x/y' } },
      { token },
    );
    expect(response.body.errors!.map((e) => e.extensions)).toEqual([
      {
        code: 'BAD_USER_INPUT',
        fieldErrors: {
          createdBefore: ['Must not be before 1970-01-01T00:00:00.000Z.'],
          excludeId: ['may contain only letters, digits and "_"'],
          ids: ['may contain only letters, digits and "_"'],
        },
      },
    ]);
    const tooMany = await stack.gql(`query F($ids: [ID!]) { authTokens(filter: { ids: $ids }) { id } }`, { ids: Array.from({ length: 101 }, (_, i) => `k${i}`) }, { token });
    expect(tooMany.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { ids: ['Ensure this field has no more than 100 items.'] } }]);
    expect(stack.rehive.server.requests).toHaveLength(0);
  });
});
