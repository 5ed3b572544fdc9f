import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { startStack, type Stack } from '../../helpers/stack.js';

describe('a Rehive user adds backup codes (a STATIC authenticator)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ hr: false, lenel: false, forensic: false });
  });
  afterAll(() => stack.close());

  it('sees the codes once, verifies with one of them, and never sees them again', async () => {
    const email = 'backup@rehive.example.com';
    stack.rehive.addUser({ email, company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD, verified: true });
    const token = await stack.signIn('REHIVE', email, { company: REHIVE_DEMO_COMPANY });
    const created = await stack.gql<{ createMfaAuthenticator: { id: string; backupCodes: string[] } }>(
      `mutation { createMfaAuthenticator(type: STATIC) { id type verified backupCodes secret } }`,
      {},
      { token },
    );
    expect(created.body.errors).toBeUndefined();
    const { id, backupCodes } = created.body.data!.createMfaAuthenticator;
    expect(backupCodes.length).toBeGreaterThan(0);
    expect(created.body.data!.createMfaAuthenticator).toMatchObject({ type: 'STATIC', verified: false, secret: null });

    const verified = await stack.gql(`mutation V($id: ID!, $code: String!) { verifyMfaAuthenticator(id: $id, code: $code) { id verified backupCodes } }`, { id, code: backupCodes[0] }, { token });
    expect(verified.body).toEqual({ data: { verifyMfaAuthenticator: { id, verified: true, backupCodes: null } } });

    const listed = await stack.gql(`{ mfaAuthenticators { id backupCodes } }`, {}, { token });
    expect(listed.body).toEqual({ data: { mfaAuthenticators: [{ id, backupCodes: null }] } });
    for (const code of backupCodes) expect(stack.logs.join('\n')).not.toContain(code);
  });
});
