import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/emulators/demo-logins.js';
import {
  FORENSIC_DEMO_COMPANIES,
  FORENSIC_DEMO_USER_IDS,
  createForensicEmulator,
  type ForensicEmulator,
  type ForensicEmulatorOptions,
} from '../../src/emulators/forensic/index.js';

const ACME = FORENSIC_DEMO_COMPANIES.acme.companyId;
const GLOBEX = FORENSIC_DEMO_COMPANIES.globex.companyId;
const ADMIN = 'admin@oz.example.com';
const COMPANY_ADMIN = 'company.admin@oz.example.com';
const OPERATOR = 'operator@oz.example.com';
const SERVICE = 'svc@oz.example.com';
const SERVICE_ID = FORENSIC_DEMO_USER_IDS[SERVICE];
const FIVE_YEARS = 5 * 365 * 24 * 3600;

interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
}

function client(emulator: ForensicEmulator) {
  return async (method: string, path: string, options: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token !== undefined) headers['x-forensic-access-token'] = options.token;
    const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const res = await fetch(`${emulator.url}${path}`, { method, headers, body: payload, redirect: 'manual' });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
    return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : text || undefined };
  };
}

function setup(options: ForensicEmulatorOptions = {}) {
  const state = {
    clock: 1_800_000_000_000,
    emulator: undefined as unknown as ForensicEmulator,
    call: undefined as unknown as ReturnType<typeof client>,
    login: async (email: string, password = DEMO_PASSWORD) => {
      const reply = await state.call('POST', '/api/authorize/auth', { body: { credentials: { email, password } } });
      expect(reply.status).toBe(200);
      return reply.body as { access_token: string; expire_token: string; expire_date: number; session_id: number; user: Record<string, unknown> };
    },
  };
  beforeAll(async () => {
    state.emulator = createForensicEmulator({ now: () => state.clock, ...options });
    await state.emulator.listen();
    state.call = client(state.emulator);
  });
  afterAll(() => state.emulator.close());
  return state;
}

const ozError = (code: number, details: unknown = null) => ({ error_code: code, error_message: expect.any(String), details });

