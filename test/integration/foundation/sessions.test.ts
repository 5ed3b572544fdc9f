import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const VIEWER = `{ viewer { signedIn accounts { upstream login userId } } }`;

describe('one Gatehouse session links several accounts', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ forensic: false, rehive: false });
  });
  afterAll(() => stack.close());

  it('signIn to HR then to LENEL links both and rotates the token: the old one stops working', async () => {
    const first = await stack.signIn('HR', 'ana.garcia@example.com');
    const second = await stack.signIn('LENEL', 'operator', { token: first });
    expect(second).not.toBe(first);
    const viewer = await stack.gql(VIEWER, {}, { token: second });
    expect(viewer.body.data).toMatchObject({ viewer: { signedIn: true, accounts: [{ upstream: 'LENEL', login: 'operator' }, { upstream: 'HR', login: 'ana.garcia@example.com' }] } });
    const old = await stack.gql(VIEWER, {}, { token: first });
    expect(old.body).toEqual({ data: { viewer: { signedIn: false, accounts: [] } } });
    const oldList = await stack.gql(`{ leaveRequests { totalCount } }`, {}, { token: first });
    expect(codes(oldList)).toEqual(['UNAUTHENTICATED']);

    // signOut(upstream) removes one account and keeps the other
    const out = await stack.gql(`mutation { signOut(upstream: LENEL) }`, {}, { token: second });
    expect(out.body).toEqual({ data: { signOut: true } });
    const after = await stack.gql(`{ viewer { accounts { upstream } } leaveRequests(first: 0) { totalCount } }`, {}, { token: second });
    expect(after.body).toEqual({ data: { viewer: { accounts: [{ upstream: 'HR' }] }, leaveRequests: { totalCount: 5 } } });
  });

  it('signing in again to HR replaces the HR account and rotates the token', async () => {
    const first = await stack.signIn('HR', 'ana.garcia@example.com');
    const second = await stack.signIn('HR', 'john.doe@example.com', { token: first });
    const viewer = await stack.gql(`{ viewer { accounts { upstream login userId } hr { id } } }`, {}, { token: second });
    expect(viewer.body).toEqual({ data: { viewer: { accounts: [{ upstream: 'HR', login: 'john.doe@example.com', userId: '2' }], hr: { id: globalId('HrUser', 2) } } } });
    expect((await stack.gql(VIEWER, {}, { token: first })).body).toEqual({ data: { viewer: { signedIn: false, accounts: [] } } });
  });

  it('signOut() ends the whole session', async () => {
    const token = await stack.signIn('LENEL', 'operator', { token: await stack.signIn('HR', 'mei.chen@example.com') });
    expect((await stack.gql(`mutation { signOut }`, {}, { token })).body).toEqual({ data: { signOut: true } });
    expect((await stack.gql(VIEWER, {}, { token })).body).toEqual({ data: { viewer: { signedIn: false, accounts: [] } } });
    expect(codes(await stack.gql(`mutation { signOut }`, {}, { token }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('sessions expire', () => {
  let idle: Stack;
  let absolute: Stack;
  beforeAll(async () => {
    [idle, absolute] = await Promise.all([
      startStack({ lenel: false, forensic: false, rehive: false, env: { SESSION_IDLE_TTL_SECONDS: '60' } }),
      startStack({ lenel: false, forensic: false, rehive: false, env: { SESSION_ABSOLUTE_TTL_SECONDS: '60' } }),
    ]);
  });
  afterAll(() => Promise.all([idle.close(), absolute.close()]));

  it('after the idle limit without use, while use keeps extending it', async () => {
    const token = await idle.signIn('HR', 'ana.garcia@example.com');
    // used every 30 s for 90 s (of test-clock time): past the 60-second idle limit, still signed in
    for (let i = 0; i < 3; i++) {
      idle.clock.advance(30_000);
      expect((await idle.gql(`{ viewer { signedIn } }`, {}, { token })).body).toEqual({ data: { viewer: { signedIn: true } } });
    }
    idle.clock.advance(150_000);
    expect((await idle.gql(`{ viewer { signedIn } }`, {}, { token })).body).toEqual({ data: { viewer: { signedIn: false } } });
    const list = await idle.gql(`{ leaveRequests { totalCount } }`, {}, { token });
    expect(list.body.errors).toMatchObject([{ message: 'The session token is unknown or has expired. Sign in again.', extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('at the absolute limit even while in use', async () => {
    const started = absolute.clock.now();
    const token = await absolute.signIn('HR', 'ana.garcia@example.com');
    const viewer = await absolute.gql<{ viewer: { expiresAt: string } }>(`{ viewer { signedIn expiresAt } }`, {}, { token });
    expect(Date.parse(viewer.body.data!.viewer.expiresAt)).toBeLessThanOrEqual(absolute.clock.now() + 60_000);
    while (absolute.clock.now() - started < 78_000) {
      absolute.clock.advance(12_000);
      await absolute.gql(`{ viewer { signedIn } }`, {}, { token });
    }
    expect((await absolute.gql(`{ viewer { signedIn } }`, {}, { token })).body).toEqual({ data: { viewer: { signedIn: false } } });
  });
});
