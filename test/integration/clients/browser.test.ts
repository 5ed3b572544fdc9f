import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { startStack, type Stack } from '../../helpers/stack.js';

/**
 * A real browser (Debian's chromium, driven by playwright-core; no browser is ever downloaded) runs
 * a browser app served from another origin than the gateway's, in cookie mode. Both origins are
 * http://localhost on different ports: different origins, same site, as SameSite=Lax cookies need.
 * CI installs chromium (.ci/run) and sets GATEHOUSE_BROWSER_TESTS=required, so a missing browser
 * fails there; elsewhere these tests are skipped with a message.
 */
const CHROMIUM = '/usr/bin/chromium';
const installed = existsSync(CHROMIUM);
const required = process.env.GATEHOUSE_BROWSER_TESTS === 'required';
if (!installed && !required) console.warn(`[browser] skipped: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);

/**
 * Chromium on a closed network: nothing phones home, nothing is fetched but the pages under test.
 * No sandbox (CI runs as root); headless and a fresh --user-data-dir come from the launch options.
 */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The browser app: one page whose script calls the gateway with the browser's cookies. */
const appPage = (gateway: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>app</title></head><body>
<script>
  const GATEWAY = ${JSON.stringify(`${gateway}/graphql`)};
  /** The answer, or how the browser refused it. */
  async function gql(query, variables) {
    try {
      const response = await fetch(GATEWAY, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return await response.json();
    } catch (error) {
      return { failed: error.name + ': ' + error.message };
    }
  }
  /** What any page can send without CORS: a simple GET (no preflight) that it cannot read the answer of. */
  async function simpleGet(query) {
    await fetch(GATEWAY + '?query=' + encodeURIComponent(query), { mode: 'no-cors', credentials: 'include' });
    return 'sent';
  }
</script>
</body></html>`;

/** What the app page's script offers on its window (typed here: the tests have no DOM types). */
interface AppWindow {
  gql(query: string, variables: unknown): Promise<unknown>;
  simpleGet(query: string): Promise<string>;
  document: { cookie: string };
}

/** Serves one page at / on a loopback port; browsers reach it as http://localhost:<port>. */
async function servePage(html: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url !== '/') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

const VIEWER = `{ viewer { signedIn accounts { upstream login } hr { fullName } } }`;
const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { account { upstream login } } }`;

describe.skipIf(!installed && !required)('a browser app on another origin, in cookie mode (Chromium)', () => {
  let stack: Stack;
  let app: { origin: string; server: Server };
  let other: { origin: string; server: Server };
  let profile: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    if (!installed) throw new Error(`GATEHOUSE_BROWSER_TESTS=required, but there is no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);
    // The pages need the gateway's address, the gateway needs the app's origin: the pages are
    // rendered per request, once both are known.
    let gateway = '';
    app = await servePage(() => appPage(gateway));
    other = await servePage(() => appPage(gateway));
    stack = await startStack({ forensic: false, rehive: false, env: { SESSION_COOKIE: 'true', CORS_ORIGINS: app.origin } });
    gateway = `http://localhost:${new URL(stack.url).port}`;
    profile = await mkdtemp(join(tmpdir(), 'gatehouse-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await stack?.close();
    for (const page of [app, other]) if (page) await new Promise((resolve) => page.server.close(resolve));
  });

  const open = async (origin: string): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    return page;
  };
  /** Runs the page's own gql() (its fetch, with the browser's cookies) and returns what it got. */
  const gql = (page: Page, query: string, variables: Record<string, unknown> = {}) =>
    page.evaluate(([q, v]) => (globalThis as unknown as AppWindow).gql(q, v), [query, variables] as const);

  it('signs in, reads viewer, links a second account (a second tab follows the rotation), signs out', async () => {
    const tab = await open(app.origin);
    expect(await gql(tab, VIEWER)).toEqual({ data: { viewer: { signedIn: false, accounts: [], hr: null } } });

    const signedIn = await gql(tab, SIGN_IN, { input: { upstream: 'HR', login: 'ana.garcia@example.com', password: DEMO_PASSWORD } });
    expect(signedIn).toEqual({ data: { signIn: { account: { upstream: 'HR', login: 'ana.garcia@example.com' } } } });
    // HttpOnly: the page's scripts never see the session cookie.
    expect(await tab.evaluate(() => (globalThis as unknown as AppWindow).document.cookie)).toBe('');
    expect(await gql(tab, VIEWER)).toEqual({ data: { viewer: { signedIn: true, accounts: [{ upstream: 'HR', login: 'ana.garcia@example.com' }], hr: { fullName: 'Ana García' } } } });

    // Linking rotates the token; the browser's one cookie jar gives every tab the new one.
    const second = await open(app.origin);
    await gql(tab, SIGN_IN, { input: { upstream: 'LENEL', login: 'operator', password: DEMO_PASSWORD } });
    const both = { signedIn: true, accounts: [{ upstream: 'LENEL', login: 'operator' }, { upstream: 'HR', login: 'ana.garcia@example.com' }], hr: { fullName: 'Ana García' } };
    expect(await gql(second, VIEWER)).toEqual({ data: { viewer: both } });

    expect(await gql(second, `mutation { signOut }`)).toEqual({ data: { signOut: true } });
    expect(await gql(tab, VIEWER)).toEqual({ data: { viewer: { signedIn: false, accounts: [], hr: null } } });
  });

  it('refuses a page from an origin not in CORS_ORIGINS, and CSRF prevention refuses its simple requests', async () => {
    const tab = await open(app.origin);
    await gql(tab, SIGN_IN, { input: { upstream: 'HR', login: 'ana.garcia@example.com', password: DEMO_PASSWORD } });
    const stranger = await open(other.origin);
    const signInsBefore = stack.hr.server.count('POST', '/api/auth/token');

    // The preflight gets no CORS headers: the browser never sends the request, the page gets an error.
    const refused = await gql(stranger, SIGN_IN, { input: { upstream: 'HR', login: 'ana.garcia@example.com', password: DEMO_PASSWORD } });
    expect(refused).toEqual({ failed: 'TypeError: Failed to fetch' });
    expect(stack.hr.server.count('POST', '/api/auth/token')).toBe(signInsBefore);

    // A simple GET needs no preflight and carries the cookie (the page is same-site), but CSRF
    // prevention refuses it before anything runs: no upstream is called for the victim's session.
    const profileReadsBefore = stack.hr.server.count('GET', '/api/auth/me/');
    expect(await stranger.evaluate(() => (globalThis as unknown as AppWindow).simpleGet('{ viewer { hr { fullName } } }'))).toBe('sent');
    expect(stack.hr.server.count('GET', '/api/auth/me/')).toBe(profileReadsBefore);
    expect(await gql(tab, `{ viewer { signedIn } }`)).toEqual({ data: { viewer: { signedIn: true } } });
  });
});