describe('forensic emulator: login and tokens', () => {
  const t = setup();

  it('logs in on both spellings of the auth path with an opaque token pair', async () => {
    for (const path of ['/api/authorize/auth', '/api/authorize/auth/']) {
      const reply = await t.call('POST', path, { body: { credentials: { email: ADMIN, password: DEMO_PASSWORD } } });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expire_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expire_date: t.clock / 1000 + 900,
        session_id: expect.any(Number),
        user: { user_id: FORENSIC_DEMO_USER_IDS[ADMIN], user_type: 'ADMIN', email: ADMIN, company_id: null, is_active: true },
      });
      expect(reply.body.user).not.toHaveProperty('password');
      // API 6 keeps is_service (the guide's step-3 answer shows it next to user_type CLIENT_SERVICE), not is_admin.
      expect(reply.body.user.is_service).toBe(false);
      expect(reply.body.user).not.toHaveProperty('is_admin');
    }
  });

  it('treats the e-mail case-insensitively', async () => {
    const session = await t.login('Admin@OZ.example.com');
    expect(session.user.email).toBe(ADMIN);
  });

  it('refuses wrong credentials, unknown and inactive users with 401 error_code 7', async () => {
    const wrong = await t.call('POST', '/api/authorize/auth', { body: { credentials: { email: ADMIN, password: 'nope' } } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error_code: 7, error_message: 'Invalid credentials', details: null });
    const unknown = await t.call('POST', '/api/authorize/auth', { body: { credentials: { email: 'who@x.io', password: 'x' } } });
    expect(unknown.status).toBe(401);
    t.emulator.addUser({ email: 'gone@oz.example.com', password: 'pw', role: 'OPERATOR' });
    t.emulator.setUserActive('gone@oz.example.com', false);
    const inactive = await t.call('POST', '/api/authorize/auth', { body: { credentials: { email: 'gone@oz.example.com', password: 'pw' } } });
    expect(inactive.status).toBe(401);
    expect(inactive.body.error_code).toBe(7);
  });

  it('answers malformed login bodies with 400 and the field', async () => {
    const cases: Array<[CallOptions, number, unknown]> = [
      [{ body: {} }, 3, { credentials: 'required' }],
      [{ body: { credentials: 'x' } }, 5, { credentials: 'must be an object' }],
      [{ body: { credentials: { password: 'x' } } }, 3, { email: 'required' }],
      [{ body: { credentials: { email: 1, password: 'x' } } }, 5, { email: 'must be a string' }],
      [{ body: { credentials: { email: ADMIN } } }, 3, { password: 'required' }],
      [{ rawBody: '{"credentials":' }, 3, null],
      [{ rawBody: '[1]' }, 3, null],
    ];
    for (const [options, code, details] of cases) {
      const reply = await t.call('POST', '/api/authorize/auth', options);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(ozError(code, details));
    }
    const text = await t.call('POST', '/api/authorize/auth', { rawBody: 'email=x', contentType: 'text/plain' });
    expect(text.status).toBe(400);
    expect(text.body.error_code).toBe(3);
  });

  it('distinguishes a missing, a bad and an expired token', async () => {
    const none = await t.call('GET', '/api/companies/');
    expect(none.status).toBe(401);
    expect(none.body).toEqual(ozError(6));
    const empty = await t.call('GET', '/api/companies/', { token: '' });
    expect(empty.body.error_code).toBe(6);
    const bad = await t.call('GET', '/api/companies/', { token: 'garbage' });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual(ozError(7));
    const session = await t.login(ADMIN);
    expect(t.emulator.isValidToken(session.access_token)).toBe(true);
    expect(t.emulator.expireSession(session.access_token)).toBe(true);
    expect(t.emulator.isValidToken(session.access_token)).toBe(false);
    const expired = await t.call('GET', '/api/companies/', { token: session.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(ozError(8));
  });

  it('slides the expiry on every authenticated request', async () => {
    const session = await t.login(ADMIN);
    const start = t.clock;
    t.clock += 800_000;
    expect((await t.call('GET', '/api/companies/', { token: session.access_token })).status).toBe(200);
    expect(t.emulator.tokenInfo(session.access_token)!.expiresAt).toBe(t.clock + 900_000);
    t.clock += 800_000; // 1600 s after login: alive only because it slid
    expect((await t.call('GET', '/api/companies/', { token: session.access_token })).status).toBe(200);
    t.clock += 900_000;
    const expired = await t.call('GET', '/api/companies/', { token: session.access_token });
    expect(expired.body.error_code).toBe(8);
    expect(t.clock - start).toBe(2_500_000);
  });

  it('refuses the token of a deactivated user', async () => {
    t.emulator.addUser({ email: 'soon.gone@oz.example.com', password: 'pw', role: 'ADMIN' });
    const session = await t.login('soon.gone@oz.example.com', 'pw');
    t.emulator.setUserActive('soon.gone@oz.example.com', false);
    const reply = await t.call('GET', '/api/companies/', { token: session.access_token });
    expect(reply.status).toBe(401);
    expect(reply.body.error_code).toBe(7);
    expect(t.emulator.isValidToken(session.access_token)).toBe(false);
  });

  it('gives service users a five-year session', async () => {
    const session = await t.login(SERVICE);
    expect(session.expire_date).toBe(t.clock / 1000 + FIVE_YEARS);
  });
});

