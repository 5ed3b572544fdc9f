import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee } from '../../../src/emulators/lenel/model.js';
import { startStack, type Stack } from '../../helpers/stack.js';
import { freshLenelSession } from '../lenel/accounts.js';

describe('an unexpected error is masked for the client and logged for the operator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ hr: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());

  it('a cardholder whose middle name is a number makes fullName throw a TypeError: INTERNAL_SERVER_ERROR, no detail', async () => {
    // Lenel sends a number where a string belongs: the resolver's string handling throws a plain
    // TypeError, which is not an error the gateway means to show.
    const id = stack.lenel.addEmployee({ first_name: 'Mia', middle_name: 42 as unknown as Employee['middle_name'], last_name: 'Odd' });
    const { token } = await freshLenelSession(stack, 'viewer');
    const response = await stack.gql(`{ employee(id: "${id}") { id fullName } }`, {}, { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: { employee: null },
      errors: [{ message: 'Internal server error.', locations: expect.any(Array), path: ['employee', 'fullName'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(response.text).not.toMatch(/trim|TypeError|stack/i);

    // the original reaches the log, without its stack
    const masked = stack.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'unexpected error masked as INTERNAL_SERVER_ERROR');
    expect(masked).toEqual([expect.objectContaining({ err: { type: 'TypeError', message: 'part.trim is not a function' }, path: ['employee', 'fullName'] })]);
    // ...with the id of the request it happened in, as the access-log line has it.
    const access = stack.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.msg === 'request' && line.requestId === masked[0]!.requestId);
    expect(access).toMatchObject({ status: 200, errorCodes: ['INTERNAL_SERVER_ERROR'] });
  });
});
