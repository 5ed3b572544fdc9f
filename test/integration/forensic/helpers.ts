import { expect } from 'vitest';
import type { ForensicEmulatorOptions } from '../../../src/emulators/forensic/index.js';
import { globalId } from '../../helpers/ids.js';
import { startStack, type Stack } from '../../helpers/stack.js';

export const VERSIONS = [6, 5] as const;
export type Version = (typeof VERSIONS)[number];

export const ADMIN = 'admin@oz.example.com';
export const COMPANY_ADMIN = 'company.admin@oz.example.com';
export const OPERATOR = 'operator@oz.example.com';
export const ACME = '3f6c1a2e-8b4d-4e9a-9c71-0a5d2b7e4f10';
export const SERVICE_USER_ID = '5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d704';
/** Acme's id as clients see it. */
export const ACME_ID = globalId('Company', ACME, 'forensic');

/** The gateway configured for one Oz API version, in front of a forensic emulator of that version (other upstreams off). */
export function startForensicStack(version: Version, forensic: ForensicEmulatorOptions = {}, env: Record<string, string> = {}): Promise<Stack> {
  return startStack({ hr: false, lenel: false, rehive: false, forensic: { apiVersion: version, ...forensic }, env: { FORENSIC_API_VERSION: String(version), ...env } });
}

/** Every secret the emulator handed out (access, expire and service tokens) appears in no gateway log line. */
export function expectNoTokensInLogs(stack: Stack, extra: string[] = []): void {
  const secrets = [...stack.forensic.tokens.flatMap((t) => [t.accessToken, t.expireToken ?? '']), ...extra].filter((s) => s.length > 0);
  expect(secrets.length).toBeGreaterThan(0);
  const logs = stack.logs.join('\n');
  for (const secret of secrets) expect(logs.includes(secret), 'a token appears in the gateway log').toBe(false);
}

/** Parsed JSON bodies of the requests the emulator received for a method and path. */
export function bodiesOf(stack: Stack, method: string, path: string): Array<Record<string, unknown>> {
  return stack.forensic.server.requests.filter((r) => r.method === method && r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

export const refreshCount = (stack: Stack): number => stack.forensic.server.count('POST', '/api/authorize/refresh/');

export const USER_FIELDS = `id upstream email firstName lastName middleName fullName role active company { id upstream name inDeletion } analysisPermissions { biometry collection documents quality }`;

/** `GET /path?a=1&b=2` per request the emulator received, query parameters sorted. */
export const calls = (stack: Stack): string[] =>
  stack.forensic.server.requests.map((r) => {
    const query = [...r.query.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join('&');
    return `${r.method} ${r.path}${query ? `?${query}` : ''}`;
  });
