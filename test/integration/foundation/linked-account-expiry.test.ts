import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

const ACCOUNTS = `{ viewer { accounts { upstream expiresAt } } }`;
const iso = (ms: number) => new Date(ms).toISOString();

describe('each linked account says when it stops working without a new sign-in (LinkedAccount.expiresAt)', () => {
  let stack: Stack;
  // The emulators' clocks, near real time, moved by hand: HR and lenel to expire their access tokens,
  // forensic so that a refresh and the use right after it give the same sliding expiry.
  let drfClock = Date.now();
  let ozClock = Date.now();

  beforeAll(async () => {
    stack = await startStack({ hr: { rotateRefreshTokens: true, now: () => drfClock }, lenel: { now: () => drfClock }, forensic: { now: () => ozClock } });
  });
  afterAll(() => stack.close());

  const expiries = async (token: string) =>
    Object.fromEntries(
      ((await stack.gql<{ viewer: { accounts: Array<{ upstream: string; expiresAt: string | null }> } }>(ACCOUNTS, {}, { token })).body.data!.viewer.accounts).map((a) => [a.upstream, a.expiresAt]),
    );

  it('REHIVE: the expiry of the session token, which RehiveUser.token also describes (from the same read)', async () => {
    const signIn = await stack.gql<{ signIn: { token: string; account: { expiresAt: string } } }>(
      `mutation S($input: SignInInput!) { signIn(input: $input) { token account { expiresAt } } }`,
      { input: { upstream: 'REHIVE', login: 'demo@rehive.example.com', password: DEMO_PASSWORD, company: REHIVE_DEMO_COMPANY, sessionDurationSeconds: 120 } },
    );
    const { token, account } = signIn.body.data!.signIn;
    const rehiveToken = stack.rehive.tokens('demo@rehive.example.com').at(-1)!;
    expect(rehiveToken.expires! - rehiveToken.created).toBe(120_000);
    expect(account).toEqual({ expiresAt: iso(rehiveToken.expires!) });

    stack.rehive.server.clearLog();
    const viewer = await stack.gql(`{ viewer { accounts { upstream expiresAt } rehive { email token { id upstream label userId createdAt expiresAt secret } } } }`, {}, { token });
    expect(viewer.body).toEqual({
      data: {
        viewer: {
          accounts: [{ upstream: 'REHIVE', expiresAt: iso(rehiveToken.expires!) }],
          rehive: {
            email: 'demo@rehive.example.com',
            token: {
              id: globalId('AuthToken', rehiveToken.token.slice(0, 8), 'rehive'),
              upstream: 'REHIVE',
              label: null,
              userId: stack.rehive.user('demo@rehive.example.com')!.id,
              createdAt: iso(rehiveToken.created),
              expiresAt: iso(rehiveToken.expires!),
              secret: null,
            },
          },
        },
      },
    });
    expect(stack.rehive.server.count('GET', '/3/auth/')).toBe(1);
  });

  it('HR and LENEL: when the refresh token expires; a rotated refresh token moves it', async () => {
    const signedInAt = drfClock;
    const hrToken = await stack.signIn('HR', 'ana.garcia@example.com');
    const token = await stack.signIn('LENEL', 'operator', { token: hrToken });
    // simplejwt's default refresh lifetime: one day from the (whole) second of issue.
    const dayAfter = (ms: number) => iso((Math.floor(ms / 1000) + 86_400) * 1000);
    expect(await expiries(token)).toEqual({ HR: dayAfter(signedInAt), LENEL: dayAfter(signedInAt) });

    // Ten minutes on, the HR access token has expired: the next HR call refreshes it, and HR rotates the refresh token.
    drfClock += 600_000;
    stack.hr.server.clearLog();
    expect((await stack.gql(`{ viewer { hr { id } } }`, {}, { token })).body).toEqual({ data: { viewer: { hr: { id: globalId('HrUser', 1) } } } });
    expect(stack.hr.server.count('POST', '/api/auth/refresh')).toBe(1);
    expect(await expiries(token)).toEqual({ HR: dayAfter(drfClock), LENEL: dayAfter(signedInAt) });
  });

  it('FORENSIC: the sliding session expiry Oz announced at sign-in, then at the last refresh', async () => {
    const token = await stack.signIn('FORENSIC', 'admin@oz.example.com');
    const session = () => stack.forensic.tokens.filter((t) => t.kind === 'session').at(-1)!;
    const first = session();
    expect(await expiries(token)).toEqual({ FORENSIC: iso(ozClock + 900_000) });

    ozClock += 60_000;
    stack.forensic.expireSession(first.accessToken);
    stack.forensic.server.clearLog();
    const read = await stack.gql(`{ companies(first: 1) { edges { node { id } } } }`, {}, { token });
    expect(read.body.errors).toBeUndefined();
    expect(stack.forensic.server.count('POST', '/api/authorize/refresh/')).toBe(1);
    const refreshed = session();
    expect(refreshed).not.toBe(first);
    expect(refreshed.expiresAt).toBe(ozClock + 900_000);
    expect(await expiries(token)).toEqual({ FORENSIC: iso(ozClock + 900_000) });
  });
});