describe('forensic emulator: refresh', () => {
  const t = setup();

  it('issues a new pair for the same session; the old pair dies once the new token is used', async () => {
    const old = await t.login(ADMIN);
    t.clock += 1_000_000; // the access token has expired: refresh is what it is for
    const first = await t.call('POST', '/api/authorize/refresh/', { token: old.access_token, body: { expire_token: old.expire_token } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ session_id: old.session_id, expire_date: t.clock / 1000 + 900, user: { email: ADMIN } });
    expect(first.body.access_token).not.toBe(old.access_token);
    expect(first.body.expire_token).not.toBe(old.expire_token);
    // A lost response: the client retries with the old pair, which still works until the new token is used.
    const retry = await t.call('POST', '/api/authorize/refresh/', { token: old.access_token, body: { expire_token: old.expire_token } });
    expect(retry.status).toBe(200);
    expect((await t.call('GET', '/api/companies/', { token: retry.body.access_token })).status).toBe(200);
    const oldAccess = await t.call('GET', '/api/companies/', { token: old.access_token });
    expect(oldAccess.body.error_code).toBe(7);
    const oldRefresh = await t.call('POST', '/api/authorize/refresh/', { token: old.access_token, body: { expire_token: old.expire_token } });
    expect(oldRefresh.status).toBe(401);
    expect(oldRefresh.body).toEqual({ error_code: 7, error_message: 'Session not found', details: null });
    // The sibling pair of the first attempt is dead too.
    expect(t.emulator.isValidToken(first.body.access_token)).toBe(false);
  });

  it('keeps the old pair valid while the new one is unused', async () => {
    const old = await t.login(ADMIN);
    const fresh = await t.call('POST', '/api/authorize/refresh/', { token: old.access_token, body: { expire_token: old.expire_token } });
    expect(fresh.status).toBe(200);
    expect((await t.call('GET', '/api/companies/', { token: old.access_token })).status).toBe(200);
    expect((await t.call('GET', '/api/companies/', { token: fresh.body.access_token })).status).toBe(200);
    expect(t.emulator.isValidToken(old.access_token)).toBe(false);
  });

  it('answers 400 without expire_token, 401 for an unknown one, 403 for another session', async () => {
    const mine = await t.login(ADMIN);
    const theirs = await t.login(OPERATOR);
    const missing = await t.call('POST', '/api/authorize/refresh/', { token: mine.access_token, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual(ozError(3, { expire_token: 'required' }));
    const wrongType = await t.call('POST', '/api/authorize/refresh/', { token: mine.access_token, body: { expire_token: 5 } });
    expect(wrongType.body).toEqual(ozError(5, { expire_token: 'must be a string' }));
    const unknown = await t.call('POST', '/api/authorize/refresh/', { token: mine.access_token, body: { expire_token: 'nope' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error_message).toBe('Session not found');
    const other = await t.call('POST', '/api/authorize/refresh/', { token: mine.access_token, body: { expire_token: theirs.expire_token } });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ error_code: 9, error_message: 'You have not access to refresh this session', details: null });
    const noHeader = await t.call('POST', '/api/authorize/refresh/', { body: { expire_token: mine.expire_token } });
    expect(noHeader.status).toBe(401);
    expect(noHeader.body.error_code).toBe(6);
  });
});

describe('forensic emulator: routing', () => {
  const t = setup();

  it('answers an unknown URL with 404 error_code 10', async () => {
    const reply = await t.call('GET', '/api/nothing/');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ error_code: 10, error_message: 'Not found', details: null });
    const extraSlash = await t.call('GET', `/api/authorize/service_token/${SERVICE_ID}/`);
    expect(extraSlash.status).toBe(404);
  });

  it('answers a wrong method with 405 error_code 1', async () => {
    const session = await t.login(ADMIN);
    for (const [method, path] of [['PUT', '/api/companies/'], ['DELETE', `/api/users/${SERVICE_ID}/`], ['GET', '/api/authorize/auth']]) {
      const reply = await t.call(method!, path!, { token: session.access_token });
      expect(reply.status).toBe(405);
      expect(reply.body).toEqual({ error_code: 1, error_message: `Method "${method}" not allowed.`, details: null });
    }
  });

  it('redirects a missing trailing slash like Django', async () => {
    const reply = await t.call('GET', '/api/companies?limit=1');
    expect(reply.status).toBe(301);
    expect(reply.headers.get('location')).toBe('/api/companies/?limit=1');
    expect(reply.body).toBeUndefined();
  });

  it('supports fault injection and logs requests', async () => {
    t.emulator.server.addFault({ path: '/api/companies/', sequence: [503] });
    const session = await t.login(ADMIN);
    expect((await t.call('GET', '/api/companies/', { token: session.access_token })).status).toBe(503);
    expect((await t.call('GET', '/api/companies/', { token: session.access_token })).status).toBe(200);
    expect(t.emulator.server.count('GET', '/api/companies/')).toBe(2);
  });
});

