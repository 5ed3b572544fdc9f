import { describe, expect, it } from 'vitest';
import { rehiveError } from '../../src/datasources/rehive/errors.js';

const response = (status: number, body: unknown) => ({ status, headers: {}, body });
const shape = (error: ReturnType<typeof rehiveError>) => ({ message: error.message, extensions: error.extensions });

describe('Rehive error envelope mapping', () => {
  it('translates field errors to GraphQL names, nested ones dotted', () => {
    const error = rehiveError(
      response(400, { status: 'error', message: 'Invalid password.', data: { old_password: ['Invalid password.'], first_name: ['Too long.'], company: { id: ['Taken.'] } } }),
      { fieldNames: { old_password: 'currentPassword' } },
    );
    expect(shape(error)).toEqual({
      message: 'Invalid password.',
      extensions: { code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { currentPassword: ['Invalid password.'], firstName: ['Too long.'], 'company.id': ['Taken.'] } },
    });
  });

  it('shows a message-only 400 only when it is written for users', () => {
    expect(shape(rehiveError(response(400, { status: 'error', message: 'Invalid token.' }), { messageField: 'code' }))).toEqual({
      message: 'Invalid token.',
      extensions: { code: 'BAD_USER_INPUT', upstream: 'REHIVE', fieldErrors: { code: ['Invalid token.'] } },
    });
    const internal = rehiveError(response(400, { status: 'error', message: 'Database row 42 locked at db-3.internal' }));
    expect(internal.message).not.toContain('db-3');
    expect(internal.extensions).toEqual({ code: 'BAD_USER_INPUT', upstream: 'REHIVE' });
  });

  it('maps 401, 403 (with and without a challenge), 404 and other statuses', () => {
    expect(rehiveError(response(401, { status: 'error', message: 'Invalid token.' })).extensions).toEqual({ code: 'UNAUTHENTICATED', upstream: 'REHIVE' });
    expect(rehiveError(response(403, { status: 'error', message: 'Multi-factor authentication required.', data: { challenges: [{ id: 'ch-1' }] } })).extensions).toEqual({
      code: 'MFA_REQUIRED',
      upstream: 'REHIVE',
      challengeId: 'ch-1',
    });
    expect(rehiveError(response(403, { status: 'error', message: 'No.' })).extensions).toEqual({ code: 'FORBIDDEN', upstream: 'REHIVE' });
    expect(rehiveError(response(404, '<html>')).extensions).toEqual({ code: 'NOT_FOUND', upstream: 'REHIVE' });
    expect(rehiveError(response(405, { status: 'error', message: 'Method "PUT" not allowed.' })).extensions).toEqual({ code: 'UPSTREAM_ERROR', upstream: 'REHIVE' });
  });
});
