import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHrEmulator, type HrEmulator } from '../../src/emulators/hr/index.js';
import { DEMO_PASSWORD, HR_DEMO_USERS } from '../../src/emulators/demo-logins.js';

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

interface CallOptions {
  body?: unknown;
  raw?: string;
  token?: string;
  headers?: Record<string, string>;
}

async function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] ??= 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const ANA = HR_DEMO_USERS[0];
const JOHN = HR_DEMO_USERS[1];
const OMAR = HR_DEMO_USERS[3];

const TOKEN_NOT_VALID = {
  detail: 'Given token not valid for any token type',
  code: 'token_not_valid',
  messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }],
};

async function login(base: string, email: string, password = DEMO_PASSWORD): Promise<{ access: string; refresh: string }> {
  const res = await call(base, 'POST', '/api/auth/token', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.json as { access: string; refresh: string };
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('hr emulator', () => {
  let hr: HrEmulator;
  let base: string;

  beforeAll(async () => {
    hr = createHrEmulator();
    base = await hr.listen();
  });

  afterAll(async () => {
    await hr.close();
  });

  describe('paths', () => {
    it('answers a missing trailing slash with a 301 and an empty body', async () => {
      for (const path of ['/api/auth/me', '/api/auth/forgot-password', '/api/auth/reset-password', '/api/auth/change-password', '/api/leave-requests']) {
        const res = await call(base, 'POST', path, { body: {} });
        expect(res.status).toBe(301);
        expect(res.text).toBe('');
        expect(res.headers.get('location')).toBe(`${path}/`);
      }
      const withQuery = await call(base, 'GET', '/api/leave-requests?page=2');
      expect(withQuery.headers.get('location')).toBe('/api/leave-requests/?page=2');
    });

    it('answers an extra slash or an unknown path with the HTML 404', async () => {
      for (const path of ['/api/auth/token/', '/api/auth/refresh/', '/api/nothing', '/api/leave-requests/1/x']) {
        const res = await call(base, 'POST', path, { body: {} });
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toContain('text/html');
        expect(res.text).toContain('<h1>Not Found</h1>');
      }
    });

    it('answers a wrong method with 405', async () => {
      const res = await call(base, 'GET', '/api/auth/token');
      expect(res.status).toBe(405);
      expect(res.json).toEqual({ detail: 'Method "GET" not allowed.' });
      const { access } = await login(base, ANA.email);
      const del = await call(base, 'DELETE', '/api/auth/me/', { token: access });
      expect(del.json).toEqual({ detail: 'Method "DELETE" not allowed.' });
    });
  });

  describe('token obtain and refresh', () => {
    it('issues a simplejwt pair for the demo users', async () => {
      for (const user of HR_DEMO_USERS) {
        const pair = await login(base, user.email);
        const access = decodePayload(pair.access);
        const refresh = decodePayload(pair.refresh);
        expect(access).toMatchObject({ token_type: 'access', user_id: user.id });
        expect(refresh).toMatchObject({ token_type: 'refresh', user_id: user.id });
        expect((access.exp as number) - (access.iat as number)).toBe(300);
        expect((refresh.exp as number) - (refresh.iat as number)).toBe(86_400);
        expect(access.jti).toMatch(/^[0-9a-f]{32}$/);
      }
    });

    it('matches the e-mail exactly as stored', async () => {
      const res = await call(base, 'POST', '/api/auth/token', { body: { email: ANA.email.toUpperCase(), password: DEMO_PASSWORD } });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ detail: 'No active account found with the given credentials' });
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    });

    it('refuses wrong credentials, unknown and inactive users alike', async () => {
      const id = hr.addUser({ email: 'inactive@example.com', password: 'Str0ng-pass!', active: false });
      for (const body of [
        { email: ANA.email, password: 'wrong' },
        { email: 'nobody@example.com', password: DEMO_PASSWORD },
        { email: 'inactive@example.com', password: 'Str0ng-pass!' },
      ]) {
        const res = await call(base, 'POST', '/api/auth/token', { body });
        expect(res.status).toBe(401);
        expect(res.json).toEqual({ detail: 'No active account found with the given credentials' });
      }
      hr.setUserActive(id, true);
      await login(base, 'inactive@example.com', 'Str0ng-pass!');
      hr.deleteUser(id);
    });

    it('validates the obtain body', async () => {
      const missing = await call(base, 'POST', '/api/auth/token', { body: {} });
      expect(missing.status).toBe(400);
      expect(missing.json).toEqual({ email: ['This field is required.'], password: ['This field is required.'] });
      const blank = await call(base, 'POST', '/api/auth/token', { body: { email: 'a@example.com', password: '' } });
      expect(blank.json).toEqual({ password: ['This field may not be blank.'] });
      const malformed = await call(base, 'POST', '/api/auth/token', { raw: '{nope' });
      expect(malformed.status).toBe(400);
      expect(malformed.json).toEqual({ detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' });
      const text = await call(base, 'POST', '/api/auth/token', { raw: 'x', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(415);
      expect(text.json).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
    });

    it('refreshes an access token and refuses bad refresh tokens', async () => {
      const pair = await login(base, JOHN.email);
      const ok = await call(base, 'POST', '/api/auth/refresh', { body: { refresh: pair.refresh } });
      expect(ok.status).toBe(200);
      expect(Object.keys(ok.json as object)).toEqual(['access']);
      const me = await call(base, 'GET', '/api/auth/me/', { token: (ok.json as { access: string }).access });
      expect(me.status).toBe(200);

      const garbage = await call(base, 'POST', '/api/auth/refresh', { body: { refresh: 'garbage' } });
      expect(garbage.status).toBe(401);
      expect(garbage.json).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
      const wrongType = await call(base, 'POST', '/api/auth/refresh', { body: { refresh: pair.access } });
      expect(wrongType.json).toEqual({ detail: 'Token has wrong type', code: 'token_not_valid' });
      const missing = await call(base, 'POST', '/api/auth/refresh', { body: {} });
      expect(missing.status).toBe(400);
      expect(missing.json).toEqual({ refresh: ['This field is required.'] });
    });
  });

  describe('authentication on protected endpoints', () => {
    it('returns the simplejwt 401 bodies', async () => {
      const none = await call(base, 'GET', '/api/auth/me/');
      expect(none.status).toBe(401);
      expect(none.json).toEqual({ detail: 'Authentication credentials were not provided.' });
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api"');

      const { access, refresh } = await login(base, ANA.email);
      const lower = await call(base, 'GET', '/api/auth/me/', { headers: { authorization: `bearer ${access}` } });
      expect(lower.json).toEqual({ detail: 'Authentication credentials were not provided.' });
      const empty = await call(base, 'GET', '/api/auth/me/', { headers: { authorization: 'Bearer' } });
      expect(empty.json).toEqual({ detail: 'Authorization header must contain two space-delimited values', code: 'bad_authorization_header' });
      const bad = await call(base, 'GET', '/api/leave-requests/', { token: 'x.y.z' });
      expect(bad.json).toEqual(TOKEN_NOT_VALID);
      const withRefresh = await call(base, 'GET', '/api/leave-requests/', { token: refresh });
      expect(withRefresh.json).toEqual(TOKEN_NOT_VALID);
    });

    it('refuses a token of an inactive or deleted user (and still refreshes it, like simplejwt 5.2)', async () => {
      const id = hr.addUser({ email: 'temp@example.com', password: 'Str0ng-pass!', firstName: 'T', lastName: 'Emp' });
      const pair = await login(base, 'temp@example.com', 'Str0ng-pass!');
      hr.setUserActive(id, false);
      const inactive = await call(base, 'GET', '/api/auth/me/', { token: pair.access });
      expect(inactive.status).toBe(401);
      expect(inactive.json).toEqual({ detail: 'User is inactive', code: 'user_inactive' });
      const refreshed = await call(base, 'POST', '/api/auth/refresh', { body: { refresh: pair.refresh } });
      expect(refreshed.status).toBe(200);
      hr.deleteUser(id);
      const deleted = await call(base, 'GET', '/api/auth/me/', { token: pair.access });
      expect(deleted.json).toEqual({ detail: 'User not found', code: 'user_not_found' });
    });

    it('turns a public endpoint into a 401 when a bad token is sent', async () => {
      const res = await call(base, 'POST', '/api/auth/forgot-password/', { token: 'stale', body: { email: ANA.email } });
      expect(res.status).toBe(401);
      expect(res.json).toEqual(TOKEN_NOT_VALID);
      const otherScheme = await call(base, 'POST', '/api/auth/forgot-password/', { headers: { authorization: 'Basic abc' }, body: { email: ANA.email } });
      expect(otherScheme.status).toBe(204);
    });
  });

  describe('profile', () => {
    it('returns the demo profile', async () => {
      const { access } = await login(base, JOHN.email);
      const res = await call(base, 'GET', '/api/auth/me/', { token: access });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        id: 2,
        email: 'john.doe@example.com',
        gender: 'male',
        first_name: 'John',
        last_name: 'Doe',
        preferred_name: 'Johnny',
        birth_date: '1990-05-17',
      });
    });

    it('updates the profile and the login e-mail, ignoring id and keeping omitted optional fields', async () => {
      const id = hr.addUser({ email: 'profile@example.com', password: 'Str0ng-pass!', firstName: 'P', lastName: 'Q', gender: 'other', birthDate: '2000-01-01' });
      const { access } = await login(base, 'profile@example.com', 'Str0ng-pass!');
      const res = await call(base, 'PUT', '/api/auth/me/', {
        token: access,
        body: { id: 999, email: ' paula@example.com ', first_name: ' Paula ', last_name: 'Quinn', preferred_name: 'PQ', gender: 'female' },
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ id, email: 'paula@example.com', gender: 'female', first_name: 'Paula', last_name: 'Quinn', preferred_name: 'PQ', birth_date: '2000-01-01' });
      const cleared = await call(base, 'PUT', '/api/auth/me/', { token: access, body: { email: 'paula@example.com', first_name: 'Paula', last_name: 'Quinn', birth_date: null, gender: '' } });
      expect(cleared.json).toMatchObject({ email: 'paula@example.com', birth_date: null, gender: '', preferred_name: 'PQ' });
      const again = await call(base, 'GET', '/api/auth/me/', { token: access });
      expect(again.json).toEqual(cleared.json);
      // The e-mail is the login: the new one signs in, the old one no longer does.
      expect((await call(base, 'POST', '/api/auth/token', { body: { email: 'profile@example.com', password: 'Str0ng-pass!' } })).status).toBe(401);
      expect((await login(base, 'paula@example.com', 'Str0ng-pass!')).access).toEqual(expect.any(String));
      hr.deleteUser(id);
    });

    it('requires the e-mail on PUT, as the full update of a required, unique field', async () => {
      const { access } = await login(base, OMAR.email);
      const put = (body: Record<string, unknown>): Promise<Reply> => call(base, 'PUT', '/api/auth/me/', { token: access, body: { first_name: 'Omar', last_name: 'Haddad', ...body } });
      expect(await put({})).toMatchObject({ status: 400, json: { email: ['This field is required.'] } });
      expect((await put({ email: '' })).json).toEqual({ email: ['This field may not be blank.'] });
      expect((await put({ email: null })).json).toEqual({ email: ['This field may not be null.'] });
      expect((await put({ email: 'not-an-email' })).json).toEqual({ email: ['Enter a valid email address.'] });
      expect((await put({ email: `${'x'.repeat(243)}@example.com` })).json).toEqual({ email: ['Ensure this field has no more than 254 characters.'] });
      const taken = hr.addUser({ email: 'taken@example.com', password: 'Str0ng-pass!' });
      expect((await put({ email: 'taken@example.com' })).json).toEqual({ email: ['user with this email address already exists.'] });
      hr.deleteUser(taken);
      expect((await put({ email: OMAR.email })).status).toBe(200);
    });

    it('validates the profile with the exact DRF messages', async () => {
      const { access } = await login(base, OMAR.email);
      const put = (body: unknown): Promise<Reply> => call(base, 'PUT', '/api/auth/me/', { token: access, body });
      expect((await put({})).json).toEqual({ email: ['This field is required.'], first_name: ['This field is required.'], last_name: ['This field is required.'] });
      const email = OMAR.email;
      expect((await put({ email, first_name: '', last_name: null })).json).toEqual({
        first_name: ['This field may not be blank.'],
        last_name: ['This field may not be null.'],
      });
      expect((await put({ email, first_name: 'x'.repeat(151), last_name: 'H', preferred_name: 'y'.repeat(151) })).json).toEqual({
        first_name: ['Ensure this field has no more than 150 characters.'],
        preferred_name: ['Ensure this field has no more than 150 characters.'],
      });
      const bad = await put({ email: 'bad', first_name: 'Omar', last_name: 'Haddad', birth_date: '17/05/1990', gender: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.json).toEqual({
        email: ['Enter a valid email address.'],
        gender: ['"x" is not a valid choice.'],
        birth_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
      });
      expect((await put({ email, first_name: 'Omar', last_name: 'Haddad', birth_date: '1990-02-30' })).json).toEqual({
        birth_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
      });
      expect((await call(base, 'PUT', '/api/auth/me/', { token: access, raw: 'null' })).json).toEqual({ non_field_errors: ['No data provided'] });
      expect((await call(base, 'PUT', '/api/auth/me/', { token: access, raw: '[]' })).json).toEqual({
        non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
      });
      const unchanged = await call(base, 'GET', '/api/auth/me/', { token: access });
      expect(unchanged.json).toMatchObject({ first_name: 'Omar', last_name: 'Haddad', birth_date: '1985-07-30' });
    });
  });

  describe('password flows', () => {
    it('forgot-password answers 204 for everyone and mails a one-time 32-character token to known users', async () => {
      const before = hr.outbox.messages.length;
      const unknown = await call(base, 'POST', '/api/auth/forgot-password/', { body: { email: 'nobody@example.com' } });
      expect(unknown.status).toBe(204);
      expect(unknown.text).toBe('');
      expect(hr.outbox.messages.length).toBe(before);

      const known = await call(base, 'POST', '/api/auth/forgot-password/', { body: { email: JOHN.email } });
      expect(known.status).toBe(204);
      const message = hr.outbox.latest(JOHN.email, 'password_reset');
      expect(message?.data.reset_token).toMatch(/^[A-Za-z0-9]{32}$/);
    });

    it('forgot-password validates the e-mail', async () => {
      const invalid = await call(base, 'POST', '/api/auth/forgot-password/', { body: { email: 'not-an-email' } });
      expect(invalid.status).toBe(400);
      expect(invalid.json).toEqual({ email: ['Enter a valid email address.'] });
      const missing = await call(base, 'POST', '/api/auth/forgot-password/', { body: {} });
      expect(missing.json).toEqual({ email: ['This field is required.'] });
      const blank = await call(base, 'POST', '/api/auth/forgot-password/', { body: { email: '' } });
      expect(blank.json).toEqual({ email: ['This field may not be blank.'] });
    });

    it('resets the password once with a valid token', async () => {
      const id = hr.addUser({ email: 'reset@example.com', password: 'Old-pass-123' });
      await call(base, 'POST', '/api/auth/forgot-password/', { body: { email: 'reset@example.com' } });
      const token = hr.outbox.latest('reset@example.com', 'password_reset')!.data.reset_token!;
      const reset = (body: unknown): Promise<Reply> => call(base, 'POST', '/api/auth/reset-password/', { body });

      expect((await reset({ reset_token: token, password: 'short', confirm_password: 'short' })).json).toEqual({
        password: ['This password is too short. It must contain at least 8 characters.'],
      });
      expect((await reset({ reset_token: token, password: '12345678', confirm_password: '12345678' })).json).toEqual({
        password: ['This password is too common.', 'This password is entirely numeric.'],
      });
      expect((await reset({ reset_token: token, password: '98765432101', confirm_password: '98765432101' })).json).toEqual({
        password: ['This password is entirely numeric.'],
      });
      expect((await reset({ reset_token: token, password: 'Password123', confirm_password: 'Password123' })).json).toEqual({
        password: ['This password is too common.'],
      });
      expect((await reset({ reset_token: token, password: 'New-pass-456', confirm_password: 'other-pass-456' })).json).toEqual({
        confirm_password: ['Passwords do not match.'],
      });
      expect((await reset({})).json).toEqual({
        reset_token: ['This field is required.'],
        password: ['This field is required.'],
        confirm_password: ['This field is required.'],
      });

      const ok = await reset({ reset_token: token, password: 'New-pass-456', confirm_password: 'New-pass-456' });
      expect(ok.status).toBe(204);
      expect(ok.text).toBe('');
      await login(base, 'reset@example.com', 'New-pass-456');
      const old = await call(base, 'POST', '/api/auth/token', { body: { email: 'reset@example.com', password: 'Old-pass-123' } });
      expect(old.status).toBe(401);

      const reused = await reset({ reset_token: token, password: 'Another-pass-789', confirm_password: 'Another-pass-789' });
      expect(reused.status).toBe(400);
      expect(reused.json).toEqual({ reset_token: ['Invalid or expired reset token.'] });
      hr.deleteUser(id);
    });

    it('reports an invalid token together with password problems, before the confirmation check', async () => {
      const res = await call(base, 'POST', '/api/auth/reset-password/', { body: { reset_token: 'x'.repeat(32), password: 'abc', confirm_password: 'zzz' } });
      expect(res.json).toEqual({
        reset_token: ['Invalid or expired reset token.'],
        password: ['This password is too short. It must contain at least 8 characters.'],
      });
    });

    it('expires reset tokens after an hour', async () => {
      let clock = Date.UTC(2026, 0, 1);
      const local = createHrEmulator({ now: () => clock });
      const url = await local.listen();
      try {
        await call(url, 'POST', '/api/auth/forgot-password/', { body: { email: ANA.email } });
        const token = local.outbox.latest(ANA.email, 'password_reset')!.data.reset_token!;
        clock += 3600 * 1000;
        const res = await call(url, 'POST', '/api/auth/reset-password/', { body: { reset_token: token, password: 'New-pass-456', confirm_password: 'New-pass-456' } });
        expect(res.json).toEqual({ reset_token: ['Invalid or expired reset token.'] });
        clock -= 1000;
        const ok = await call(url, 'POST', '/api/auth/reset-password/', { body: { reset_token: token, password: 'New-pass-456', confirm_password: 'New-pass-456' } });
        expect(ok.status).toBe(204);
      } finally {
        await local.close();
      }
    });

    it('changes the password of the caller; older tokens keep working', async () => {
      const id = hr.addUser({ email: 'change@example.com', password: 'Old-pass-123' });
      const { access } = await login(base, 'change@example.com', 'Old-pass-123');
      const change = (body: unknown, token: string | undefined = access): Promise<Reply> => call(base, 'POST', '/api/auth/change-password/', { token, body });

      expect((await change({ current_password: 'x', new_password: 'New-pass-456', confirm_new_password: 'New-pass-456' }, '')).status).toBe(401);
      expect((await change({ current_password: 'wrong', new_password: 'New-pass-456', confirm_new_password: 'New-pass-456' })).json).toEqual({
        current_password: ['Wrong password.'],
      });
      expect((await change({ current_password: 'Old-pass-123', new_password: '1234', confirm_new_password: '1234' })).json).toEqual({
        new_password: ['This password is too short. It must contain at least 8 characters.', 'This password is entirely numeric.'],
      });
      expect((await change({ current_password: 'Old-pass-123', new_password: 'New-pass-456', confirm_new_password: 'nope-nope-1' })).json).toEqual({
        confirm_new_password: ['Passwords do not match.'],
      });
      expect((await change({})).json).toEqual({
        current_password: ['This field is required.'],
        new_password: ['This field is required.'],
        confirm_new_password: ['This field is required.'],
      });
      const ok = await change({ current_password: 'Old-pass-123', new_password: 'New-pass-456', confirm_new_password: 'New-pass-456' });
      expect(ok.status).toBe(204);
      expect(ok.text).toBe('');
      expect(hr.getUser(id)?.password).toBe('New-pass-456');
      expect((await call(base, 'GET', '/api/auth/me/', { token: access })).status).toBe(200);
      hr.deleteUser(id);
    });
  });

  describe('leave requests', () => {
    it('lists only the caller’s own requests, newest start first, as a bare array', async () => {
      const { access } = await login(base, ANA.email);
      const res = await call(base, 'GET', '/api/leave-requests/', { token: access });
      expect(res.status).toBe(200);
      const list = res.json as Array<{ id: number; start: string; status: string; type: string; created_at: string }>;
      expect(Array.isArray(list)).toBe(true);
      expect(list.map((l) => l.id)).toEqual([5, 4, 3, 2, 1]);
      expect(new Set(list.map((l) => l.status))).toEqual(new Set(['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED']));
      expect(new Set(list.map((l) => l.type))).toEqual(new Set(['VACATION', 'SICK_LEAVE', 'PERSONAL', 'UNPAID']));
      expect(list[4]).toEqual({
        id: 1,
        start: '2025-08-04T08:00:00Z',
        end: '2025-08-15T17:00:00Z',
        description: 'Summer holiday in Asturias.',
        type: 'VACATION',
        status: 'APPROVED',
        created_at: '2025-06-02T09:14:27.318204Z',
      });
    });

    it('gets one request with or without a trailing slash and hides other users’ requests', async () => {
      const { access } = await login(base, JOHN.email);
      const one = await call(base, 'GET', '/api/leave-requests/6', { token: access });
      expect(one.status).toBe(200);
      expect(one.json).toEqual({
        id: 6,
        start: '2019-12-02T10:00:00Z',
        end: '2019-12-03T19:00:00Z',
        description: 'Gotta chill.',
        type: 'VACATION',
        status: 'REJECTED',
        created_at: '2019-11-20T08:00:00Z',
      });
      expect((await call(base, 'GET', '/api/leave-requests/6/', { token: access })).status).toBe(200);
      for (const path of ['/api/leave-requests/1', '/api/leave-requests/9999', '/api/leave-requests/abc', '/api/leave-requests/-1']) {
        const res = await call(base, 'GET', path, { token: access });
        expect(res.status).toBe(404);
        expect(res.json).toEqual({ detail: 'Not found.' });
      }
      const huge = await call(base, 'GET', '/api/leave-requests/99999999999999999999', { token: access });
      expect(huge.status).toBe(500);
      expect(huge.headers.get('content-type')).toContain('text/html');
      expect((await call(base, 'GET', '/api/leave-requests/6')).status).toBe(401);
    });

    it('creates a pending request by default with a microsecond created_at', async () => {
      const id = hr.addUser({ email: 'leave@example.com', password: 'Str0ng-pass!' });
      const { access } = await login(base, 'leave@example.com', 'Str0ng-pass!');
      const res = await call(base, 'POST', '/api/leave-requests/', {
        token: access,
        body: { start: '2019-12-02T10:00:00.000Z', end: '2019-12-03T21:00:00+02:00', type: 'VACATION', unknown: 1 },
      });
      expect(res.status).toBe(201);
      const created = res.json as Record<string, unknown>;
      expect(created).toMatchObject({ start: '2019-12-02T10:00:00Z', end: '2019-12-03T19:00:00Z', description: '', type: 'VACATION', status: 'PENDING' });
      expect(created.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/);
      expect(typeof created.id).toBe('number');

      const fractional = await call(base, 'POST', '/api/leave-requests/', {
        token: access,
        body: { start: '2020-01-01T08:00:00.5Z', end: '2020-01-01 12:30', description: 'Half day', type: 'PERSONAL', status: 'CANCELLED' },
      });
      expect(fractional.json).toMatchObject({ start: '2020-01-01T08:00:00.500000Z', end: '2020-01-01T12:30:00Z', status: 'CANCELLED' });
      hr.deleteUser(id);
    });

    it('validates a new request: field errors first, then end after start', async () => {
      const { access } = await login(base, OMAR.email);
      const post = (body: unknown): Promise<Reply> => call(base, 'POST', '/api/leave-requests/', { token: access, body });
      expect((await post({})).json).toEqual({
        start: ['This field is required.'],
        end: ['This field is required.'],
        type: ['This field is required.'],
      });
      const bad = await post({ start: '02/12/2019', end: '2019-12-01T10:00:00Z', type: 'X', description: 'd'.repeat(1001), status: 'APPROVED' });
      expect(bad.status).toBe(400);
      expect(bad.json).toEqual({
        start: ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'],
        description: ['Ensure this field has no more than 1000 characters.'],
        type: ['"X" is not a valid choice.'],
        status: ['You cannot set this status.'],
      });
      expect((await post({ start: '2019-12-02T10:00:00Z', end: '2019-12-01T10:00:00Z', type: 'X' })).json).toEqual({ type: ['"X" is not a valid choice.'] });
      expect((await post({ start: '2019-12-02T10:00:00Z', end: '2019-12-02T10:00:00Z', type: 'SICK_LEAVE' })).json).toEqual({ end: ['End must be after start.'] });
      expect((await post({ start: '2019-12-02T10:00:00Z', end: '2019-12-03T10:00:00Z', type: 'SICK_LEAVE', status: 'REJECTED' })).json).toEqual({
        status: ['You cannot set this status.'],
      });
      expect((await post({ start: '2019-12-02T25:00:00Z', end: null, type: 'SICK_LEAVE', status: 'nope' })).json).toEqual({
        start: ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'],
        end: ['This field may not be null.'],
        status: ['"nope" is not a valid choice.'],
      });
      expect(hr.leaveRequestsOf(OMAR.id)).toHaveLength(2);
    });

    it('updates a pending request and only lets a decided one be cancelled', async () => {
      const userId = hr.addUser({ email: 'update@example.com', password: 'Str0ng-pass!' });
      const pending = hr.addLeaveRequest(userId, { start: '2026-05-01T08:00:00Z', end: '2026-05-02T17:00:00Z', type: 'VACATION' });
      const approved = hr.addLeaveRequest(userId, { start: '2026-06-01T08:00:00Z', end: '2026-06-02T17:00:00Z', type: 'VACATION', status: 'APPROVED' });
      const { access } = await login(base, 'update@example.com', 'Str0ng-pass!');
      const put = (id: number, body: unknown): Promise<Reply> => call(base, 'PUT', `/api/leave-requests/${id}`, { token: access, body });

      const updated = await put(pending, { start: '2026-05-03T08:00:00Z', end: '2026-05-04T17:00:00Z', type: 'PERSONAL', description: 'Moved.' });
      expect(updated.status).toBe(200);
      expect(updated.json).toMatchObject({ id: pending, start: '2026-05-03T08:00:00Z', type: 'PERSONAL', description: 'Moved.', status: 'PENDING' });
      expect((await put(pending, { start: '2026-05-03T08:00:00Z' })).json).toEqual({ end: ['This field is required.'], type: ['This field is required.'] });
      expect((await put(pending, { start: '2026-05-05T08:00:00Z', end: '2026-05-04T17:00:00Z', type: 'PERSONAL' })).json).toEqual({ end: ['End must be after start.'] });

      const body = { start: '2026-06-01T08:00:00Z', end: '2026-06-02T17:00:00Z', type: 'VACATION' };
      expect((await put(approved, body)).json).toEqual({ non_field_errors: ['Only pending requests can be edited.'] });
      expect((await put(approved, { ...body, status: 'PENDING' })).json).toEqual({ non_field_errors: ['Only pending requests can be edited.'] });
      expect((await put(approved, { ...body, status: 'APPROVED' })).json).toEqual({ status: ['You cannot set this status.'] });
      const cancelled = await put(approved, { ...body, status: 'CANCELLED' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.json).toMatchObject({ status: 'CANCELLED' });

      hr.setLeaveStatus(pending, 'REJECTED');
      expect((await call(base, 'GET', `/api/leave-requests/${pending}/`, { token: access })).json).toMatchObject({ status: 'REJECTED' });

      const { access: other } = await login(base, ANA.email);
      expect((await call(base, 'PUT', `/api/leave-requests/${pending}`, { token: other, body })).json).toEqual({ detail: 'Not found.' });
      hr.deleteUser(userId);
    });

    it('deletes the caller’s request with 204 and 404s someone else’s', async () => {
      const userId = hr.addUser({ email: 'delete@example.com', password: 'Str0ng-pass!' });
      const leave = hr.addLeaveRequest(userId, { start: new Date('2026-05-01T08:00:00Z'), end: new Date('2026-05-02T17:00:00Z'), status: 'APPROVED' });
      const { access: other } = await login(base, ANA.email);
      const foreign = await call(base, 'DELETE', `/api/leave-requests/${leave}`, { token: other });
      expect(foreign.status).toBe(404);
      expect(foreign.json).toEqual({ detail: 'Not found.' });

      const { access } = await login(base, 'delete@example.com', 'Str0ng-pass!');
      const res = await call(base, 'DELETE', `/api/leave-requests/${leave}`, { token: access });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(hr.getLeaveRequest(leave)).toBeUndefined();
      expect((await call(base, 'DELETE', `/api/leave-requests/${leave}`, { token: access })).status).toBe(404);
      hr.deleteUser(userId);
    });
  });

  describe('faults and the request log', () => {
    it('logs requests and injects failures', async () => {
      hr.server.clearLog();
      hr.server.addFault({ method: 'GET', path: '/api/auth/me/', sequence: [503, 'pass'] });
      const { access } = await login(base, ANA.email);
      expect((await call(base, 'GET', '/api/auth/me/', { token: access })).status).toBe(503);
      expect((await call(base, 'GET', '/api/auth/me/', { token: access })).status).toBe(200);
      expect(hr.server.count('GET', '/api/auth/me/')).toBe(2);
      expect(hr.server.count('POST', '/api/auth/token')).toBe(1);
      expect(hr.server.requests.find((r) => r.path === '/api/auth/token')?.body).toContain(DEMO_PASSWORD);
      hr.server.clearFaults();
    });
  });
});

describe('hr emulator options', () => {
  it('paginates the leave-request list with DRF envelopes when a page size is set', async () => {
    const hr = createHrEmulator({ pageSize: 2 });
    const base = await hr.listen();
    try {
      const { access } = await login(base, ANA.email);
      const first = await call(base, 'GET', '/api/leave-requests/?x=1', { token: access });
      const page1 = first.json as { count: number; next: string | null; previous: string | null; results: Array<{ id: number }> };
      expect(page1.count).toBe(5);
      expect(page1.results.map((r) => r.id)).toEqual([5, 4]);
      expect(page1.previous).toBeNull();
      expect(page1.next).toBe(`${base}/api/leave-requests/?x=1&page=2`);
      const last = await call(base, 'GET', '/api/leave-requests/?page=3', { token: access });
      expect(last.json).toMatchObject({ next: null, previous: `${base}/api/leave-requests/?page=2`, results: [{ id: 1 }] });
      const beyond = await call(base, 'GET', '/api/leave-requests/?page=4', { token: access });
      expect(beyond.status).toBe(404);
      expect(beyond.json).toEqual({ detail: 'Invalid page.' });
      hr.pageSize = undefined;
      expect(Array.isArray((await call(base, 'GET', '/api/leave-requests/', { token: access })).json)).toBe(true);
    } finally {
      await hr.close();
    }
  });

  it('expires access tokens on the injected clock and rotates refresh tokens when asked', async () => {
    let clock = Date.UTC(2026, 2, 1, 12);
    const hr = createHrEmulator({ now: () => clock, accessLifetimeSeconds: 1, refreshLifetimeSeconds: 10, rotateRefreshTokens: true });
    const base = await hr.listen();
    try {
      const pair = await login(base, JOHN.email);
      clock += 1000;
      const expired = await call(base, 'GET', '/api/auth/me/', { token: pair.access });
      expect(expired.status).toBe(401);
      expect(expired.json).toEqual(TOKEN_NOT_VALID);

      const rotated = await call(base, 'POST', '/api/auth/refresh', { body: { refresh: pair.refresh } });
      const body = rotated.json as { access: string; refresh: string };
      expect(Object.keys(body).sort()).toEqual(['access', 'refresh']);
      expect((await call(base, 'GET', '/api/auth/me/', { token: body.access })).status).toBe(200);
      const reused = await call(base, 'POST', '/api/auth/refresh', { body: { refresh: pair.refresh } });
      expect(reused.json).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });

      hr.jwt.rotateRefreshTokens = false;
      clock += 10_000;
      const stale = await call(base, 'POST', '/api/auth/refresh', { body: { refresh: body.refresh } });
      expect(stale.json).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });

      const created = hr.addLeaveRequest(2, { start: '2026-04-01T08:00:00Z', end: '2026-04-01T17:00:00Z' });
      expect(hr.getLeaveRequest(created)?.created_at).toBe('2026-03-01T12:00:11Z');
    } finally {
      await hr.close();
    }
  });

  it('starts empty without demo data and prints mail through onOutbox', async () => {
    const mails: string[] = [];
    const hr = createHrEmulator({ demo: false, onOutbox: (m) => mails.push(m.to) });
    const base = await hr.listen();
    try {
      expect((await call(base, 'POST', '/api/auth/token', { body: { email: ANA.email, password: DEMO_PASSWORD } })).status).toBe(401);
      const id = hr.addUser({ email: 'First@Example.com', password: 'Str0ng-pass!' });
      expect(id).toBe(1);
      await call(base, 'POST', '/api/auth/forgot-password/', { body: { email: 'first@example.com' } });
      expect(mails).toEqual(['First@Example.com']);
    } finally {
      await hr.close();
    }
  });
});
