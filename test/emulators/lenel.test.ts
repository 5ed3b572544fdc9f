import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, HR_DEMO_USERS } from '../../src/emulators/demo-logins.js';
import { createLenelEmulator, LENEL_DEMO_IDS, type BadgeJson, type Employee, type LenelEmulator } from '../../src/emulators/lenel/index.js';

const TOKEN_NOT_VALID = {
  detail: 'Given token not valid for any token type',
  code: 'token_not_valid',
  messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }],
};

interface Client {
  post(path: string, body: unknown, token?: string): Promise<Response>;
  get(path: string, token?: string): Promise<Response>;
  login(username?: string, password?: string): Promise<{ access: string; refresh: string }>;
}

function client(emulator: LenelEmulator): Client {
  const headers = (token?: string): Record<string, string> => ({
    accept: 'application/json',
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const c: Client = {
    post: (path, body, token) =>
      fetch(`${emulator.url}${path}`, { method: 'POST', headers: headers(token), body: typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' }),
    get: (path, token) => fetch(`${emulator.url}${path}`, { headers: headers(token), redirect: 'manual' }),
    login: async (username = 'operator', password = DEMO_PASSWORD) => {
      const res = await c.post('/auth/token/', { username, password });
      expect(res.status).toBe(200);
      return (await res.json()) as { access: string; refresh: string };
    },
  };
  return c;
}

function payload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('lenel emulator: authentication', () => {
  let clock = Date.UTC(2026, 9, 1, 8, 0, 0);
  const emulator = createLenelEmulator({ now: () => clock, accessLifetimeSeconds: 60, refreshLifetimeSeconds: 600 });
  const api = client(emulator);
  beforeAll(() => emulator.listen());
  afterAll(() => emulator.close());

  it('issues simplejwt tokens for the demo users', async () => {
    for (const username of ['operator', 'viewer', 'gatehouse-service']) {
      const { access, refresh } = await api.login(username);
      expect(payload(access)).toMatchObject({ token_type: 'access', exp: clock / 1000 + 60, iat: clock / 1000 });
      expect(payload(access).jti).toMatch(/^[0-9a-f]{32}$/);
      expect(payload(refresh)).toMatchObject({ token_type: 'refresh', exp: clock / 1000 + 600 });
      expect(typeof payload(refresh).user_id).toBe('number');
    }
  });

  it('rejects wrong credentials with 401 and no code', async () => {
    const res = await api.post('/auth/token/', { username: 'operator', password: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await res.json()).toEqual({ detail: 'No active account found with the given credentials' });
    const unknown = await api.post('/auth/token/', { username: 'nobody', password: DEMO_PASSWORD });
    expect(unknown.status).toBe(401);
  });

  it('reports missing and blank login fields', async () => {
    const res = await api.post('/auth/token/', { password: '' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ username: ['This field is required.'], password: ['This field may not be blank.'] });
  });

  it('refreshes without rotation: only a new access token', async () => {
    const { refresh } = await api.login();
    const res = await api.post('/auth/token/refresh/', { refresh });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['access']);
    expect((await api.get('/api/badges/', body.access)).status).toBe(200);
    // Without rotation the same refresh token keeps working.
    expect((await api.post('/auth/token/refresh/', { refresh })).status).toBe(200);
  });

  it('refuses an access token, garbage and a missing field at refresh', async () => {
    const { access } = await api.login();
    let res = await api.post('/auth/token/refresh/', { refresh: access });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: 'Token has wrong type', code: 'token_not_valid' });
    res = await api.post('/auth/token/refresh/', { refresh: 'garbage' });
    expect(await res.json()).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
    res = await api.post('/auth/token/refresh/', {});
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ refresh: ['This field is required.'] });
  });

  it('expires access and refresh tokens on the emulator clock', async () => {
    const { access, refresh } = await api.login();
    clock += 61_000;
    let res = await api.get('/api/badges/', access);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await res.json()).toEqual(TOKEN_NOT_VALID);
    expect((await api.post('/auth/token/refresh/', { refresh })).status).toBe(200);
    clock += 600_000;
    res = await api.post('/auth/token/refresh/', { refresh });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
  });

  it('answers the catalogue 401s for missing or malformed Authorization headers', async () => {
    const notProvided = { detail: 'Authentication credentials were not provided.' };
    let res = await fetch(`${emulator.url}/api/badges/`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(notProvided);
    const { access } = await api.login();
    res = await fetch(`${emulator.url}/api/badges/`, { headers: { authorization: `bearer ${access}` } });
    expect(await res.json()).toEqual(notProvided);
    res = await fetch(`${emulator.url}/api/badges/`, { headers: { authorization: 'Bearer' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: 'Authorization header must contain two space-delimited values', code: 'bad_authorization_header' });
    res = await fetch(`${emulator.url}/api/badges/`, { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(await res.json()).toEqual(TOKEN_NOT_VALID);
  });

  it('rejects tokens of inactive and deleted users', async () => {
    emulator.addUser({ username: 'temp', password: 'pw', role: 'operator' });
    const { access } = await api.login('temp', 'pw');
    emulator.setUserActive('temp', false);
    let res = await api.get('/api/employees/', access);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: 'User is inactive', code: 'user_inactive' });
    expect((await api.post('/auth/token/', { username: 'temp', password: 'pw' })).status).toBe(401);
    emulator.removeUser('temp');
    res = await api.get('/api/employees/', access);
    expect(await res.json()).toEqual({ detail: 'User not found', code: 'user_not_found' });
  });
});

describe('lenel emulator: refresh rotation', () => {
  const emulator = createLenelEmulator({ rotateRefreshTokens: true, userIdAsString: true });
  const api = client(emulator);
  beforeAll(() => emulator.listen());
  afterAll(() => emulator.close());

  it('returns a new refresh token and blacklists the old one', async () => {
    const { refresh } = await api.login();
    expect(typeof payload(refresh).user_id).toBe('string');
    const res = await api.post('/auth/token/refresh/', { refresh });
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['access', 'refresh']);
    const again = await api.post('/auth/token/refresh/', { refresh });
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
    expect((await api.post('/auth/token/refresh/', { refresh: body.refresh })).status).toBe(200);
  });
});

