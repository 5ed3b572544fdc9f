import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  ms?: number;
  operationName?: string | null;
  operationType?: string;
  errorCodes?: string[];
}

describe('one access-log line per request', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ lenel: false, forensic: false, rehive: false });
  });
  afterAll(() => stack.close());
  const accessLines = (requestId: string) => stack.logs.map((line) => JSON.parse(line) as LogLine).filter((line) => line.msg === 'request' && line.requestId === requestId);

  it('tells the operation, its type, status, duration and error codes, and never the variables', async () => {
    const password = 'a-password-that-must-not-be-logged';
    await stack.gql(
      `mutation SignInPlease($input: SignInInput!) { signIn(input: $input) { token } }`,
      { input: { upstream: 'HR', login: 'ana.garcia@example.com', password } },
      { headers: { 'x-request-id': 'access-1' } },
    );
    const lines = accessLines('access-1');
    expect(lines).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        service: 'gatehouse',
        msg: 'request',
        requestId: 'access-1',
        method: 'POST',
        route: '/graphql',
        status: 200,
        ms: expect.any(Number),
        operationName: 'SignInPlease',
        operationType: 'mutation',
        errorCodes: ['UNAUTHENTICATED'],
      },
    ]);
    expect(stack.logs.join('\n')).not.toContain(password);
  });

  it('logs requests that fail before GraphQL runs, with their HTTP status', async () => {
    await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'access-2' }, body: '{"query": "{ viewer { signedIn } }"'.padEnd(200_000, ' ') + '}' });
    expect(accessLines('access-2')).toEqual([expect.objectContaining({ level: 30, route: '/graphql', status: 413 })]);
  });

  it('keeps health probes out of the info log', async () => {
    await fetch(`${stack.url}/healthz`, { headers: { 'x-request-id': 'access-3' } });
    expect(accessLines('access-3')).toEqual([expect.objectContaining({ level: 20, route: '/healthz', status: 200 })]);
  });

  it('counts requests by their first error code', async () => {
    await stack.gql(`{ leaveRequests { totalCount } }`);
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toMatch(/gatehouse_graphql_requests_total\{operation_type="query",outcome="error",error_code="UNAUTHENTICATED"\} \d+/);
  });
});

/** Runs `npm start`'s entry point (from source) and collects what it prints until it exits or prints `until`. */
function runGateway(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const check = () => {
      if (until && until.test(stdout)) child.kill('SIGTERM');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each case starts a gateway process from source: on a loaded machine that alone can take longer
// than the default test timeout.
describe('start-up', { timeout: 60_000 }, () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('stops with one line naming the port when it is in use', async () => {
    const result = await runGateway({ PORT: String(port), HOST: '127.0.0.1' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`Gatehouse could not start: port ${port} is already in use (PORT).`);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with one line per bad variable for a malformed upstream URL', async () => {
    const result = await runGateway({ HR_URL: 'hr.internal:8000', SESSION_SECRET: 'x'.repeat(40) });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration:\n  HR_URL: must be an http:// or https:// URL');
  });

  it('stops with one line naming the file when the persisted-document manifest cannot be loaded', async () => {
    const manifest = join(tmpdir(), `gatehouse-missing-${process.pid}`, 'persisted-documents.json');
    const result = await runGateway({ PORT: '0', PERSISTED_DOCUMENTS: manifest, PERSISTED_DOCUMENTS_ONLY: 'true' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`Gatehouse could not start: the persisted-document manifest ${manifest} (PERSISTED_DOCUMENTS) cannot be read (ENOENT).`);
    expect(result.stdout).not.toContain('Gatehouse is running');
  });

  it('does not mention Sandbox in production', async () => {
    const result = await runGateway({ PORT: '0', NODE_ENV: 'production' }, /Gatehouse is running/);
    expect(result.stdout).toMatch(/Gatehouse is running: http:\/\/127\.0\.0\.1:\d+\/graphql\n/);
    expect(result.stdout).not.toContain('Sandbox');
  });
});
