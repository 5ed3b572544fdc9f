import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY, REHIVE_DEMO_TOTP_SECRET } from '../../../src/emulators/demo-logins.js';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

const CHANGE = `mutation C($input: ChangePasswordInput!) { changePassword(input: $input) }`;
const RESET = `mutation R($input: ResetPasswordInput!) { resetPassword(input: $input) }`;

describe('a Rehive user chooses which of their other sessions end (clearSessions)', () => {
  let stack: Stack;
  let users = 0;

  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.rehive.server.clearLog();
    stack.hr.server.clearLog();
  });

  /** A fresh user signed in through the gateway, with a session on another device and a permanent API token. */
  async function userWithSessions(options: { totp?: boolean } = {}) {
    const email = `clearing-${++users}@rehive.example.com`;
    stack.rehive.addUser({ email, company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD, verified: true });
    const token = await stack.signIn('REHIVE', email, { company: REHIVE_DEMO_COMPANY });
    const [own] = stack.rehive.tokens(email).map((t) => t.token);
    const otherDevice = stack.rehive.issueToken(email, 3600);
    const permanent = stack.rehive.issueToken(email, null);
    if (options.totp) stack.rehive.addAuthenticator(email, 'totp', { secret: REHIVE_DEMO_TOTP_SECRET, verified: true });
    stack.rehive.server.clearLog();
    return { email, token, own: own!, otherDevice, permanent, live: () => stack.rehive.tokens(email).map((t) => t.token) };
  }
  const sentOptions = (path: string) =>
    stack.rehive.server.requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => (JSON.parse(r.body) as { clear_session_option?: string }).clear_session_option);
  const linked = async (token: string) =>
    ((await stack.gql<{ viewer: { accounts: Array<{ upstream: string }> } }>(`{ viewer { accounts { upstream } } }`, {}, { token })).body.data?.viewer.accounts ?? []).map((a) => a.upstream);

  it('signOut(upstream: REHIVE) ends only this session by default (NONE)', async () => {
    const user = await userWithSessions();
    expect((await stack.gql(`mutation { signOut(upstream: REHIVE) }`, {}, { token: user.token })).body).toEqual({ data: { signOut: true } });
    expect(sentOptions('/3/auth/logout/')).toEqual(['none']);
    expect(user.live().sort()).toEqual([user.otherDevice, user.permanent].sort());
  });

  it('signOut(upstream: REHIVE, clearSessions: TEMPORARY) also ends the other sessions with an expiry, not the permanent token', async () => {
    const user = await userWithSessions();
    expect((await stack.gql(`mutation { signOut(upstream: REHIVE, clearSessions: TEMPORARY) }`, {}, { token: user.token })).body).toEqual({ data: { signOut: true } });
    expect(sentOptions('/3/auth/logout/')).toEqual(['temporary']);
    expect(user.live()).toEqual([user.permanent]);
    expect(await linked(user.token)).toEqual([]);
  });

  it('signOut(clearSessions: ALL) ends the whole Gatehouse session and every Rehive token of the user', async () => {
    const user = await userWithSessions();
    const token = await stack.signIn('HR', 'ana.garcia@example.com', { token: user.token });
    expect((await stack.gql(`mutation { signOut(clearSessions: ALL) }`, {}, { token })).body).toEqual({ data: { signOut: true } });
    expect(sentOptions('/3/auth/logout/')).toEqual(['all']);
    expect(user.live()).toEqual([]);
    expect((await stack.gql(`{ viewer { signedIn } }`, {}, { token })).body).toEqual({ data: { viewer: { signedIn: false } } });
  });

  it('signOut() ignores clearSessions when no Rehive account is linked, and refuses it for another upstream', async () => {
    const hrOnly = await stack.signIn('HR', 'ana.garcia@example.com');
    const refused = await stack.gql(`mutation { signOut(upstream: HR, clearSessions: ALL) }`, {}, { token: hrOnly });
    expect(refused.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { clearSessions: ['is only accepted for REHIVE'] } }]);
    expect(await linked(hrOnly)).toEqual(['HR']);
    expect((await stack.gql(`mutation { signOut(clearSessions: ALL) }`, {}, { token: hrOnly })).body).toEqual({ data: { signOut: true } });
    expect(stack.rehive.server.requests).toHaveLength(0);
  });

  it('signs nothing out when Rehive cannot clear the other sessions: unreachable, or an MFA challenge pending', async () => {
    const user = await userWithSessions({ totp: true });
    stack.rehive.server.addFault({ path: '/3/auth/logout/', sequence: [503] });
    const down = await stack.gql(`mutation { signOut(upstream: REHIVE, clearSessions: ALL) }`, {}, { token: user.token });
    expect(down.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', upstream: 'REHIVE' }]);
    expect(await linked(user.token)).toEqual(['REHIVE']);
    expect(user.live()).toHaveLength(3);

    // Signed in again: the TOTP authenticator now holds the new session back.
    const challenged = await stack.gql<{ signIn: { token: string; mfaChallenge: { id: string } } }>(
      `mutation S($input: SignInInput!) { signIn(input: $input) { token mfaChallenge { id } } }`,
      { input: { upstream: 'REHIVE', login: user.email, password: DEMO_PASSWORD, company: REHIVE_DEMO_COMPANY } },
    );
    const pending = challenged.body.data!.signIn;
    stack.rehive.server.clearLog();
    const blocked = await stack.gql(`mutation { signOut(clearSessions: TEMPORARY) }`, {}, { token: pending.token });
    expect(blocked.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'MFA_REQUIRED', upstream: 'REHIVE', challengeId: pending.mfaChallenge.id }]);
    expect(stack.rehive.server.requests).toHaveLength(0);
    expect(await linked(pending.token)).toEqual(['REHIVE']);
  });

  it('changePassword clears the other sessions with an expiry by default, and as asked; the calling session survives', async () => {
    const byDefault = await userWithSessions();
    const changed = await stack.gql(CHANGE, { input: { upstream: 'REHIVE', currentPassword: DEMO_PASSWORD, newPassword: 'Another-secret-43' } }, { token: byDefault.token });
    expect(changed.body).toEqual({ data: { changePassword: true } });
    expect(sentOptions('/3/auth/password/change/')).toEqual(['temporary']);
    expect(byDefault.live().sort()).toEqual([byDefault.own, byDefault.permanent].sort());

    const none = await userWithSessions();
    await stack.gql(CHANGE, { input: { upstream: 'REHIVE', currentPassword: DEMO_PASSWORD, newPassword: 'Another-secret-43', clearSessions: 'NONE' } }, { token: none.token });
    expect(sentOptions('/3/auth/password/change/')).toEqual(['none']);
    expect(none.live()).toHaveLength(3);

    const all = await userWithSessions();
    await stack.gql(CHANGE, { input: { upstream: 'REHIVE', currentPassword: DEMO_PASSWORD, newPassword: 'Another-secret-43', clearSessions: 'ALL' } }, { token: all.token });
    expect(sentOptions('/3/auth/password/change/')).toEqual(['all']);
    expect(all.live()).toEqual([all.own]);
    expect((await stack.gql(`{ viewer { rehive { email } } }`, {}, { token: all.token })).body).toEqual({ data: { viewer: { rehive: { email: all.email } } } });
  });

  it('resetPassword clears the sessions as asked (TEMPORARY by default)', async () => {
    const user = await userWithSessions();
    await stack.gql(`mutation { requestPasswordReset(upstream: REHIVE, login: "${user.email}", company: "${REHIVE_DEMO_COMPANY}") }`);
    const { uid, token } = stack.rehive.outbox.latest(user.email, 'password_reset')!.data as { uid: string; token: string };
    const reset = await stack.gql(RESET, { input: { upstream: 'REHIVE', uid, token, newPassword: 'Reset-secret-46', clearSessions: 'ALL' } });
    expect(reset.body).toEqual({ data: { resetPassword: true } });
    expect(sentOptions('/3/auth/password/reset/confirm/')).toEqual(['all']);
    expect(user.live()).toEqual([]);

    const other = await userWithSessions();
    await stack.gql(`mutation { requestPasswordReset(upstream: REHIVE, login: "${other.email}", company: "${REHIVE_DEMO_COMPANY}") }`);
    const mail = stack.rehive.outbox.latest(other.email, 'password_reset')!.data as { uid: string; token: string };
    await stack.gql(RESET, { input: { upstream: 'REHIVE', uid: mail.uid, token: mail.token, newPassword: 'Reset-secret-46' } });
    expect(sentOptions('/3/auth/password/reset/confirm/')).toEqual(['temporary']);
    expect(other.live()).toEqual([other.permanent]);
  });

  it('refuses clearSessions for HR password changes and resets, before calling HR', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    stack.hr.server.clearLog();
    const change = await stack.gql(CHANGE, { input: { upstream: 'HR', currentPassword: DEMO_PASSWORD, newPassword: 'Another-secret-43', clearSessions: 'ALL' } }, { token });
    const reset = await stack.gql(RESET, { input: { upstream: 'HR', token: 'x'.repeat(32), newPassword: 'Another-secret-43', clearSessions: 'NONE' } });
    for (const response of [change, reset]) {
      expect(response.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fieldErrors: { clearSessions: ['is only accepted for REHIVE'] } }]);
    }
    expect(stack.hr.server.requests).toHaveLength(0);
    expect(codes(await stack.gql(`{ viewer { hr { email } } }`, {}, { token }))).toEqual([]);
  });
});