describe('forensic emulator: companies', () => {
  const t = setup();
  let admin: string;
  let companyAdmin: string;
  let operator: string;
  beforeAll(async () => {
    admin = (await t.login(ADMIN)).access_token;
    companyAdmin = (await t.login(COMPANY_ADMIN)).access_token;
    operator = (await t.login(OPERATOR)).access_token;
  });

  it('seeds the demo companies with fixed ids', async () => {
    const reply = await t.call('GET', '/api/companies/', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual([
      { company_id: ACME, name: 'Acme Biometrics', in_deletion: false, technical_meta_data: {} },
      { company_id: GLOBEX, name: 'Globex Security', in_deletion: false, technical_meta_data: {} },
    ]);
  });

  it('creates a company as ADMIN', async () => {
    const reply = await t.call('POST', '/api/companies/', { token: admin, body: { name: 'Initech' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ company_id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Initech', in_deletion: false, technical_meta_data: {} });
    const read = await t.call('GET', `/api/companies/${reply.body.company_id}/`, { token: admin });
    expect(read.body).toEqual(reply.body);
  });

  it('validates the company name', async () => {
    expect((await t.call('POST', '/api/companies/', { token: admin, body: {} })).body).toEqual(ozError(3, { name: 'required' }));
    expect((await t.call('POST', '/api/companies/', { token: admin, body: { name: 7 } })).body).toEqual(ozError(5, { name: 'must be a string' }));
    const blank = await t.call('POST', '/api/companies/', { token: admin, body: { name: '  ' } });
    expect(blank.status).toBe(400);
    expect(blank.body).toEqual(ozError(4, { name: 'may not be blank' }));
  });

  it('forbids company creation to anyone but ADMIN', async () => {
    for (const token of [companyAdmin, operator]) {
      const reply = await t.call('POST', '/api/companies/', { token, body: { name: 'Nope' } });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual(ozError(9));
    }
  });

  it('pages and filters the bare list', async () => {
    const second = await t.call('GET', '/api/companies/?limit=1&offset=1', { token: admin });
    expect(second.body.map((c: { name: string }) => c.name)).toEqual(['Globex Security']);
    const named = await t.call('GET', '/api/companies/?name=acme', { token: admin });
    expect(named.body.map((c: { name: string }) => c.name)).toEqual(['Acme Biometrics']);
    const bad = await t.call('GET', '/api/companies/?limit=-1', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(ozError(4, { limit: 'must be a non-negative integer' }));
  });

  it('answers 404 error_code 10 for an unknown or malformed company id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const reply = await t.call('GET', `/api/companies/${id}/`, { token: admin });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ error_code: 10, error_message: 'Company not found', details: null });
    }
  });

  it('scopes a CLIENT_ADMIN to its own company and forbids others', async () => {
    const list = await t.call('GET', '/api/companies/', { token: companyAdmin });
    expect(list.body.map((c: { company_id: string }) => c.company_id)).toEqual([ACME]);
    expect((await t.call('GET', `/api/companies/${ACME}/`, { token: companyAdmin })).status).toBe(200);
    expect((await t.call('GET', `/api/companies/${GLOBEX}/`, { token: companyAdmin })).status).toBe(403);
    expect((await t.call('GET', '/api/companies/', { token: operator })).status).toBe(403);
    expect((await t.call('GET', `/api/companies/${ACME}/`, { token: operator })).status).toBe(403);
  });
});

function newUser(email: string, profile: Record<string, unknown>) {
  return { credentials: { email, password: 'S3cret-pass' }, profile };
}

describe('forensic emulator: users (API 6)', () => {
  const t = setup();
  let admin: string;
  let companyAdmin: string;
  let operator: string;
  beforeAll(async () => {
    admin = (await t.login(ADMIN)).access_token;
    companyAdmin = (await t.login(COMPANY_ADMIN)).access_token;
    operator = (await t.login(OPERATOR)).access_token;
  });

  it('creates a CLIENT_SERVICE user in the API 6 shape, ignoring API 5 fields', async () => {
    const reply = await t.call('POST', '/api/users/', {
      token: admin,
      body: newUser('robot@acme.example.com', {
        company_id: ACME,
        user_type: 'CLIENT_SERVICE',
        first_name: 'john',
        last_name: 'doe',
        middle_name: '',
        is_admin: true,
        can_start_analysis_biometry: true,
        can_start_analysis_collection: false,
        can_start_analysis_documents: true,
        can_start_analysis_quality: true,
        can_start_analyse_collection: true,
      }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      user_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      user_type: 'CLIENT_SERVICE',
      email: 'robot@acme.example.com',
      first_name: 'john',
      last_name: 'doe',
      middle_name: '',
      company_id: ACME,
      is_active: true,
      is_service: true,
      can_start_analysis_biometry: true,
      can_start_analysis_collection: false,
      can_start_analysis_documents: true,
      can_start_analysis_quality: true,
    });
    const stored = t.emulator.findUser(reply.body.user_id)!;
    expect(stored.userType).toBe('CLIENT_SERVICE');
    expect(stored.password).toBe('S3cret-pass');
    const login = await t.login('robot@acme.example.com', 'S3cret-pass');
    expect(login.expire_date).toBe(t.clock / 1000 + FIVE_YEARS);
  });

  it('rejects a duplicate e-mail with error_code 4', async () => {
    const reply = await t.call('POST', '/api/users/', { token: admin, body: newUser('SVC@oz.example.com', { company_id: ACME, user_type: 'CLIENT' }) });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(ozError(4, { email: 'already exists' }));
  });

  it('names the invalid field', async () => {
    const cases: Array<[unknown, number, unknown]> = [
      [{ profile: { user_type: 'CLIENT', company_id: ACME } }, 3, { credentials: 'required' }],
      [{ credentials: { email: 'a@b.io', password: 'x' } }, 3, { profile: 'required' }],
      [newUser('not-an-email', { user_type: 'CLIENT', company_id: ACME }), 4, { email: 'not a valid email address' }],
      [{ credentials: { email: 'a@b.io', password: '' }, profile: { user_type: 'CLIENT', company_id: ACME } }, 4, { password: 'may not be blank' }],
      [newUser('a@b.io', { company_id: ACME }), 3, { user_type: 'required' }],
      [newUser('a@b.io', { user_type: 'ROOT', company_id: ACME }), 4, { user_type: '"ROOT" is not a valid choice' }],
      [newUser('a@b.io', { user_type: 'CLIENT' }), 3, { company_id: 'required' }],
      [newUser('a@b.io', { user_type: 'CLIENT', company_id: 'acme' }), 4, { company_id: 'not a valid UUID' }],
      [newUser('a@b.io', { user_type: 'CLIENT', company_id: 12 }), 5, { company_id: 'must be a string' }],
      [newUser('a@b.io', { user_type: 'CLIENT', company_id: '00000000-0000-4000-8000-000000000000' }), 4, { company_id: 'company does not exist' }],
      [newUser('a@b.io', { user_type: 'CLIENT', company_id: ACME, first_name: 3 }), 5, { first_name: 'must be a string' }],
      [newUser('a@b.io', { user_type: 'CLIENT', company_id: ACME, can_start_analysis_quality: 'yes' }), 5, { can_start_analysis_quality: 'must be a boolean' }],
    ];
    for (const [body, code, details] of cases) {
      const reply = await t.call('POST', '/api/users/', { token: admin, body });
      expect(reply.status, JSON.stringify(details)).toBe(400);
      expect(reply.body).toEqual(ozError(code, details));
    }
  });

  it('lets a CLIENT_ADMIN create client users only in its own company', async () => {
    const own = await t.call('POST', '/api/users/', { token: companyAdmin, body: newUser('op@acme.example.com', { company_id: ACME, user_type: 'CLIENT_OPERATOR' }) });
    expect(own.status).toBe(201);
    const other = await t.call('POST', '/api/users/', { token: companyAdmin, body: newUser('op@globex.example.com', { company_id: GLOBEX, user_type: 'CLIENT' }) });
    expect(other.status).toBe(403);
    expect(other.body).toEqual(ozError(9));
    const staff = await t.call('POST', '/api/users/', { token: companyAdmin, body: newUser('boss@acme.example.com', { company_id: ACME, user_type: 'ADMIN' }) });
    expect(staff.status).toBe(403);
    const byOperator = await t.call('POST', '/api/users/', { token: operator, body: newUser('x@acme.example.com', { company_id: ACME, user_type: 'CLIENT' }) });
    expect(byOperator.status).toBe(403);
  });

  it('lists users as a bare array, filtered by company and paged', async () => {
    const all = await t.call('GET', '/api/users/', { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.length).toBeGreaterThanOrEqual(4);
    expect(all.body.every((u: Record<string, unknown>) => !('password' in u))).toBe(true);
    const acme = await t.call('GET', `/api/users/?company_id=${ACME}`, { token: admin });
    expect(acme.body.every((u: { company_id: string }) => u.company_id === ACME)).toBe(true);
    const paged = await t.call('GET', '/api/users/?limit=2&offset=1', { token: admin });
    expect(paged.body.map((u: { user_id: string }) => u.user_id)).toEqual(all.body.slice(1, 3).map((u: { user_id: string }) => u.user_id));
    const bad = await t.call('GET', '/api/users/?company_id=acme', { token: admin });
    expect(bad.body).toEqual(ozError(4, { company_id: 'not a valid UUID' }));
  });

  it('scopes user reads of a CLIENT_ADMIN to its company', async () => {
    const mine = await t.call('GET', '/api/users/', { token: companyAdmin });
    expect(mine.body.length).toBeGreaterThan(0);
    expect(mine.body.every((u: { company_id: string }) => u.company_id === ACME)).toBe(true);
    expect((await t.call('GET', `/api/users/?company_id=${GLOBEX}`, { token: companyAdmin })).status).toBe(403);
    expect((await t.call('GET', `/api/users/${FORENSIC_DEMO_USER_IDS[ADMIN]}/`, { token: companyAdmin })).status).toBe(403);
    expect((await t.call('GET', `/api/users/${SERVICE_ID}/`, { token: companyAdmin })).status).toBe(200);
    expect((await t.call('GET', '/api/users/', { token: operator })).status).toBe(403);
  });

  it('reads a user; 404 error_code 10 for an unknown one; anyone may read themself', async () => {
    const reply = await t.call('GET', `/api/users/${SERVICE_ID}/`, { token: admin });
    expect(reply.body).toMatchObject({ user_id: SERVICE_ID, email: SERVICE, user_type: 'CLIENT_SERVICE', company_id: ACME });
    const missing = await t.call('GET', '/api/users/00000000-0000-4000-8000-000000000000/', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error_code: 10, error_message: 'User not found', details: null });
    const self = await t.call('GET', `/api/users/${FORENSIC_DEMO_USER_IDS[OPERATOR]}/`, { token: operator });
    expect(self.status).toBe(200);
    expect(self.body.user_type).toBe('OPERATOR');
  });
});

describe('forensic emulator: users (API 5)', () => {
  const t = setup({ apiVersion: 5 });
  let admin: string;
  beforeAll(async () => {
    admin = (await t.login(ADMIN)).access_token;
  });

  it('emits users in the API 5 shape', async () => {
    const session = await t.login(COMPANY_ADMIN);
    expect(session.user).toEqual({
      user_id: FORENSIC_DEMO_USER_IDS[COMPANY_ADMIN],
      user_type: 'CLIENT',
      email: COMPANY_ADMIN,
      first_name: 'Carl',
      last_name: 'Acme',
      middle_name: '',
      company_id: ACME,
      is_active: true,
      is_admin: true,
      is_service: false,
      can_start_analyse_biometry: true,
      can_start_analyse_collection: true,
      can_start_analyse_documents: true,
      can_start_analyse_quality: true,
    });
    const service = await t.call('GET', `/api/users/${SERVICE_ID}/`, { token: admin });
    expect(service.body).toMatchObject({ user_type: 'CLIENT', is_admin: false, is_service: true });
  });

  it('creates a service user as CLIENT + is_service, ignoring the API 6 spellings', async () => {
    const reply = await t.call('POST', '/api/users/', {
      token: admin,
      body: newUser('robot5@acme.example.com', {
        company_id: ACME,
        user_type: 'CLIENT',
        is_admin: false,
        is_service: true,
        can_start_analyse_biometry: true,
        can_start_analysis_quality: true,
      }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      user_type: 'CLIENT',
      is_service: true,
      is_admin: false,
      can_start_analyse_biometry: true,
      can_start_analyse_quality: false,
    });
    expect(reply.body).not.toHaveProperty('can_start_analysis_quality');
    expect(t.emulator.findUser('robot5@acme.example.com')!.userType).toBe('CLIENT_SERVICE');
    const token = await t.call('GET', `/api/authorize/service_token/${reply.body.user_id}`, { token: admin });
    expect(token.status).toBe(200);
  });

  it('rejects CLIENT_SERVICE and the API 6 client sub-types', async () => {
    for (const userType of ['CLIENT_SERVICE', 'CLIENT_ADMIN']) {
      const reply = await t.call('POST', '/api/users/', { token: admin, body: newUser('x5@acme.example.com', { company_id: ACME, user_type: userType }) });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(ozError(4, { user_type: `"${userType}" is not a valid choice` }));
    }
    const both = await t.call('POST', '/api/users/', {
      token: admin,
      body: newUser('x5@acme.example.com', { company_id: ACME, user_type: 'CLIENT', is_admin: true, is_service: true }),
    });
    expect(both.body.error_code).toBe(4);
    const type = await t.call('POST', '/api/users/', { token: admin, body: newUser('x5@acme.example.com', { company_id: ACME, user_type: 'CLIENT', is_service: 'yes' }) });
    expect(type.body).toEqual(ozError(5, { is_service: 'must be a boolean' }));
  });

  it('treats a CLIENT + is_admin user as a company admin', async () => {
    const token = (await t.login(COMPANY_ADMIN)).access_token;
    const reply = await t.call('POST', '/api/users/', { token, body: newUser('ca5@acme.example.com', { company_id: ACME, user_type: 'CLIENT' }) });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ user_type: 'CLIENT', is_admin: false, is_service: false });
  });
});

describe('forensic emulator: service tokens', () => {
  const t = setup();
  let admin: string;
  let companyAdmin: string;
  beforeAll(async () => {
    admin = (await t.login(ADMIN)).access_token;
    companyAdmin = (await t.login(COMPANY_ADMIN)).access_token;
  });

  it('issues a new long-lived token on every GET or POST; older ones stay valid', async () => {
    const first = await t.call('GET', `/api/authorize/service_token/${SERVICE_ID}`, { token: admin });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      token_id: expect.any(String),
      user_id: SERVICE_ID,
      access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      expire_date: t.clock / 1000 + FIVE_YEARS,
      session_id: 0,
    });
    const second = await t.call('POST', `/api/authorize/service_token/${SERVICE_ID}`, { token: admin });
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(second.body.token_id).not.toBe(first.body.token_id);
    for (const token of [first.body.access_token, second.body.access_token]) {
      const self = await t.call('GET', `/api/users/${SERVICE_ID}/`, { token });
      expect(self.status).toBe(200);
      expect(self.body.email).toBe(SERVICE);
    }
  });

  it('slides a service token by the service lifetime', async () => {
    const issued = await t.call('GET', `/api/authorize/service_token/${SERVICE_ID}`, { token: admin });
    t.clock += 10_000;
    await t.call('GET', `/api/users/${SERVICE_ID}/`, { token: issued.body.access_token });
    expect(t.emulator.tokenInfo(issued.body.access_token)!.expiresAt).toBe(t.clock + FIVE_YEARS * 1000);
  });

  it('refuses a user who is not a service user, and unknown users', async () => {
    const notService = await t.call('GET', `/api/authorize/service_token/${FORENSIC_DEMO_USER_IDS[OPERATOR]}`, { token: admin });
    expect(notService.status).toBe(400);
    expect(notService.body).toEqual(ozError(4, { user_id: 'not a service user' }));
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const unknown = await t.call('GET', `/api/authorize/service_token/${id}`, { token: admin });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ error_code: 10, error_message: 'User not found', details: null });
    }
  });

  it('lets a CLIENT_ADMIN issue tokens only inside its company', async () => {
    expect((await t.call('GET', `/api/authorize/service_token/${SERVICE_ID}`, { token: companyAdmin })).status).toBe(200);
    const globexService = t.emulator.addUser({ email: 'svc@globex.example.com', password: 'pw', role: 'CLIENT_SERVICE', companyId: GLOBEX });
    const other = await t.call('GET', `/api/authorize/service_token/${globexService.userId}`, { token: companyAdmin });
    expect(other.status).toBe(403);
    expect(other.body).toEqual(ozError(9));
    expect((await t.call('GET', `/api/authorize/service_token/${globexService.userId}`, { token: admin })).status).toBe(200);
    const operator = (await t.login(OPERATOR)).access_token;
    expect((await t.call('GET', `/api/authorize/service_token/${SERVICE_ID}`, { token: operator })).status).toBe(403);
    const service = (await t.login(SERVICE)).access_token;
    expect((await t.call('GET', `/api/authorize/service_token/${SERVICE_ID}`, { token: service })).status).toBe(403);
  });

  it('refuses an unauthenticated call', async () => {
    const reply = await t.call('GET', `/api/authorize/service_token/${SERVICE_ID}`);
    expect(reply.status).toBe(401);
    expect(reply.body.error_code).toBe(6);
  });
});

