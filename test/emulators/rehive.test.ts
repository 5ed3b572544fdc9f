import { authenticator as otp } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY, REHIVE_DEMO_TOTP_SECRET, REHIVE_DEMO_USERS } from '../../src/emulators/demo-logins.js';
import { createRehiveEmulator, type RehiveEmulator } from '../../src/emulators/rehive/index.js';
import { ISO3166_ALPHA2 } from '../../src/validation/iso3166.js';

const PASSWORD = 'Sturdy-passphrase-42';
const COMPANY = 'acme';

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Token ${options.token}`;
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body: payload, redirect: 'manual' });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // HTML bodies stay text
  }
  return { status: response.status, body, headers: response.headers };
}

const totpNow = (secret: string, at = Date.now()): string => otp.clone({ epoch: at }).generate(secret);

describe('rehive emulator', () => {
  let emu: RehiveEmulator;
  let base: string;
  let seq = 0;
  const post = (path: string, body?: unknown, token?: string) => call(base, 'POST', path, { body, token });
  const get = (path: string, token?: string) => call(base, 'GET', path, { token });
  const del = (path: string, token?: string) => call(base, 'DELETE', path, { token });

  /** A fresh user of `acme` (its own throttle bucket) and a logged-in token. */
  async function freshUser(extra: Record<string, unknown> = {}): Promise<{ email: string; token: string; id: string }> {
    seq += 1;
    const email = `user${seq}@acme.example.com`;
    const user = emu.addUser({ email, company: COMPANY, password: PASSWORD, verified: true, ...extra });
    const login = await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD });
    expect(login.status).toBe(200);
    return { email, token: login.body.data.token, id: user.id };
  }

  /** A user with a second login, a permanent API token and a timed API token, plus another user's login. */
  async function sessions() {
    const { email, token } = await freshUser();
    const other = (await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD })).body.data.token as string;
    const api = (await post('/3/auth/tokens/', { password: PASSWORD }, token)).body.data.token as string;
    const timed = (await post('/3/auth/tokens/', { password: PASSWORD, duration: 3600 }, token)).body.data.token as string;
    const stranger = (await freshUser()).token;
    const alive = async () => {
      const statuses = await Promise.all([token, other, api, timed, stranger].map(async (t) => (await get('/3/auth/', t)).status === 200));
      const [self, otherSession, permanent, timedToken, strangerSession] = statuses;
      return { self, otherSession, permanent, timedToken, strangerSession };
    };
    return { email, token, alive };
  }

  beforeAll(async () => {
    emu = createRehiveEmulator();
    emu.addCompany(COMPANY, 'Acme');
    base = await emu.listen();
  });
  afterAll(() => emu.close());

  describe('envelope, routing, parsing', () => {
    it('answers an unknown URL with a 404 envelope', async () => {
      const reply = await get('/3/auth/nope/');
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ status: 'error', message: 'Not found.' });
    });

    it('answers a wrong method with a 405 envelope', async () => {
      const reply = await call(base, 'PUT', '/3/auth/login/', { body: {} });
      expect(reply.status).toBe(405);
      expect(reply.body).toEqual({ status: 'error', message: 'Method "PUT" not allowed.' });
      expect((await get('/3/auth/login/')).status).toBe(405);
    });

    it('redirects a path without its trailing slash (301, empty body)', async () => {
      const reply = await call(base, 'POST', '/3/auth/login', { body: {} });
      expect(reply.status).toBe(301);
      expect(reply.headers.get('location')).toBe('/3/auth/login/');
      expect(reply.body).toBeUndefined();
      expect((await get('/3/auth/login//')).status).toBe(404);
    });

    it('rejects malformed JSON and other content types', async () => {
      const malformed = await post('/3/auth/login/', '{nope');
      expect(malformed.status).toBe(400);
      expect(malformed.body.status).toBe('error');
      expect(malformed.body.message).toMatch(/^JSON parse error/);
      const text = await call(base, 'POST', '/3/auth/login/', { body: 'x', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(415);
      expect(text.body).toEqual({ status: 'error', message: 'Unsupported media type "text/plain" in request.' });
    });

    it('logs requests and injects faults', async () => {
      emu.server.addFault({ path: '/3/auth/', sequence: [503] });
      const { token } = await freshUser();
      expect((await get('/3/auth/', token)).status).toBe(503);
      expect((await get('/3/auth/', token)).status).toBe(200);
      expect(emu.server.count('GET', '/3/auth/')).toBeGreaterThanOrEqual(2);
    });
  });

  describe('login and auth state', () => {
    it('logs in by e-mail and returns a 64-character token with only the user id', async () => {
      const { email, id } = await freshUser();
      const reply = await post('/3/auth/login/', { user: email.toUpperCase(), company: COMPANY, password: PASSWORD, auth_method: 'token' });
      expect(reply.status).toBe(200);
      expect(reply.body.status).toBe('success');
      const data = reply.body.data;
      expect(data.token).toMatch(/^\w{64}$/);
      expect(data.user).toEqual({ id });
      expect(data.challenges).toEqual([]);
      expect(Number.isInteger(data.created)).toBe(true);
      expect(data.expires - data.created).toBe(36_000_000);
    });

    it('logs in by username or mobile and honours session_duration', async () => {
      emu.addUser({ email: 'named@acme.example.com', username: 'named', mobile: '+15550109999', company: COMPANY, password: PASSWORD });
      const byName = await post('/3/auth/login/', { user: 'named', company: COMPANY, password: PASSWORD, session_duration: 60 });
      expect(byName.status).toBe(200);
      expect(byName.body.data.expires - byName.body.data.created).toBe(60_000);
      const byMobile = await post('/3/auth/login/', { user: '+15550109999', company: COMPANY, password: PASSWORD });
      expect(byMobile.status).toBe(200);
    });

    it('takes a session_duration of 0 or null as the default lifetime; a negative one is a field error', async () => {
      const { email } = await freshUser();
      for (const session_duration of [0, null]) {
        const reply = await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD, session_duration });
        expect(reply.status).toBe(200);
        expect(reply.body.data.expires - reply.body.data.created).toBe(36_000_000);
      }
      const negative = await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD, session_duration: -1 });
      expect(negative.body).toEqual({
        status: 'error',
        message: 'Ensure this value is greater than or equal to 0.',
        data: { session_duration: ['Ensure this value is greater than or equal to 0.'] },
      });
    });

    it('rejects wrong credentials, an unknown company and missing fields', async () => {
      const { email } = await freshUser();
      const wrong = await post('/3/auth/login/', { user: email, company: COMPANY, password: 'nope-nope' });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toEqual({ status: 'error', message: 'Unable to log in with provided credentials.' });
      const company = await post('/3/auth/login/', { user: email, company: 'other', password: PASSWORD });
      expect(company.body.message).toBe('Unable to log in with provided credentials.');
      const missing = await post('/3/auth/login/', { user: email });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({
        status: 'error',
        message: 'This field is required.',
        data: { company: ['This field is required.'], password: ['This field is required.'] },
      });
      const long = await post('/3/auth/login/', { user: email, company: COMPANY, password: 'x'.repeat(129) });
      expect(long.body.data).toEqual({ password: ['Ensure this field has no more than 128 characters.'] });
    });

    it('throttles the 7th login of a minute per user and company with 429 + Retry-After', async () => {
      const { email } = await freshUser(); // one login already
      for (let i = 0; i < 5; i += 1) expect((await post('/3/auth/login/', { user: email, company: COMPANY, password: 'bad' })).status).toBe(400);
      const throttled = await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD });
      expect(throttled.status).toBe(429);
      expect(throttled.body.status).toBe('error');
      expect(throttled.body.message).toMatch(/^Request was throttled: login\. Expected available in \d+ seconds\.$/);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      emu.resetThrottles();
      expect((await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD })).status).toBe(200);
    });

    it('GET /3/auth/ returns the user, the token key and no challenges', async () => {
      const { email, token, id } = await freshUser();
      const reply = await get('/3/auth/', token);
      expect(reply.status).toBe(200);
      const { user, token: tokenInfo, challenges } = reply.body.data;
      expect(user).toMatchObject({ id, email, company: COMPANY, verified: true, verification: { email: true, mobile: false }, status: 'verified' });
      expect(user.groups).toEqual([{ name: 'user', label: 'User' }]);
      for (const key of ['username', 'mobile', 'first_name', 'middle_name', 'last_name', 'id_number', 'birth_date', 'language', 'nationality', 'residency', 'gender', 'title', 'marital_status', 'timezone', 'created', 'updated'])
        expect(user).toHaveProperty(key);
      expect(tokenInfo.token_key).toBe(token.slice(0, 8));
      expect(challenges).toEqual([]);
    });

    it('GET /3/auth/ describes the calling token: key, expiry and creation in epoch ms (expires null for an API token)', async () => {
      const { email } = await freshUser();
      const login = (await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD, session_duration: 120 })).body.data;
      expect((await get('/3/auth/', login.token)).body.data.token).toEqual({ token_key: login.token.slice(0, 8), expires: login.expires, created: login.created });
      expect(login.expires - login.created).toBe(120_000);
      const api = (await post('/3/auth/tokens/', { password: PASSWORD }, login.token)).body.data;
      expect((await get('/3/auth/', api.token)).body.data.token).toEqual({ token_key: api.token.slice(0, 8), expires: null, created: api.created });
    });

    it('answers 401 "Invalid token." without, with a bad or a malformed token', async () => {
      const variants: Array<Record<string, string>> = [{}, { authorization: 'Token nope' }, { authorization: 'Token' }, { authorization: 'Bearer x' }];
      for (const headers of variants) {
        const reply = await call(base, 'GET', '/3/auth/', { headers });
        expect(reply.status).toBe(401);
        expect(reply.body).toEqual({ status: 'error', message: 'Invalid token.' });
      }
    });

    it('turns a public endpoint into a 401 when a stale token is sent', async () => {
      const reply = await post('/3/auth/password/reset/', { user: 'x', company: COMPANY }, 'stale-token');
      expect(reply.status).toBe(401);
    });
  });

  describe('logout', () => {
    it('none ends only the calling token', async () => {
      const { token, alive } = await sessions();
      expect(await post('/3/auth/logout/', { clear_session_option: 'none' }, token)).toMatchObject({ status: 200, body: { status: 'success' } });
      expect(await alive()).toEqual({ self: false, otherSession: true, permanent: true, timedToken: true, strangerSession: true });
    });

    it('temporary (the default) ends every token with an expiry, not the permanent API tokens', async () => {
      for (const body of [{}, { clear_session_option: 'temporary' }]) {
        const { token, alive } = await sessions();
        expect(await post('/3/auth/logout/', body, token)).toMatchObject({ status: 200, body: { status: 'success' } });
        expect(await alive()).toEqual({ self: false, otherSession: false, permanent: true, timedToken: false, strangerSession: true });
      }
    });

    it('all ends every token of the user, permanent API tokens too', async () => {
      const { token, alive } = await sessions();
      expect((await post('/3/auth/logout/', { clear_session_option: 'all' }, token)).status).toBe(200);
      expect(await alive()).toEqual({ self: false, otherSession: false, permanent: false, timedToken: false, strangerSession: true });
    });

    it('rejects an unknown option', async () => {
      const { token } = await freshUser();
      const reply = await post('/3/auth/logout/', { clear_session_option: 'forever' }, token);
      expect(reply.status).toBe(400);
      expect(reply.body.data).toEqual({ clear_session_option: ['"forever" is not a valid choice.'] });
    });
  });

  describe('register', () => {
    const valid = (email: string) => ({
      first_name: 'Zoë',
      last_name: 'Ng',
      email,
      mobile: '+15550123456',
      company: COMPANY,
      password: PASSWORD,
      nationality: 'ZA',
      residency: 'GB',
      gender: 'female',
      title: 'ms',
      marital_status: 'single',
      birth_date: '1990-02-28',
      terms_and_conditions: true,
      groups: ['user'],
    });

    it('creates a user (201) with the full user object and sends verification messages', async () => {
      const reply = await post('/3/auth/register/', valid('zoe@acme.example.com'));
      expect(reply.status).toBe(201);
      const { token, user, challenges, expires, created } = reply.body.data;
      expect(token).toHaveLength(64);
      expect(challenges).toEqual([]);
      expect(expires - created).toBe(36_000_000);
      expect(user).toMatchObject({ email: 'zoe@acme.example.com', nationality: 'ZA', verified: false, status: 'pending', verification: { email: false, mobile: false } });

      const key = emu.outbox.latest('zoe@acme.example.com', 'email_verification')!.data.key!;
      const bad = await post('/3/auth/email/verify/', { key: 'wrong' });
      expect(bad.status).toBe(400);
      expect(bad.body.status).toBe('error');
      expect((await post('/3/auth/email/verify/', { key })).body).toEqual({ status: 'success' });
      expect((await post('/3/auth/email/verify/', { key })).status).toBe(400);
      expect(emu.user('zoe@acme.example.com')!.verification.email).toBe(true);

      const otpCode = emu.outbox.latest('+15550123456', 'mobile_verification')!.data.otp!;
      expect((await post('/3/auth/mobile/verify/', { otp: '000000x' }, token)).status).toBe(400);
      expect((await post('/3/auth/mobile/verify/', { otp: 'x'.repeat(25) }, token)).body.data).toEqual({ otp: ['Ensure this field has no more than 24 characters.'] });
      expect((await post('/3/auth/mobile/verify/', { otp: otpCode }, token)).status).toBe(200);
      expect((await get('/3/auth/', token)).body.data.user.verification).toEqual({ email: true, mobile: true });
    });

    it('reports duplicates, an unknown company and a weak password as field errors', async () => {
      await post('/3/auth/register/', { email: 'dup@acme.example.com', company: COMPANY, password: PASSWORD });
      const dup = await post('/3/auth/register/', { email: 'DUP@acme.example.com', company: COMPANY, password: PASSWORD });
      expect(dup.status).toBe(400);
      expect(dup.body).toEqual({ status: 'error', message: 'A user with that email already exists.', data: { email: ['A user with that email already exists.'] } });
      const company = await post('/3/auth/register/', { email: 'x@acme.example.com', company: 'ghost', password: PASSWORD });
      expect(company.body.data).toEqual({ company: ['Company does not exist.'] });
      const weak = await post('/3/auth/register/', { email: 'w@acme.example.com', company: COMPANY, password: '1234' });
      expect(weak.body.data.password).toEqual(['This password is too short. It must contain at least 8 characters.', 'This password is entirely numeric.']);
      const missing = await post('/3/auth/register/', { email: 'm@acme.example.com', password: PASSWORD });
      expect(missing.body.data).toEqual({ company: ['This field is required.'] });
    });

    it('enforces the original field limits and enums', async () => {
      const reply = await post('/3/auth/register/', {
        company: 'c'.repeat(101),
        first_name: 'f'.repeat(51),
        last_name: 'l'.repeat(51),
        username: 'u'.repeat(151),
        email: 'not-an-email',
        id_number: 'i'.repeat(25),
        language: 'x'.repeat(25),
        timezone: 't'.repeat(101),
        password: 'p'.repeat(129),
        gender: 'robot',
        title: 'dr',
        marital_status: 'complicated',
        nationality: 'XX',
        residency: 'uk',
        birth_date: '1990-02-30',
        groups: ['user', 'admin'],
      });
      expect(reply.status).toBe(400);
      const more = (n: number) => [`Ensure this field has no more than ${n} characters.`];
      expect(reply.body.data).toEqual({
        company: more(100),
        first_name: more(50),
        last_name: more(50),
        username: more(150),
        email: ['Enter a valid email address.'],
        id_number: more(24),
        language: more(24),
        timezone: more(100),
        password: more(128),
        gender: ['"robot" is not a valid choice.'],
        title: ['"dr" is not a valid choice.'],
        marital_status: ['"complicated" is not a valid choice.'],
        nationality: ['"XX" is not a valid choice.'],
        residency: ['"uk" is not a valid choice.'],
        birth_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
        groups: ['Ensure this field has no more than 1 elements.'],
      });
      expect(reply.body.message).toBe('Ensure this field has no more than 100 characters.');
    });

    it('accepts blank nationality and null choices', async () => {
      const reply = await post('/3/auth/register/', { email: 'blank@acme.example.com', company: COMPANY, password: PASSWORD, nationality: '', gender: null, groups: [] });
      expect(reply.status).toBe(201);
    });

    it('registers a company whose first user is its admin', async () => {
      const reply = await post('/3/auth/company/register/', { email: 'boss@newco.example.com', company: { id: 'newco', name: 'New Co' }, password: PASSWORD });
      expect(reply.status).toBe(201);
      expect(reply.body.data.user).toMatchObject({ company: 'newco', groups: [{ name: 'admin', label: 'Admin' }] });
      const again = await post('/3/auth/company/register/', { email: 'b2@newco.example.com', company: { id: 'newco' }, password: PASSWORD });
      expect(again.status).toBe(400);
      expect(again.body.data).toEqual({ company: { id: ['company with this id already exists.'] } });
      const missing = await post('/3/auth/company/register/', { email: 'b3@newco.example.com', password: PASSWORD });
      expect(missing.body.data).toEqual({ company: ['This field is required.'] });
    });

    const profile = {
      first_name: 'Zoë',
      last_name: 'Ng',
      username: 'zoe.ng',
      id_number: '8001015009087',
      birth_date: '1980-01-01',
      language: 'af',
      gender: 'not_specified',
      title: 'mx',
      marital_status: 'widowed',
      nationality: 'ZA',
      residency: 'NA',
      timezone: 'Africa/Johannesburg',
    };
    /** The user as GET /3/auth/ must show it after registering `profile` (no middle_name in the Register schema). */
    const readBack = (email: string, company: string, groups: Array<{ name: string; label: string }>) => ({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email,
      mobile: '+15550133333',
      middle_name: '',
      ...profile,
      company,
      groups,
      verified: false,
      verification: { email: false, mobile: false },
      status: 'pending',
      created: expect.any(Number),
      updated: expect.any(Number),
    });

    it('stores every profile field of the Register schema and GET /3/auth/ reads them back; middle_name is not one', async () => {
      const reply = await post('/3/auth/register/', { ...profile, email: 'full@acme.example.com', mobile: '+15550133333', middle_name: 'Q', company: COMPANY, password: PASSWORD });
      expect(reply.status).toBe(201);
      const expected = readBack('full@acme.example.com', COMPANY, [{ name: 'user', label: 'User' }]);
      expect(reply.body.data.user).toEqual(expected);
      expect((await get('/3/auth/', reply.body.data.token)).body.data.user).toEqual(expected);
    });

    it('company registration stores the same profile fields and ignores session_duration and groups, which its schema lacks', async () => {
      const body = { ...profile, email: 'owner@fullco.example.com', mobile: '+15550133333', company: { id: 'fullco', name: 'Full Co' }, password: PASSWORD };
      const reply = await post('/3/auth/company/register/', { ...body, session_duration: 60, groups: ['user'] });
      expect(reply.status).toBe(201);
      const { token, user, expires, created } = reply.body.data;
      expect(expires - created).toBe(36_000_000);
      const expected = readBack('owner@fullco.example.com', 'fullco', [{ name: 'admin', label: 'Admin' }]);
      expect(user).toEqual(expected);
      expect((await get('/3/auth/', token)).body.data.user).toEqual(expected);
    });

    it('register takes a session_duration of 0 as the default lifetime', async () => {
      const reply = await post('/3/auth/register/', { email: 'zero@acme.example.com', company: COMPANY, password: PASSWORD, session_duration: 0 });
      expect(reply.body.data.expires - reply.body.data.created).toBe(36_000_000);
      const short = await post('/3/auth/register/', { email: 'short@acme.example.com', company: COMPANY, password: PASSWORD, session_duration: 60 });
      expect(short.body.data.expires - short.body.data.created).toBe(60_000);
    });

    it('reads the name a company was registered with from GET /3/company/', async () => {
      const reply = await post('/3/auth/company/register/', { email: 'named@namedco.example.com', company: { id: 'namedco', name: 'Named & Co' }, password: PASSWORD });
      const { token, user } = reply.body.data;
      expect(user.company).toBe('namedco');
      const company = await get('/3/company/', token);
      expect(company.status).toBe(200);
      expect(company.body).toEqual({ status: 'success', data: { id: 'namedco', name: 'Named & Co', created: expect.any(Number), updated: expect.any(Number) } });
      const unnamed = (await post('/3/auth/company/register/', { email: 'x@plainco.example.com', company: { id: 'plainco' }, password: PASSWORD })).body.data;
      expect((await get('/3/company/', unnamed.token)).body.data.name).toBe('plainco');
      expect((await get('/3/company/')).status).toBe(401);
    });

    it('resends verification e-mails without telling whether the address exists', async () => {
      const before = emu.outbox.messages.length;
      expect((await post('/3/auth/email/verify/resend/', { email: 'ghost@acme.example.com', company: COMPANY })).body).toEqual({ status: 'success' });
      expect(emu.outbox.messages.length).toBe(before);
      await post('/3/auth/register/', { email: 'resend@acme.example.com', mobile: '+15550177777', company: COMPANY, password: PASSWORD });
      const first = emu.outbox.latest('resend@acme.example.com', 'email_verification')!.data.key;
      expect((await post('/3/auth/email/verify/resend/', { email: 'resend@acme.example.com', company: COMPANY })).status).toBe(200);
      expect(emu.outbox.latest('resend@acme.example.com', 'email_verification')!.data.key).not.toBe(first);
      expect((await post('/3/auth/mobile/verify/resend/', { mobile: '+15550177777', company: COMPANY })).status).toBe(200);
      expect((await post('/3/auth/email/verify/resend/', { email: 'bad', company: COMPANY })).body.data).toEqual({ email: ['Enter a valid email address.'] });
    });
  });

  describe('passwords', () => {
    it('changes the password; a wrong old password is a field error', async () => {
      const { email, token } = await freshUser();
      const other = (await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD })).body.data.token;
      const wrong = await post('/3/auth/password/change/', { old_password: 'nope', new_password: 'Another-pass-99' }, token);
      expect(wrong.status).toBe(400);
      expect(wrong.body).toEqual({ status: 'error', message: 'Invalid password.', data: { old_password: ['Invalid password.'] } });
      const changed = await post('/3/auth/password/change/', { old_password: PASSWORD, new_password: 'Another-pass-99' }, token);
      expect(changed.body).toEqual({ status: 'success' });
      expect((await get('/3/auth/', token)).status).toBe(200);
      expect((await get('/3/auth/', other)).status).toBe(401);
      expect((await post('/3/auth/login/', { user: email, company: COMPANY, password: 'Another-pass-99' })).status).toBe(200);
    });

    it('resets a password by uid + token from the outbox, once', async () => {
      const { email, token } = await freshUser();
      const before = emu.outbox.messages.length;
      expect((await post('/3/auth/password/reset/', { user: 'nobody@acme.example.com', company: COMPANY })).body).toEqual({ status: 'success' });
      expect(emu.outbox.messages.length).toBe(before);
      expect((await post('/3/auth/password/reset/', { user: email, company: COMPANY, force: false })).status).toBe(200);
      const { uid, token: resetToken } = emu.outbox.latest(email, 'password_reset')!.data;
      const bad = await post('/3/auth/password/reset/confirm/', { uid, token: 'wrong', new_password: 'Reset-pass-77' });
      expect(bad.status).toBe(400);
      expect(bad.body.status).toBe('error');
      const weak = await post('/3/auth/password/reset/confirm/', { uid, token: resetToken, new_password: 'short' });
      expect(weak.body.data.new_password[0]).toMatch(/too short/);
      expect((await post('/3/auth/password/reset/confirm/', { uid, token: resetToken, new_password: 'Reset-pass-77' })).status).toBe(200);
      expect((await post('/3/auth/password/reset/confirm/', { uid, token: resetToken, new_password: 'Reset-pass-78' })).status).toBe(400);
      expect((await get('/3/auth/', token)).status).toBe(401);
      expect((await post('/3/auth/login/', { user: email, company: COMPANY, password: 'Reset-pass-77' })).status).toBe(200);
    });
    it('validates force as a DRF boolean; with either value a known user gets the reset message', async () => {
      const { email } = await freshUser();
      for (const force of [true, 'yes', false]) {
        const before = emu.outbox.messages.length;
        expect((await post('/3/auth/password/reset/', { user: email, company: COMPANY, force })).body).toEqual({ status: 'success' });
        expect(emu.outbox.messages.length).toBe(before + 1);
        expect(emu.outbox.latest(email, 'password_reset')!.data).toEqual({ uid: expect.any(String), token: expect.any(String), company: COMPANY });
      }
      const before = emu.outbox.messages.length;
      expect((await post('/3/auth/password/reset/', { user: 'ghost@acme.example.com', company: COMPANY, force: true })).status).toBe(200);
      expect(emu.outbox.messages.length).toBe(before);
      expect((await post('/3/auth/password/reset/', { user: email, company: COMPANY, force: 'maybe' })).body).toEqual({
        status: 'error',
        message: 'Must be a valid boolean.',
        data: { force: ['Must be a valid boolean.'] },
      });
      expect((await post('/3/auth/password/reset/', { user: email, company: COMPANY, force: null })).body.data).toEqual({ force: ['This field may not be null.'] });
    });

    it('honours clear_session_option on password change; the calling token always survives', async () => {
      const expected = {
        none: { self: true, otherSession: true, permanent: true, timedToken: true, strangerSession: true },
        temporary: { self: true, otherSession: false, permanent: true, timedToken: false, strangerSession: true },
        all: { self: true, otherSession: false, permanent: false, timedToken: false, strangerSession: true },
      };
      for (const [option, alive] of Object.entries(expected)) {
        const { token, alive: check } = await sessions();
        const changed = await post('/3/auth/password/change/', { old_password: PASSWORD, new_password: 'Another-pass-99', clear_session_option: option }, token);
        expect(changed.body).toEqual({ status: 'success' });
        expect(await check()).toEqual(alive);
      }
    });

    it('honours clear_session_option on reset confirm (default temporary)', async () => {
      const expected: Array<[Record<string, string>, Record<string, boolean>]> = [
        [{ clear_session_option: 'none' }, { self: true, otherSession: true, permanent: true, timedToken: true, strangerSession: true }],
        [{}, { self: false, otherSession: false, permanent: true, timedToken: false, strangerSession: true }],
        [{ clear_session_option: 'temporary' }, { self: false, otherSession: false, permanent: true, timedToken: false, strangerSession: true }],
        [{ clear_session_option: 'all' }, { self: false, otherSession: false, permanent: false, timedToken: false, strangerSession: true }],
      ];
      for (const [option, alive] of expected) {
        const { email, alive: check } = await sessions();
        await post('/3/auth/password/reset/', { user: email, company: COMPANY });
        const { uid, token } = emu.outbox.latest(email, 'password_reset')!.data;
        expect((await post('/3/auth/password/reset/confirm/', { uid, token, new_password: 'Reset-pass-77', ...option })).body).toEqual({ status: 'success' });
        expect(await check()).toEqual(alive);
      }
    });
  });

  describe('deactivation and deletion', () => {
    for (const [path, kind] of [
      ['/3/auth/deactivate/', 'deactivation'],
      ['/3/auth/request-delete/', 'deletion'],
    ] as const) {
      it(`${kind}: the e-mailed key ends the account`, async () => {
        const { email, token } = await freshUser();
        expect((await post(path, { user: 'ghost', company: COMPANY })).status).toBe(200);
        expect((await post(path, { user: email })).body.data).toEqual({ company: ['This field is required.'] });
        expect((await post(path, { user: email, company: COMPANY })).body).toEqual({ status: 'success' });
        const key = emu.outbox.latest(email, kind)!.data.key;
        expect((await post(`${path}verify/`, { key: 'wrong' })).status).toBe(400);
        expect((await post(`${path}verify/`, { key })).body).toEqual({ status: 'success' });
        expect((await get('/3/auth/', token)).status).toBe(401);
        expect((await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD })).status).toBe(400);
        expect((await post(`${path}verify/`, { key })).status).toBe(400);
      });
    }

    it('deactivateUser() ends the account at once', async () => {
      const { email, token } = await freshUser();
      emu.deactivateUser(email);
      expect((await get('/3/auth/', token)).status).toBe(401);
    });
  });

  describe('multi-factor authentication', () => {
    it('creates an unmasked TOTP authenticator, lists it masked and verifies it with a real code', async () => {
      const { email, token } = await freshUser();
      const created = await post('/3/auth/mfa/authenticators/', { type: 'totp' }, token);
      expect(created.status).toBe(201);
      const authenticator = created.body.data;
      expect(authenticator).toMatchObject({ type: 'totp', verified: false, details: { algorithm: 'SHA1', account: email, issuer: COMPANY } });
      expect(authenticator.details.key).toMatch(/^[A-Z2-7]{32}$/);
      expect(authenticator.details.otpauth_url).toMatch(/^otpauth:\/\/totp\//);
      expect(authenticator.id).toMatch(/^[a-zA-Z0-9_-]+$/);

      const listed = await get('/3/auth/mfa/authenticators/', token);
      expect(listed.body.data).toMatchObject({ count: 1, next: null, previous: null });
      expect(listed.body.data.results[0].details).not.toHaveProperty('key');
      expect(listed.body.data.results[0].details).not.toHaveProperty('otpauth_url');
      const one = await get(`/3/auth/mfa/authenticators/${authenticator.id}/`, token);
      expect(one.body.data.details).not.toHaveProperty('key');

      const wrong = await post('/3/auth/mfa/verify/', { authenticator: authenticator.id, token: '000000' === totpNow(authenticator.details.key) ? '111111' : '000000' }, token);
      expect(wrong.status).toBe(400);
      expect(wrong.body).toEqual({ status: 'error', message: 'Invalid token.' });
      const verified = await post('/3/auth/mfa/verify/', { authenticator: authenticator.id, token: totpNow(authenticator.details.key) }, token);
      expect(verified.body).toEqual({ status: 'success' });
      expect((await get(`/3/auth/mfa/authenticators/${authenticator.id}/`, token)).body.data.verified).toBe(true);
    });

    it('challenges a login until the code is verified; other endpoints answer 403 meanwhile', async () => {
      const secret = otp.generateSecret(20);
      const { email } = await freshUser({ totpSecret: secret });
      const login = await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD });
      expect(login.status).toBe(200);
      const { token, challenges } = login.body.data;
      expect(challenges).toHaveLength(1);
      expect(challenges[0]).toMatchObject({ type: 'authentication', durability: 'permanent', authenticator_types: ['totp'] });
      expect(Number.isInteger(challenges[0].created)).toBe(true);

      const blocked = await get('/3/auth/', token);
      expect(blocked.status).toBe(403);
      expect(blocked.body).toEqual({ status: 'error', message: 'Multi-factor authentication required.', data: { challenges } });
      expect((await get('/3/auth/tokens/', token)).status).toBe(403);
      expect((await get('/3/auth/mfa/authenticators/', token)).status).toBe(200);
      const [authenticator] = emu.authenticators(email);
      expect((await del(`/3/auth/mfa/authenticators/${authenticator!.id}/`, token)).status).toBe(403);

      expect((await post('/3/auth/mfa/verify/', { challenge: 'nope', token: totpNow(secret) }, token)).body.data).toEqual({ challenge: ['Invalid challenge.'] });
      expect((await post('/3/auth/mfa/verify/', { challenge: challenges[0].id, token: 'abcdef' }, token)).status).toBe(400);
      expect((await post('/3/auth/mfa/verify/', { challenge: challenges[0].id }, token)).body.data).toEqual({ token: ['This field is required.'] });
      const solved = await post('/3/auth/mfa/verify/', { challenge: challenges[0].id, token: totpNow(secret) }, token);
      expect(solved.body).toEqual({ status: 'success' });
      expect((await get('/3/auth/', token)).status).toBe(200);
    });

    it('accepts codes of the previous and next 30 s step, not older ones', async () => {
      let clock = Date.UTC(2026, 0, 1, 12, 0, 15);
      const local = createRehiveEmulator({ demo: false, now: () => clock });
      const url = await local.listen();
      try {
        local.addUser({ email: 'a@x.example.com', company: 'x', password: PASSWORD, totpSecret: REHIVE_DEMO_TOTP_SECRET });
        const login = async () => (await call(url, 'POST', '/3/auth/login/', { body: { user: 'a@x.example.com', company: 'x', password: PASSWORD } })).body.data;
        const attempt = async (offsetSteps: number) => {
          const { token, challenges } = await login();
          const code = totpNow(REHIVE_DEMO_TOTP_SECRET, clock + offsetSteps * 30_000);
          return (await call(url, 'POST', '/3/auth/mfa/verify/', { token, body: { challenge: challenges[0].id, token: code } })).status;
        };
        expect(await attempt(-1)).toBe(200);
        expect(await attempt(1)).toBe(200);
        expect(await attempt(-2)).toBe(400);
        expect(await attempt(2)).toBe(400);

        const { token } = await login();
        clock += 601_000;
        expect((await call(url, 'GET', '/3/auth/mfa/authenticators/', { token })).status).toBe(401);
      } finally {
        await local.close();
      }
    });

    it('static authenticators: one-time tokens, shown once', async () => {
      const { token } = await freshUser();
      const created = (await post('/3/auth/mfa/authenticators/', { type: 'static' }, token)).body.data;
      expect(created.details.tokens).toHaveLength(10);
      expect(created.details.tokens[0]).toEqual({ token: expect.stringMatching(/^\d{8}$/), available: true });
      expect((await get(`/3/auth/mfa/authenticators/${created.id}/`, token)).body.data.details).not.toHaveProperty('tokens');
      const code = created.details.tokens[0].token;
      expect((await post('/3/auth/mfa/verify/', { authenticator: created.id, token: code }, token)).status).toBe(200);
      expect((await post('/3/auth/mfa/verify/', { authenticator: created.id, token: code }, token)).status).toBe(400);
    });

    it('SMS authenticators: the code goes to the outbox on deliver', async () => {
      const { token, email } = await freshUser({ mobile: '+15550166666' });
      const created = (await post('/3/auth/mfa/authenticators/', { type: 'sms' }, token)).body.data;
      expect(created.details).toEqual({ name: 'SMS', mobile: '+15550166666' });
      expect((await post('/3/auth/mfa/deliver/', { authenticator: 'nope' }, token)).status).toBe(400);
      expect((await post('/3/auth/mfa/deliver/', { authenticator: created.id }, token)).body).toEqual({ status: 'success' });
      const code = emu.outbox.latest('+15550166666', 'mfa_sms')!.data.code!;
      expect((await post('/3/auth/mfa/verify/', { authenticator: created.id, token: code }, token)).status).toBe(200);

      const login = (await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD })).body.data;
      expect(login.challenges[0].authenticator_types).toEqual(['sms']);
      expect((await post('/3/auth/mfa/deliver/', { challenge: login.challenges[0].id }, login.token)).status).toBe(200);
      const second = emu.outbox.latest('+15550166666', 'mfa_sms')!.data.code!;
      expect((await post('/3/auth/mfa/verify/', { challenge: login.challenges[0].id, token: second }, login.token)).status).toBe(200);
      expect((await get('/3/auth/', login.token)).status).toBe(200);
    });

    it('delivers the SMS code of a login challenge by itself, as Rehive does "when possible"', async () => {
      const { email } = await freshUser({ mobile: '+15550155555' });
      emu.addAuthenticator(email, 'sms', { verified: true, mobile: '+15550155555' });
      const before = emu.outbox.messages.length;
      const login = (await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD })).body.data;
      expect(emu.outbox.messages.length).toBe(before + 1);
      const code = emu.outbox.latest('+15550155555', 'mfa_sms')!.data.code!;
      expect((await post('/3/auth/mfa/verify/', { challenge: login.challenges[0].id, token: code }, login.token)).body).toEqual({ status: 'success' });
      expect((await get('/3/auth/', login.token)).status).toBe(200);
    });

    it('verify and deliver take a challenge or an authenticator, never both and never neither', async () => {
      const secret = otp.generateSecret(20);
      const { email } = await freshUser({ totpSecret: secret });
      const [authenticator] = emu.authenticators(email);
      const { token, challenges } = (await post('/3/auth/login/', { user: email, company: COMPANY, password: PASSWORD })).body.data;
      const both = { challenge: challenges[0].id, authenticator: authenticator!.id };
      expect(await post('/3/auth/mfa/verify/', { ...both, token: totpNow(secret) }, token)).toMatchObject({
        status: 400,
        body: { status: 'error', message: 'Provide either a challenge or an authenticator, not both.' },
      });
      expect(await post('/3/auth/mfa/verify/', { token: totpNow(secret) }, token)).toMatchObject({
        status: 400,
        body: { status: 'error', message: 'A challenge or an authenticator is required.' },
      });
      expect((await post('/3/auth/mfa/deliver/', both, token)).body.message).toBe('Provide either a challenge or an authenticator, not both.');
      expect((await post('/3/auth/mfa/deliver/', {}, token)).body.message).toBe('A challenge or an authenticator is required.');
      expect((await get('/3/auth/', token)).status).toBe(403);
      expect((await post('/3/auth/mfa/verify/', { challenge: challenges[0].id, token: totpNow(secret) }, token)).body).toEqual({ status: 'success' });
      expect((await get('/3/auth/', token)).status).toBe(200);
    });

    it('rejects an unknown authenticator type and an SMS authenticator without a mobile', async () => {
      const { token } = await freshUser();
      expect((await post('/3/auth/mfa/authenticators/', { type: 'yubikey' }, token)).body.data).toEqual({ type: ['"yubikey" is not a valid choice.'] });
      expect((await post('/3/auth/mfa/authenticators/', {}, token)).body.data).toEqual({ type: ['This field is required.'] });
      expect((await post('/3/auth/mfa/authenticators/', { type: 'sms' }, token)).body.data).toEqual({ mobile: ['This field is required.'] });
    });

    it('paginates and filters the authenticator list', async () => {
      const { email, token } = await freshUser();
      for (let i = 0; i < 20; i += 1) emu.addAuthenticator(email, i % 2 ? 'totp' : 'static', { verified: i < 4 });
      const first = await call(base, 'GET', '/3/auth/mfa/authenticators/?foo=1', { token });
      expect(first.body.data.count).toBe(20);
      expect(first.body.data.results).toHaveLength(15);
      expect(first.body.data.previous).toBeNull();
      const next = new URL(first.body.data.next);
      expect(next.origin).toBe(base);
      expect(next.searchParams.get('page')).toBe('2');
      expect(next.searchParams.get('foo')).toBe('1');
      const second = await get(`${next.pathname}${next.search}`, token);
      expect(second.body.data.results).toHaveLength(5);
      expect(second.body.data.next).toBeNull();
      expect(second.body.data.previous).toBe(`${base}/3/auth/mfa/authenticators/?foo=1`);
      expect((await get('/3/auth/mfa/authenticators/?page_size=1000', token)).body.data.results).toHaveLength(20);
      expect((await get('/3/auth/mfa/authenticators/?page_size=7&page=3', token)).body.data.results).toHaveLength(6);
      const outOfRange = await get('/3/auth/mfa/authenticators/?page=3', token);
      expect(outOfRange.status).toBe(404);
      expect(outOfRange.body).toEqual({ status: 'error', message: 'Invalid page.' });
      expect((await get('/3/auth/mfa/authenticators/?type=totp', token)).body.data.count).toBe(10);
      expect((await get('/3/auth/mfa/authenticators/?verified=true', token)).body.data.count).toBe(4);
      expect((await get('/3/auth/mfa/authenticators/?type=totp&verified=false', token)).body.data.count).toBe(8);
      // django-filter's boolean filter: a value it does not recognise filters nothing.
      expect((await get('/3/auth/mfa/authenticators/?verified=maybe', token)).body.data.count).toBe(20);
    });

    it('keeps authenticators private and deletes them', async () => {
      const alice = await freshUser();
      const bob = await freshUser();
      const created = (await post('/3/auth/mfa/authenticators/', { type: 'totp' }, alice.token)).body.data;
      expect((await get(`/3/auth/mfa/authenticators/${created.id}/`, bob.token)).status).toBe(404);
      expect((await del(`/3/auth/mfa/authenticators/${created.id}/`, bob.token)).status).toBe(404);
      expect((await get('/3/auth/mfa/authenticators/bad.id/', alice.token)).status).toBe(404);
      expect((await del(`/3/auth/mfa/authenticators/${created.id}/`, alice.token)).body).toEqual({ status: 'success' });
      expect((await get(`/3/auth/mfa/authenticators/${created.id}/`, alice.token)).status).toBe(404);
    });
  });

  describe('tokens', () => {
    it('lists, creates, reads and deletes tokens by key', async () => {
      const { token } = await freshUser();
      const created = await post('/3/auth/tokens/', { password: PASSWORD }, token);
      expect(created.status).toBe(201);
      const api = created.body.data;
      expect(api.token).toHaveLength(64);
      expect(api.expires).toBeNull();
      expect(api.challenges).toEqual([]);
      const timed = (await post('/3/auth/tokens/', { password: PASSWORD, duration: 120 }, token)).body.data;
      expect(timed.expires - timed.created).toBe(120_000);
      for (const duration of [0, null]) {
        const reply = await post('/3/auth/tokens/', { password: PASSWORD, duration }, token);
        expect(reply.body.data.expires).toBeNull();
        await del(`/3/auth/tokens/${reply.body.data.token.slice(0, 8)}/`, token);
      }
      expect((await post('/3/auth/tokens/', { password: PASSWORD, duration: -5 }, token)).body.data).toEqual({ duration: ['Ensure this value is greater than or equal to 0.'] });

      const listed = await get('/3/auth/tokens/', token);
      expect(listed.body.status).toBe('success');
      expect(listed.body.data).toHaveLength(3);
      expect(listed.body.data.map((t: { token_key: string }) => t.token_key).sort()).toEqual([token, api.token, timed.token].map((t) => t.slice(0, 8)).sort());
      expect(listed.body.data[0]).toEqual({ token_key: expect.any(String), label: null, expires: expect.any(Number), created: expect.any(Number) });

      const key = api.token.slice(0, 8);
      expect((await get(`/3/auth/tokens/${key}/`, token)).body.data.token_key).toBe(key);
      expect((await get('/3/auth/tokens/zzzzzzzz/', token)).body).toEqual({ status: 'error', message: 'Not found.' });
      expect((await get('/3/auth/tokens/a-b/', token)).status).toBe(404);
      expect((await del(`/3/auth/tokens/${key}/`, token)).body).toEqual({ status: 'success' });
      expect((await get('/3/auth/', api.token)).status).toBe(401);
      expect((await del(`/3/auth/tokens/${key}/`, token)).status).toBe(404);
    });

    it('filters the list by created (epoch ms), expires__isnull and token_key, as the original lists them', async () => {
      let clock = Date.UTC(2026, 0, 1);
      const local = createRehiveEmulator({ demo: false, now: () => clock });
      const url = await local.listen();
      try {
        local.addUser({ email: 'f@x.example.com', company: 'x', password: PASSWORD });
        const t0 = clock;
        const session = (await call(url, 'POST', '/3/auth/login/', { body: { user: 'f@x.example.com', company: 'x', password: PASSWORD } })).body.data.token as string;
        clock += 1000;
        const t1 = clock;
        const api = (await call(url, 'POST', '/3/auth/tokens/', { token: session, body: { password: PASSWORD } })).body.data.token as string;
        clock += 1000;
        const timed = (await call(url, 'POST', '/3/auth/tokens/', { token: session, body: { password: PASSWORD, duration: 3600 } })).body.data.token as string;
        const [s, a, t] = [session, api, timed].map((k) => k.slice(0, 8));
        const keys = async (query: string): Promise<string[] | number> => {
          const reply = await call(url, 'GET', `/3/auth/tokens/?${query}`, { token: session });
          return reply.status === 200 ? reply.body.data.map((x: { token_key: string }) => x.token_key).sort() : reply.status;
        };
        const sorted = (...k: string[]) => k.sort();
        expect(await keys(`created=${t1}`)).toEqual([a]);
        expect(await keys(`created__gt=${t0}`)).toEqual(sorted(a, t));
        expect(await keys(`created__gte=${t1}`)).toEqual(sorted(a, t));
        expect(await keys(`created__lt=${t1}`)).toEqual([s]);
        expect(await keys(`created__lte=${t1}`)).toEqual(sorted(s, a));
        expect(await keys('created__gt=')).toEqual(sorted(s, a, t));
        expect(await keys('expires__isnull=true')).toEqual([a]);
        expect(await keys('expires__isnull=False')).toEqual(sorted(s, t));
        expect(await keys('expires__isnull=maybe')).toEqual(sorted(s, a, t));
        expect(await keys(`token_key=${a}`)).toEqual([a]);
        expect(await keys(`token_key__in=${a},${t}`)).toEqual(sorted(a, t));
        expect(await keys(`token_key__exclude=${s}`)).toEqual(sorted(a, t));
        expect(await keys(`expires__isnull=false&created__gt=${t0}`)).toEqual([t]);

        const iso = await call(url, 'GET', '/3/auth/tokens/?created__gt=2026-01-01T00:00:00Z', { token: session });
        expect(iso.status).toBe(400);
        expect(iso.body).toEqual({ status: 'error', message: 'Enter a valid date/time.', data: { created__gt: ['Enter a valid date/time.'] } });
      } finally {
        await local.close();
      }
    });

    it('DELETE /3/auth/tokens/ takes the same filters: every token but the caller\u2019s', async () => {
      const { token } = await freshUser();
      const api = (await post('/3/auth/tokens/', { password: PASSWORD }, token)).body.data.token;
      const bad = await call(base, 'DELETE', '/3/auth/tokens/?created__lt=yesterday', { token });
      expect(bad.body.data).toEqual({ created__lt: ['Enter a valid date/time.'] });
      expect((await get('/3/auth/', api)).status).toBe(200);
      expect((await call(base, 'DELETE', `/3/auth/tokens/?token_key__exclude=${token.slice(0, 8)}`, { token })).body).toEqual({ status: 'success' });
      expect((await get('/3/auth/', api)).status).toBe(401);
      expect((await get('/3/auth/tokens/', token)).body.data.map((t: { token_key: string }) => t.token_key)).toEqual([token.slice(0, 8)]);
    });

    it('rejects token creation with a wrong password', async () => {
      const { token } = await freshUser();
      const reply = await post('/3/auth/tokens/', { password: 'wrong' }, token);
      expect(reply.status).toBe(400);
      expect(reply.body.data).toEqual({ password: ['Invalid password.'] });
    });

    it('DELETE /3/auth/tokens/ ends every token, the caller\u2019s too', async () => {
      const { token } = await freshUser();
      const api = (await post('/3/auth/tokens/', { password: PASSWORD }, token)).body.data.token;
      expect((await del('/3/auth/tokens/', token)).body).toEqual({ status: 'success' });
      expect((await get('/3/auth/', token)).status).toBe(401);
      expect((await get('/3/auth/', api)).status).toBe(401);
    });

    it('expires login tokens after session_duration (configurable default)', async () => {
      let clock = Date.UTC(2026, 0, 1);
      const local = createRehiveEmulator({ now: () => clock, sessionDurationSeconds: 1 });
      const url = await local.listen();
      try {
        const login = await call(url, 'POST', '/3/auth/login/', { body: { user: 'demo', company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD } });
        expect(login.body.data.expires).toBe(clock + 1000);
        const { token } = login.body.data;
        expect((await call(url, 'GET', '/3/auth/', { token })).status).toBe(200);
        clock += 1000;
        expect((await call(url, 'GET', '/3/auth/', { token })).body).toEqual({ status: 'error', message: 'Invalid token.' });
      } finally {
        await local.close();
      }
    });

    it('honours a configured login throttle', async () => {
      const local = createRehiveEmulator({ loginThrottlePerMinute: 1 });
      const url = await local.listen();
      try {
        const body = { user: 'demo', company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD };
        expect((await call(url, 'POST', '/3/auth/login/', { body })).status).toBe(200);
        expect((await call(url, 'POST', '/3/auth/login/', { body })).status).toBe(429);
        expect((await call(url, 'POST', '/3/auth/login/', { body: { ...body, user: 'mfa-demo' } })).status).toBe(200);
      } finally {
        await local.close();
      }
    });
  });

  describe('demo data', () => {
    it('seeds the demo users; the MFA one solves its challenge with the demo TOTP secret', async () => {
      const plain = REHIVE_DEMO_USERS.find((u) => !u.mfa)!;
      const mfa = REHIVE_DEMO_USERS.find((u) => u.mfa)!;
      const login = await post('/3/auth/login/', { user: plain.email, company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD });
      expect(login.body.data.challenges).toEqual([]);
      const me = (await get('/3/auth/', login.body.data.token)).body.data.user;
      expect(me).toMatchObject({ email: plain.email, username: plain.username, verified: true, company: REHIVE_DEMO_COMPANY });

      expect((await get('/3/company/', login.body.data.token)).body.data).toMatchObject({ id: REHIVE_DEMO_COMPANY, name: 'Gatehouse demo' });

      const mfaLogin = (await post('/3/auth/login/', { user: mfa.username, company: REHIVE_DEMO_COMPANY, password: DEMO_PASSWORD })).body.data;
      expect(mfaLogin.challenges).toHaveLength(1);
      expect((await get('/3/company/', mfaLogin.token)).status).toBe(403);
      const solved = await post('/3/auth/mfa/verify/', { challenge: mfaLogin.challenges[0].id, token: totpNow(REHIVE_DEMO_TOTP_SECRET) }, mfaLogin.token);
      expect(solved.status).toBe(200);
      expect((await get('/3/auth/', mfaLogin.token)).body.data.user.email).toBe(mfa.email);
    });

    it('can start empty', async () => {
      const local = createRehiveEmulator({ demo: false });
      expect(local.user(REHIVE_DEMO_USERS[0].email)).toBeUndefined();
    });
  });

  it('exports the ISO 3166 list of the original document', () => {
    expect(ISO3166_ALPHA2.size).toBe(249);
    expect(ISO3166_ALPHA2.has('GB')).toBe(true);
    expect(ISO3166_ALPHA2.has('UK')).toBe(false);
  });
});
