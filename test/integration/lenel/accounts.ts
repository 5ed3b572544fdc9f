import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import type { LenelRole } from '../../../src/emulators/lenel/index.js';
import type { Stack } from '../../helpers/stack.js';

let next = 0;

/**
 * A new lenel backend user signed in to a new Gatehouse session. The shared list cache is keyed by
 * account, so a new account starts with a cold cache whatever earlier tests read.
 */
export async function freshLenelSession(stack: Stack, role: LenelRole = 'operator'): Promise<{ token: string; userId: number; username: string }> {
  const username = `${role}-${process.pid}-${++next}`;
  const userId = stack.lenel.addUser({ username, password: DEMO_PASSWORD, role });
  const token = await stack.signIn('LENEL', username);
  return { token, userId, username };
}

/** The `user_id` of the JWT each logged request to `path` carried, in order. */
export function callers(stack: Stack, method: string, path: string): unknown[] {
  return stack.lenel.server.requests
    .filter((request) => request.method === method && request.path === path)
    .map((request) => {
      const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
      return (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as { user_id?: unknown }).user_id;
    });
}
