import { describe, expect, it } from 'vitest';
import { drfError, isTokenNotValid } from '../../src/datasources/drf/errors.js';
import type { UpstreamResponse } from '../../src/datasources/core/http-client.js';

const response = (status: number, body: unknown): UpstreamResponse => ({ status, headers: {}, body });
const mapped = (status: number, body: unknown, fields: Record<string, string> = {}) => {
  const error = drfError('hr', response(status, body), fields, 'The leave request');
  return { message: error.message, extensions: error.extensions };
};

describe('DRF/simplejwt error catalogue → Gatehouse errors', () => {
  it('400 field validation → BAD_USER_INPUT with GraphQL field names (unlisted fields camel-cased)', () => {
    expect(mapped(400, { first_name: ['This field is required.'], birth_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'] }, { first_name: 'firstName' })).toEqual({
      message: 'This field is required.',
      extensions: {
        code: 'BAD_USER_INPUT',
        upstream: 'HR',
        fieldErrors: { firstName: ['This field is required.'], birthDate: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'] },
      },
    });
  });

  it('400 with two upstream fields mapped to one GraphQL field merges their messages', () => {
    expect(mapped(400, { password: ['This password is too short. It must contain at least 8 characters.'], confirm_password: ['Passwords do not match.'] }, { password: 'newPassword', confirm_password: 'newPassword' }).extensions.fieldErrors).toEqual({
      newPassword: ['This password is too short. It must contain at least 8 characters.', 'Passwords do not match.'],
    });
  });

  it('400 object-level errors (non_field_errors, "No data provided") → BAD_USER_INPUT without fieldErrors', () => {
    expect(mapped(400, { non_field_errors: ['Only pending requests can be edited.'] })).toEqual({ message: 'Only pending requests can be edited.', extensions: { code: 'BAD_USER_INPUT', upstream: 'HR' } });
    expect(mapped(400, { non_field_errors: ['No data provided'] }).extensions).toEqual({ code: 'BAD_USER_INPUT', upstream: 'HR' });
  });

  it('400 blank/null messages and nested serializer errors', () => {
    expect(mapped(400, { email: ['This field may not be blank.'], password: ['This field may not be null.'] }, { email: 'login' }).extensions.fieldErrors).toEqual({
      login: ['This field may not be blank.'],
      password: ['This field may not be null.'],
    });
    expect(mapped(400, { address: { line_1: ['Too long.'] } }).extensions.fieldErrors).toEqual({ address: ['Too long.'] });
  });

  it('400 malformed JSON ({"detail": …}) is the gateway’s own fault: UPSTREAM_ERROR, body not forwarded', () => {
    expect(mapped(400, { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' })).toEqual({ message: 'The hr service rejected the request.', extensions: { code: 'UPSTREAM_ERROR', upstream: 'HR' } });
    expect(mapped(400, '<html>bad</html>').extensions.code).toBe('UPSTREAM_ERROR');
  });

  it.each([
    { detail: 'No active account found with the given credentials' },
    { detail: 'Token is invalid or expired', code: 'token_not_valid' },
    { detail: 'Token is expired', code: 'token_not_valid' },
    { detail: 'Token is invalid', code: 'token_not_valid' },
    { detail: 'Token has wrong type', code: 'token_not_valid' },
    { detail: 'Token is blacklisted', code: 'token_not_valid' },
    { detail: 'Given token not valid for any token type', code: 'token_not_valid', messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }] },
    { detail: 'Authentication credentials were not provided.' },
    { detail: 'User is inactive', code: 'user_inactive' },
    { detail: 'User not found', code: 'user_not_found' },
    { detail: 'Authorization header must contain two space-delimited values', code: 'bad_authorization_header' },
  ])('401 %j → UNAUTHENTICATED for hr, message not forwarded', (body) => {
    const { message, extensions } = mapped(401, body);
    expect(extensions).toEqual({ code: 'UNAUTHENTICATED', upstream: 'HR' });
    expect(message).not.toContain(body.detail);
  });

  it('token_not_valid is recognised in every simplejwt wording, and only with status 401', () => {
    for (const detail of ['Token is invalid or expired', 'Token is expired', 'Token is invalid', 'Token has wrong type', 'Token is blacklisted', 'Given token not valid for any token type']) {
      expect(isTokenNotValid(response(401, { detail, code: 'token_not_valid' }))).toBe(true);
    }
    expect(isTokenNotValid(response(401, { detail: 'User is inactive', code: 'user_inactive' }))).toBe(false);
    expect(isTokenNotValid(response(401, { detail: 'Authentication credentials were not provided.' }))).toBe(false);
    expect(isTokenNotValid(response(400, { code: 'token_not_valid' }))).toBe(false);
  });

  it('403 → FORBIDDEN', () => {
    expect(mapped(403, { detail: 'You do not have permission to perform this action.' })).toEqual({ message: 'You do not have permission to perform this action.', extensions: { code: 'FORBIDDEN', upstream: 'HR' } });
  });

  it.each([{ detail: 'Not found.' }, { detail: 'No LeaveRequest matches the given query.' }, { detail: 'Invalid page.' }])('404 %j → NOT_FOUND', (body) => {
    expect(mapped(404, body)).toEqual({ message: 'The leave request does not exist or is not visible to you.', extensions: { code: 'NOT_FOUND', upstream: 'HR' } });
  });

  it.each([
    [405, { detail: 'Method "PUT" not allowed.' }],
    [415, { detail: 'Unsupported media type "text/plain" in request.' }],
    [404, '<!doctype html><title>Not Found</title>'],
    [500, { error: 'Server Error (500)' }],
    [418, 'teapot'],
  ])('%s %j → UPSTREAM_ERROR without the body', (status, body) => {
    const { message, extensions } = mapped(status, body);
    expect(extensions).toEqual({ code: 'UPSTREAM_ERROR', upstream: 'HR' });
    expect(message).toBe(`The hr service answered ${status}.`);
  });
});
