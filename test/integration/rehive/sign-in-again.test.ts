import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REHIVE_DEMO_COMPANY } from '../../../src/emulators/demo-logins.js';
import { startStack, type Stack } from '../../helpers/stack.js';

const USER = 'demo@rehive.example.com';

describe('signing in to Rehive again in the same session', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false });
  });
  afterAll(() => stack.close());

  it('logs the replaced Rehive token out upstream, so no orphaned token stays valid', async () => {
    const first = await stack.signIn('REHIVE', USER, { company: REHIVE_DEMO_COMPANY });
    const [firstToken] = stack.rehive.tokens(USER).map((t) => t.token);
    stack.rehive.server.clearLog();
    const second = await stack.signIn('REHIVE', USER, { company: REHIVE_DEMO_COMPANY, token: first });
    expect(stack.rehive.server.count('POST', '/3/auth/logout/')).toBe(1);
    const logout = stack.rehive.server.requests.find((r) => r.path === '/3/auth/logout/')!;
    expect(logout.headers.authorization).toBe(`Token ${firstToken}`);
    expect(stack.rehive.tokens(USER).map((t) => t.token)).not.toContain(firstToken);

    const viewer = await stack.gql(`{ viewer { rehive { email } } }`, {}, { token: second });
    expect(viewer.body).toEqual({ data: { viewer: { rehive: { email: USER } } } });
  });
});
