import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { startStack, type Stack } from '../../helpers/stack.js';

const LOGIN = 'demo@rehive.example.com';

describe('Rehive times beyond what a date can hold', () => {
  let stack: Stack;
  beforeAll(async () => {
    // A session lifetime that puts the token's `expires` past year 275,760.
    stack = await startStack({ hr: false, lenel: false, forensic: false, rehive: { sessionDurationSeconds: 1e13 } });
  });
  afterAll(() => stack.close());

  it('sign in, with the account expiry unknown (null) rather than an internal error after the session was linked', async () => {
    const response = await stack.gql(
      `mutation ($input: SignInInput!) { signIn(input: $input) { account { upstream login expiresAt } mfaChallenge { id } } }`,
      { input: { upstream: 'REHIVE', login: LOGIN, password: DEMO_PASSWORD, company: REHIVE_DEMO_COMPANY } },
    );
    expect(stack.rehive.tokens(LOGIN).at(-1)!.expires).toBeGreaterThan(8.64e15);
    expect(response.body).toEqual({ data: { signIn: { account: { upstream: 'REHIVE', login: LOGIN, expiresAt: null }, mfaChallenge: null } } });
  });

  it("read as null on an MFA authenticator's createdAt", async () => {
    const authenticator = stack.rehive.addAuthenticator(LOGIN, 'totp', { verified: true });
    authenticator.created = 1e20;
    const token = await stack.signIn('REHIVE', LOGIN, { company: REHIVE_DEMO_COMPANY });
    const response = await stack.gql(`{ mfaAuthenticators { type createdAt updatedAt } }`, {}, { token });
    expect(response.body).toEqual({ data: { mfaAuthenticators: [{ type: 'TOTP', createdAt: null, updatedAt: new Date(authenticator.updated).toISOString() }] } });
  });
});
