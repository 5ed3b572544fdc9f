import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startStack, type Stack } from '../../helpers/stack.js';

describe('changePassword with a stolen session', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { CODE_LIMIT_PER_TARGET: '3' } });
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
  });
});
