import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';
import { globalId } from '../../helpers/ids.js';

describe('graceful shutdown', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());

  it('lets an in-flight request finish, then refuses new connections', async () => {
    const token = await stack.signIn('HR', 'ana.garcia@example.com');
    stack.hr.server.addFault({ method: 'GET', path: '/api/auth/me/', latencyMs: 800 });
    const calls = stack.hr.server.count('GET', '/api/auth/me/');
    const inFlight = stack.gql(`{ viewer { hr { id } } }`, {}, { token });
    // close once hr holds the request's call
    await vi.waitFor(() => expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(calls + 1));
    const closed = stack.gateway.close();
    const response = await inFlight;
    expect(response.body).toEqual({ data: { viewer: { hr: { id: globalId('HrUser', 1) } } } });
    // closing does not wait for the grace period (SHUTDOWN_GRACE_MS, 10 s) once the request is done
    const closedAt = await Promise.race([closed.then(() => 'closed'), sleep(5_000).then(() => 'still open')]);
    expect(closedAt).toBe('closed');
    await expect(fetch(`${stack.url}/healthz`)).rejects.toThrow();
  });
});
