import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

describe('changePassword with a stolen session', () => {
  let stack: Stack;
  beforeAll(async () => {
    // changePassword checks the same secret as signIn: the same numbers (three failures in a row here).
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { SIGN_IN_MAX_CONSECUTIVE_FAILURES: '3' } });
  });
  afterAll(() => stack.close());

  it('cannot guess the current password: attempts past the limit are refused without an upstream call', async () => {
    const token = await stack.signIn('HR', 'omar.haddad@example.com');
    const change = (guess: string) =>
      stack.gql(`mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }`, { input: { upstream: 'HR', currentPassword: guess, newPassword: 'A-new-password-42' } }, { token });
    for (let i = 0; i < 3; i++) expect(codes(await change(`guess-${i}`))).toEqual(['BAD_USER_INPUT']);
    stack.hr.server.clearLog();
    const refused = await change('guess-3');
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.body.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(stack.hr.server.count('POST', '/api/auth/change-password/')).toBe(0);
    // The count belongs to the HR account, not the session: a second session of it gets no new guesses.
    const other = await stack.signIn('HR', 'omar.haddad@example.com');
    expect(other).not.toBe(token);
    const again = await stack.gql(`mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }`, { input: { upstream: 'HR', currentPassword: 'guess-4', newPassword: 'A-new-password-42' } }, { token: other });
    expect(codes(again)).toEqual(['RATE_LIMITED']);
    expect(stack.hr.server.count('POST', '/api/auth/change-password/')).toBe(0);
  });
});