describe('lenel emulator: demo data and lists', () => {
  const emulator = createLenelEmulator();
  const api = client(emulator);
  let token = '';
  let badges: BadgeJson[] = [];
  let employees: Employee[] = [];
  beforeAll(async () => {
    await emulator.listen();
    token = (await api.login('gatehouse-service')).access;
    badges = (await (await api.get('/api/badges/', token)).json()) as BadgeJson[];
    employees = (await (await api.get('/api/employees/', token)).json()) as Employee[];
  });
  afterAll(() => emulator.close());

  it('serves bare arrays of the demo site', () => {
    expect(badges).toHaveLength(60);
    expect(employees).toHaveLength(36);
    expect(badges.map((b) => b.id)).toEqual(badges.map((_, i) => i + 1));
    expect(Object.keys(badges[0]!)).toEqual([
      'id', 'badge_number', 'employee_id', 'status', 'status_name', 'type', 'activation_date', 'deactivation_date', 'last_changed',
    ]);
    expect(Object.keys(employees[0]!)).toEqual([
      'id', 'first_name', 'middle_name', 'last_name', 'employee_number', 'email', 'department', 'title', 'phone', 'last_changed',
    ]);
  });

  it('has every status of the site, every type, unassigned badges and nobody above the limit', () => {
    const statuses = new Map(badges.map((b) => [b.status, b.status_name]));
    expect([...statuses.entries()].sort(([a], [b]) => a - b)).toEqual([
      [1, 'Active'], [2, 'Lost'], [3, 'Returned'], [4, 'Inactive'], [5, 'Destroyed'], [7, 'Suspended'],
    ]);
    expect(new Set(badges.map((b) => b.type))).toEqual(new Set(['Permanent', 'Temporary', 'Visitor']));
    expect(badges.filter((b) => b.employee_id === null).length).toBeGreaterThan(3);
    const active = new Map<number, number>();
    for (const b of badges) if (b.status === 1 && b.employee_id !== null) active.set(b.employee_id, (active.get(b.employee_id) ?? 0) + 1);
    expect(Math.max(...active.values())).toBe(2);
    const ids = new Set(employees.map((e) => e.id));
    for (const b of badges) if (b.employee_id !== null) expect(ids.has(b.employee_id)).toBe(true);
    for (const b of badges) {
      expect(b.badge_number).toMatch(/^\d+$/);
      if (b.status === 1) expect(b.deactivation_date).toBeNull();
      for (const date of [b.activation_date, b.deactivation_date, b.last_changed]) if (date !== null) expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('has the HR demo users as cardholders, e-mails in another case', () => {
    for (const user of HR_DEMO_USERS) {
      const match = employees.filter((e) => e.first_name === user.firstName && e.last_name === user.lastName);
      expect(match).toHaveLength(1);
      expect(match[0]!.email).toBe(user.lenelEmail);
      if (user.lenelEmail) expect(user.lenelEmail).not.toBe(user.email);
    }
    expect(employees.some((e) => e.email === '')).toBe(true);
    expect(employees.filter((e) => e.email === null).length).toBeGreaterThan(1);
  });

  it('ignores unknown query parameters', async () => {
    const res = await api.get('/api/badges/?employee_id=5&search=x', token);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual(badges);
  });

  it('answers a missing trailing slash with 301, an extra slash and unknown paths with the HTML 404, a wrong method with 405', async () => {
    let res = await api.get('/api/badges?x=1', token);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/api/badges/?x=1');
    expect(await res.text()).toBe('');
    res = await api.post('/auth/token', { username: 'operator', password: DEMO_PASSWORD });
    expect(res.status).toBe(301);
    res = await api.get('/api/badges//', token);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<h1>Not Found</h1>');
    res = await api.get('/api/badge/', token);
    expect(res.status).toBe(404);
    res = await api.post('/api/badges/', {}, token);
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ detail: 'Method "POST" not allowed.' });
    // DRF authenticates before it dispatches on the method.
    expect((await api.post('/api/badges/', {})).status).toBe(401);
    res = await api.get('/auth/token/');
    expect(res.status).toBe(405);
  });

  it('logs requests and injects faults', async () => {
    emulator.server.clearLog();
    emulator.server.addFault({ path: '/api/employees/', sequence: [503, 'pass'] });
    expect((await api.get('/api/employees/', token)).status).toBe(503);
    expect((await api.get('/api/employees/', token)).status).toBe(200);
    expect(emulator.server.count('GET', '/api/employees/')).toBe(2);
    expect(emulator.server.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
  });
});

describe('lenel emulator: pagination', () => {
  const emulator = createLenelEmulator({ pageSize: 25 });
  const api = client(emulator);
  let token = '';
  beforeAll(async () => {
    await emulator.listen();
    token = (await api.login('viewer')).access;
  });
  afterAll(() => emulator.close());

  it('serves DRF page envelopes with absolute links from Host, other parameters kept', async () => {
    const host = new URL(emulator.url).host;
    let res = await api.get('/api/badges/?zeta=1&alpha=2', token);
    let body = (await res.json()) as { count: number; next: string | null; previous: string | null; results: BadgeJson[] };
    expect(body.count).toBe(60);
    expect(body.results.map((b) => b.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(body.previous).toBeNull();
    expect(body.next).toBe(`http://${host}/api/badges/?alpha=2&page=2&zeta=1`);
    res = await fetch(body.next!, { headers: { authorization: `Bearer ${token}` } });
    body = (await res.json()) as typeof body;
    expect(body.results[0]!.id).toBe(26);
    expect(body.previous).toBe(`http://${host}/api/badges/?alpha=2&zeta=1`);
    res = await api.get('/api/badges/?page=last', token);
    body = (await res.json()) as typeof body;
    expect(body.results.map((b) => b.id)).toEqual(Array.from({ length: 10 }, (_, i) => i + 51));
    expect(body.next).toBeNull();
  });

  it('answers an out-of-range or non-numeric page with 404 "Invalid page."', async () => {
    for (const page of ['0', '4', 'abc', '1.5']) {
      const res = await api.get(`/api/employees/?page=${page}`, token);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ detail: 'Invalid page.' });
    }
    const res = await api.get('/api/employees/?page=2', token);
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(11);
  });

  it('follows a page size change at run time', async () => {
    emulator.pageSize = undefined;
    const res = await api.get('/api/employees/', token);
    expect(Array.isArray(await res.json())).toBe(true);
    emulator.pageSize = 25;
  });
});

describe('lenel emulator: update-badges', () => {
  let clock = Date.UTC(2026, 9, 1, 8, 0, 0, 651);
  const emulator = createLenelEmulator({ now: () => clock });
  const api = client(emulator);
  let operator = '';
  let viewer = '';
  beforeAll(async () => {
    await emulator.listen();
    operator = (await api.login('operator')).access;
    viewer = (await api.login('viewer')).access;
  });
  afterAll(() => emulator.close());

  const update = (body: unknown, token = operator): Promise<Response> => api.post('/api/update-badges/', body, token);

  it('activates and deactivates a badge, setting the dates', async () => {
    let res = await update({ badge_id: 37, status: 1 });
    expect(res.status).toBe(200);
    let badge = (await res.json()) as BadgeJson;
    expect(badge).toMatchObject({
      id: 37,
      employee_id: 5,
      status: 1,
      status_name: 'Active',
      activation_date: '2026-10-01T08:00:00.651000Z',
      deactivation_date: null,
      last_changed: '2026-10-01T08:00:00.651000Z',
    });
    clock += 60_000;
    res = await update({ badge_id: 37, status: 4 });
    badge = (await res.json()) as BadgeJson;
    expect(badge).toMatchObject({
      status: 4,
      status_name: 'Inactive',
      activation_date: '2026-10-01T08:00:00.651000Z',
      deactivation_date: '2026-10-01T08:01:00.651000Z',
      last_changed: '2026-10-01T08:01:00.651000Z',
    });
    expect(emulator.badge(37)).toEqual(badge);
  });

  it('shows the change in the (cached) list at once', async () => {
    const before = (await (await api.get('/api/badges/', viewer)).json()) as BadgeJson[];
    expect(before.find((b) => b.id === 1)!.status).toBe(1);
    await update({ badge_id: 1, status: 4 });
    const after = (await (await api.get('/api/badges/', viewer)).json()) as BadgeJson[];
    expect(after.find((b) => b.id === 1)!.status).toBe(4);
    await update({ badge_id: 1, status: 1 });
  });

  it('is idempotent: the same status changes nothing', async () => {
    const before = emulator.badge(2)!;
    clock += 60_000;
    const res = await update({ badge_id: 2, status: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(before);
    expect(emulator.badge(2)).toEqual(before);
  });

  it('accepts integers as strings, like DRF', async () => {
    const res = await update({ badge_id: '48', status: '1' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as BadgeJson).status).toBe(1);
  });

  it('reports missing fields', async () => {
    let res = await update({});
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ badge_id: ['This field is required.'], status: ['This field is required.'] });
    res = await update({ status: 1 });
    expect(await res.json()).toEqual({ badge_id: ['This field is required.'] });
    res = await api.post('/api/update-badges/', '', operator);
    expect(await res.json()).toEqual({ badge_id: ['This field is required.'], status: ['This field is required.'] });
  });

  it('reports non-integer ids, null and invalid choices', async () => {
    for (const badgeId of ['abc', 12.5, true, [1], '']) {
      const res = await update({ badge_id: badgeId, status: 1 });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ badge_id: ['A valid integer is required.'] });
    }
    let res = await update({ badge_id: 12, status: 2 });
    expect(await res.json()).toEqual({ status: ['"2" is not a valid choice.'] });
    res = await update({ badge_id: 12, status: 'activate' });
    expect(await res.json()).toEqual({ status: ['"activate" is not a valid choice.'] });
    res = await update({ badge_id: 12, status: true });
    expect(await res.json()).toEqual({ status: ['"True" is not a valid choice.'] });
    res = await update({ badge_id: null, status: null });
    expect(await res.json()).toEqual({ badge_id: ['This field may not be null.'], status: ['This field may not be null.'] });
    res = await update({ badge_id: 'x', status: 7 });
    expect(await res.json()).toEqual({ badge_id: ['A valid integer is required.'], status: ['"7" is not a valid choice.'] });
  });

  it('answers 404 for an unknown badge, after field validation', async () => {
    let res = await update({ badge_id: 99_999, status: 1 });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'Not found.' });
    res = await update({ badge_id: 99_999, status: 3 });
    expect(res.status).toBe(400);
    res = await update({ badge_id: '99999999999999999999', status: 1 });
    expect(res.status).toBe(500);
  });

  it("enforces the site's maximum of active badges", async () => {
    expect(emulator.activeBadgeCount(6)).toBe(2);
    const res = await update({ badge_id: 39, status: 1 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ non_field_errors: ['Employee 6 already has the maximum number of active badges.'] });
    expect(emulator.badge(39)!.status).toBe(4);
    // Deactivating one frees a slot.
    await update({ badge_id: 38, status: 4 });
    expect((await update({ badge_id: 39, status: 1 })).status).toBe(200);
    // An unassigned badge has no limit.
    expect((await update({ badge_id: 54, status: 1 })).status).toBe(200);
  });

  it('activates a lost or suspended badge (any status may be set to 1 or 4)', async () => {
    expect(emulator.badge(33)!.status).toBe(7);
    const res = await update({ badge_id: 33, status: 4 });
    expect(((await res.json()) as BadgeJson).status_name).toBe('Inactive');
  });

  it('forbids viewers and checks permission before the body', async () => {
    let res = await update({ badge_id: 37, status: 1 }, viewer);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: 'You do not have permission to perform this action.' });
    res = await api.post('/api/update-badges/', '{oops', viewer);
    expect(res.status).toBe(403);
    res = await update({ badge_id: 37, status: 1 }, 'x.y.z');
    expect(res.status).toBe(401);
    res = await api.get('/api/update-badges/', operator);
    expect(res.status).toBe(405);
  });

  it('reports malformed bodies like DRF', async () => {
    let res = await api.post('/api/update-badges/', '{oops', operator);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' });
    res = await fetch(`${emulator.url}/api/update-badges/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'text/plain' },
      body: 'badge_id=1',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
    res = await api.post('/api/update-badges/', '[1]', operator);
    expect(await res.json()).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    res = await api.post('/api/update-badges/', 'null', operator);
    expect(await res.json()).toEqual({ non_field_errors: ['No data provided'] });
  });
});

describe('lenel emulator: test helpers', () => {
  const emulator = createLenelEmulator({ demo: false, maxActiveBadgesPerEmployee: 1 });
  const api = client(emulator);
  let token = '';
  beforeAll(async () => {
    await emulator.listen();
    emulator.addUser({ username: 'op', password: 'secret', role: 'operator' });
    token = (await api.login('op', 'secret')).access;
  });
  afterAll(() => emulator.close());

  it('starts empty without demo data', async () => {
    expect(await (await api.get('/api/badges/', token)).json()).toEqual([]);
    expect((await api.post('/auth/token/', { username: 'operator', password: DEMO_PASSWORD })).status).toBe(401);
  });

  it('adds employees, badges and site-specific statuses', async () => {
    const employeeId = emulator.addEmployee({ first_name: 'Zoe', last_name: 'Test', email: 'Zoe@Example.com' });
    const a = emulator.addBadge({ employee_id: employeeId });
    const b = emulator.addBadge({ employee_id: employeeId, status: 4, type: 'Visitor' });
    expect(emulator.employee(employeeId)).toMatchObject({ id: 1, first_name: 'Zoe', email: 'Zoe@Example.com' });
    expect(emulator.badge(a)).toMatchObject({ id: 1, status: 1, status_name: 'Active', employee_id: 1 });
    const res = await api.post('/api/update-badges/', { badge_id: b, status: 1 }, token);
    expect(await res.json()).toEqual({ non_field_errors: [`Employee ${employeeId} already has the maximum number of active badges.`] });

    expect(() => emulator.setBadgeStatus(a, 9)).toThrow();
    emulator.setBadgeStatus(a, 9, 'Stolen');
    const list = (await (await api.get('/api/badges/', token)).json()) as BadgeJson[];
    expect(list[0]).toMatchObject({ status: 9, status_name: 'Stolen' });
    emulator.addStatus(9, 'Stolen (reported)');
    expect(((await (await api.get('/api/badges/', token)).json()) as BadgeJson[])[0]!.status_name).toBe('Stolen (reported)');
    // A badge in an unknown-to-the-API status can be deactivated.
    expect((await api.post('/api/update-badges/', { badge_id: a, status: 4 }, token)).status).toBe(200);
  });

  it('keeps ids in order when a test adds an explicit lower id', async () => {
    emulator.addBadge({ id: 100 });
    emulator.addBadge({ id: 50 });
    emulator.setBadgeStatus(50, 4);
    const list = (await (await api.get('/api/badges/', token)).json()) as BadgeJson[];
    expect(list.map((b) => b.id)).toEqual([1, 2, 50, 100]);
    expect(list[2]!.status).toBe(4);
  });
});

describe('lenel emulator: large site', () => {
  const emulator = createLenelEmulator({ pageSize: undefined });
  const api = client(emulator);
  let token = '';
  beforeAll(async () => {
    await emulator.listen();
    token = (await api.login()).access;
  });
  afterAll(() => emulator.close());

  it('generates 50,000 badges and 20,000 cardholders deterministically', () => {
    const result = emulator.generateLargeSite({ badges: 50_000, employees: 20_000 });
    expect(result).toEqual({ firstEmployeeId: 37, lastEmployeeId: 20_036, firstBadgeId: 61, lastBadgeId: 50_060 });
    expect(emulator.badgeCount).toBe(50_060);
    expect(emulator.employeeCount).toBe(20_036);
    const twin = createLenelEmulator();
    twin.generateLargeSite({ badges: 50_000, employees: 20_000 });
    expect(twin.badge(40_000)).toEqual(emulator.badge(40_000));
    expect(twin.employee(15_000)).toEqual(emulator.employee(15_000));
  });

  it('serves the full lists, again from cache, and never above the active-badge limit', async () => {
    const badges = (await (await api.get('/api/badges/', token)).json()) as BadgeJson[];
    expect(badges).toHaveLength(50_060);
    const active = new Map<number, number>();
    for (const b of badges) if (b.status === 1 && b.employee_id !== null) active.set(b.employee_id, (active.get(b.employee_id) ?? 0) + 1);
    expect(Math.max(...active.values())).toBeLessThanOrEqual(2);
    expect(new Set(badges.map((b) => b.status))).toEqual(new Set([1, 2, 3, 4, 5, 7]));

    // Served again from the cached JSON: byte-for-byte the same list.
    const again = await (await api.get('/api/badges/', token)).text();
    expect(JSON.parse(again)).toEqual(badges);
    const employees = (await (await api.get('/api/employees/', token)).json()) as Employee[];
    expect(employees).toHaveLength(20_036);
  });

  it('invalidates the cache on update, and pages a large site', async () => {
    const target = (emulator.badge(50_060)!.status === 4 ? 1 : 4) as 1 | 4;
    const res = await api.post('/api/update-badges/', { badge_id: 50_060, status: target }, token);
    expect([200, 400]).toContain(res.status);
    const expected = emulator.badge(50_060)!;
    const badges = (await (await api.get('/api/badges/', token)).json()) as BadgeJson[];
    expect(badges.at(-1)).toEqual(expected);

    emulator.pageSize = 1000;
    const page = (await (await api.get('/api/badges/?page=last', token)).json()) as { count: number; results: BadgeJson[] };
    expect(page.count).toBe(50_060);
    expect(page.results).toHaveLength(60);
    expect(page.results.at(-1)).toEqual(expected);
  });
});

describe('lenel emulator: demo ids', () => {
  it('match the demo data', () => {
    const emulator = createLenelEmulator();
    const { employees, badges } = LENEL_DEMO_IDS;
    expect(emulator.employee(employees.johnDoe)).toMatchObject({ first_name: 'John', last_name: 'Doe' });
    expect(emulator.employee(employees.omarHaddad)).toMatchObject({ last_name: 'Haddad', email: null });
    expect(emulator.badge(badges.activatable)).toMatchObject({ employee_id: employees.anaGarcia, status: 4 });
    expect(emulator.badge(badges.overLimit)).toMatchObject({ employee_id: employees.johnDoe, status: 4 });
    expect(emulator.badge(badges.unassignedActive)).toMatchObject({ employee_id: null, status: 1 });
    expect(emulator.badge(badges.suspended)).toMatchObject({ status: 7, status_name: 'Suspended' });
    expect(emulator.outbox.messages).toEqual([]);
  });
});