describe('forensic emulator: test-facing state', () => {
  it('starts empty without demo data and accepts companies and users from tests', async () => {
    const emulator = createForensicEmulator({ demo: false, regularLifetimeSeconds: 1 });
    await emulator.listen();
    try {
      expect(emulator.users).toHaveLength(0);
      const company = emulator.addCompany('Test Co');
      const user = emulator.addUser({ email: 'ca@test.example.com', password: 'pw', role: 'CLIENT_ADMIN', companyId: company.companyId });
      expect(emulator.companies).toEqual([company]);
      expect(() => emulator.addUser({ email: 'CA@test.example.com', password: 'pw', role: 'CLIENT' })).toThrow();
      const session = emulator.createSession(user.userId);
      expect(session.expiresAt - Date.now()).toBeLessThanOrEqual(1000);
      const reply = await client(emulator)('GET', '/api/companies/', { token: session.accessToken });
      expect(reply.body).toEqual([{ company_id: company.companyId, name: 'Test Co', in_deletion: false, technical_meta_data: {} }]);
      expect(emulator.revokeToken(session.accessToken)).toBe(true);
      expect(emulator.isValidToken(session.accessToken)).toBe(false);
      expect(emulator.tokens).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });
});

/** The four steps of the service-token guide, in the words of each API version. */
for (const apiVersion of [6, 5] as const) {
  describe(`forensic emulator: the service-token guide (API ${apiVersion})`, () => {
    const t = setup({ apiVersion });
    let admin: string;
    beforeAll(async () => {
      admin = (await t.login(ADMIN)).access_token;
    });

    it('step 2: a company created with a name alone has technical_meta_data {}; a JSON object sent with it is kept', async () => {
      const plain = await t.call('POST', '/api/companies/', { token: admin, body: { name: `Plain ${apiVersion}` } });
      expect(plain.body).toEqual({ company_id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: `Plain ${apiVersion}`, in_deletion: false, technical_meta_data: {} });
      const meta = { region: 'eu-west', limits: { daily: 500 }, tags: ['pilot'] };
      const rich = await t.call('POST', '/api/companies/', { token: admin, body: { name: `Rich ${apiVersion}`, technical_meta_data: meta } });
      expect(rich.status).toBe(201);
      expect(rich.body.technical_meta_data).toEqual(meta);
      expect((await t.call('GET', `/api/companies/${rich.body.company_id}/`, { token: admin })).body).toEqual(rich.body);
      expect((await t.call('GET', `/api/companies/?name=Rich ${apiVersion}`, { token: admin })).body).toEqual([rich.body]);
      const nulled = await t.call('POST', '/api/companies/', { token: admin, body: { name: `Null ${apiVersion}`, technical_meta_data: null } });
      expect(nulled.body.technical_meta_data).toEqual({});
      for (const bad of ['x', [1], 3]) {
        const reply = await t.call('POST', '/api/companies/', { token: admin, body: { name: 'Bad', technical_meta_data: bad } });
        expect(reply.status).toBe(400);
        expect(reply.body).toEqual(ozError(5, { technical_meta_data: 'must be an object' }));
      }
    });

    it('creates no company when its technical_meta_data is refused', async () => {
      const name = `Refused ${apiVersion}`;
      const reply = await t.call('POST', '/api/companies/', { token: admin, body: { name, technical_meta_data: 'x' } });
      expect(reply.status).toBe(400);
      expect((await t.call('GET', `/api/companies/?name=${name}`, { token: admin })).body).toEqual([]);
    });

    it('step 3: a middle_name of "" reads back as "" on creation, by id and in the list', async () => {
      const profile =
        apiVersion === 6
          ? { company_id: ACME, user_type: 'CLIENT_SERVICE', first_name: 'john', last_name: 'doe', middle_name: '' }
          : { company_id: ACME, user_type: 'CLIENT', first_name: 'john', last_name: 'doe', middle_name: '', is_admin: false, is_service: true };
      const created = await t.call('POST', '/api/users/', { token: admin, body: newUser(`guide${apiVersion}@acme.example.com`, profile) });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ middle_name: '', is_service: true, is_active: true });
      const byId = await t.call('GET', `/api/users/${created.body.user_id}/`, { token: admin });
      expect(byId.body).toEqual(created.body);
      const listed = await t.call('GET', `/api/users/?company_id=${ACME}`, { token: admin });
      expect(listed.body.find((u: { user_id: string }) => u.user_id === created.body.user_id)).toEqual(created.body);
    });

    it('step 4: the service token answer is token_id, user_id, access_token, expire_date and session_id 0, nothing about when it was issued', async () => {
      const reply = await t.call('GET', `/api/authorize/service_token/${SERVICE_ID}`, { token: admin });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        token_id: expect.any(String),
        user_id: SERVICE_ID,
        access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expire_date: t.clock / 1000 + FIVE_YEARS,
        session_id: 0,
      });
    });
  });
}
