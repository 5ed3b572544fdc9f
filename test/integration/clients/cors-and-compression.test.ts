import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';
import { freshLenelSession } from '../lenel/accounts.js';

const APP = 'http://localhost:5173';

async function preflight(stack: Stack, origin: string) {
  return fetch(`${stack.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  });
}

describe('browser apps on another origin (CORS_ORIGINS)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false, env: { CORS_ORIGINS: `${APP}, https://app.example.com` } });
  });
  afterAll(() => stack.close());

  it('answers a listed origin\'s preflight before CSRF prevention, credentials allowed', async () => {
    const response = await preflight(stack, APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('lets a listed origin read the answer and the request id', async () => {
    const response = await stack.gql(`{ viewer { signedIn } }`, {}, { headers: { origin: APP } });
    expect(response.body).toEqual({ data: { viewer: { signedIn: false } } });
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('gives any other origin no CORS headers, so its browser withholds the answer', async () => {
    const response = await preflight(stack, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const actual = await stack.gql(`{ viewer { signedIn } }`, {}, { headers: { origin: 'https://evil.example' } });
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention on for actual requests, from listed origins too', async () => {
    const response = await fetch(`${stack.url}/graphql?query=${encodeURIComponent('{ viewer { signedIn } }')}`, { headers: { origin: APP } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });
});

describe('a gateway without CORS_ORIGINS', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());

  it('is same-origin only: no CORS headers for anyone', async () => {
    const response = await preflight(stack, APP);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

/** The raw (still compressed) response: fetch would decode it. */
function rawPost(url: string, body: string, headers: Record<string, string>): Promise<{ encoding: string | undefined; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('compression for mobile clients', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ hr: false, forensic: false, rehive: false });
    for (let i = 0; i < 100; i++) stack.lenel.addBadge({ id: 10_000 + i, employee_id: 5, status: 1 });
    ({ token } = await freshLenelSession(stack));
  });
  afterAll(() => stack.close());

  const BADGES = JSON.stringify({ query: '{ badges(first: 100) { edges { cursor node { id badgeNumber status statusCode statusName type activatedAt deactivatedAt lastChangedAt } } } }' });

  it('compresses large answers with gzip or br, and leaves small ones alone', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const plain = await rawPost(stack.url, BADGES, auth);
    const gzip = await rawPost(stack.url, BADGES, { ...auth, 'accept-encoding': 'gzip' });
    const br = await rawPost(stack.url, BADGES, { ...auth, 'accept-encoding': 'br, gzip' });
    const small = await rawPost(stack.url, JSON.stringify({ query: '{ viewer { signedIn } }' }), { ...auth, 'accept-encoding': 'gzip' });
    console.log(`[compression] 100 badges: ${plain.bytes} B plain, ${gzip.bytes} B gzip, ${br.bytes} B br`);
    expect(plain.encoding).toBeUndefined();
    expect(gzip.encoding).toBe('gzip');
    expect(br.encoding).toBe('br');
    expect(gzip.bytes).toBeLessThan(plain.bytes / 4);
    expect(br.bytes).toBeLessThan(plain.bytes / 4);
    expect(small.encoding).toBeUndefined();
  });
});
