import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createForensicEmulator, type ForensicEmulator, type ForensicEmulatorOptions } from '../../src/emulators/forensic/index.js';
import { createHrEmulator, type HrEmulator, type HrEmulatorOptions } from '../../src/emulators/hr/index.js';
import { createLenelEmulator, type LenelEmulator, type LenelEmulatorOptions } from '../../src/emulators/lenel/index.js';
import { createRehiveEmulator, type RehiveEmulator, type RehiveEmulatorOptions } from '../../src/emulators/rehive/index.js';
import { DEMO_PASSWORD } from '../../src/emulators/demo-logins.js';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/metrics.js';
import { startGateway, type Gateway } from '../../src/server.js';
import { TestClock } from './clock.js';

/** The session secret every test gateway uses unless a test sets its own (replicas must share it). */
export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

export interface StackOptions {
  /** Emulator options per upstream; `false` leaves the upstream unconfigured. Default: all four with demo data. */
  hr?: HrEmulatorOptions | false;
  lenel?: LenelEmulatorOptions | false;
  forensic?: ForensicEmulatorOptions | false;
  rehive?: RehiveEmulatorOptions | false;
  /** Extra environment for the gateway's config (e.g. UPSTREAM_DEADLINE_MS). */
  env?: Record<string, string>;
  /** The clock of the gateway and of every emulator that has no `now` of its own. Default: a new one. */
  clock?: TestClock;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
  text: string;
}

export interface Stack {
  gateway: Gateway;
  url: string;
  /** Moves the gateway's and the emulators' time forward (`stack.clock.advance(ms)`) instead of sleeping. */
  clock: TestClock;
  hr: HrEmulator;
  lenel: LenelEmulator;
  forensic: ForensicEmulator;
  rehive: RehiveEmulator;
  /** Every log line the gateway wrote (JSON text). */
  logs: string[];
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { token?: string; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  /** Signs in and returns the session token (links into `token`'s session when given). */
  signIn(upstream: 'HR' | 'LENEL' | 'FORENSIC' | 'REHIVE', login: string, options?: { password?: string; company?: string; token?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real gateway on an ephemeral port in front of real emulators on ephemeral ports: what an
 * integration test talks to over HTTP.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const clock = options.clock ?? new TestClock();
  const hr = createHrEmulator({ now: clock.now, ...options.hr });
  const lenel = createLenelEmulator({ now: clock.now, ...options.lenel });
  const forensic = createForensicEmulator({ now: clock.now, ...options.forensic });
  const rehive = createRehiveEmulator({ now: clock.now, ...options.rehive });
  const env: Record<string, string> = { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'debug', ...options.env };
  if (options.hr !== false) env.HR_URL = await hr.listen();
  if (options.lenel !== false) env.LENEL_URL = await lenel.listen();
  if (options.forensic !== false) env.FORENSIC_URL = await forensic.listen();
  if (options.rehive !== false) env.REHIVE_URL = await rehive.listen();
  env.SESSION_SECRET ??= TEST_SESSION_SECRET;
  env.LENEL_SERVICE_USERNAME ??= 'gatehouse-service';
  env.LENEL_SERVICE_PASSWORD ??= DEMO_PASSWORD;

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, sink);
  const gateway = await startGateway({ config, logger, sessionSecret: env.SESSION_SECRET, metrics: new Metrics(), clock: clock.now });

  const gql: Stack['gql'] = async (query, variables, requestOptions = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...requestOptions.headers };
    if (requestOptions.token) headers.authorization = `Bearer ${requestOptions.token}`;
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    let body: GraphQLResponse['body'];
    try {
      body = JSON.parse(text) as GraphQLResponse['body'];
    } catch {
      body = {};
    }
    return { status: response.status, headers: response.headers, body: body as GraphQLResponse<never>['body'], text };
  };

  return {
    gateway,
    url: gateway.url,
    clock,
    hr,
    lenel,
    forensic,
    rehive,
    logs,
    gql,
    async signIn(upstream, login, signInOptions = {}) {
      const result = await gql<{ signIn: { token: string } }>(
        `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token } }`,
        { input: { upstream, login, password: signInOptions.password ?? DEMO_PASSWORD, ...(signInOptions.company ? { company: signInOptions.company } : {}) } },
        { token: signInOptions.token },
      );
      const token = result.body.data?.signIn.token;
      if (!token) throw new Error(`signIn failed: ${result.text}`);
      return token;
    },
    async close() {
      await gateway.close();
      await Promise.all([hr.close(), lenel.close(), forensic.close(), rehive.close()]);
    },
  };
}

/** The `extensions.code` of each error, in order. */
export const codes = (response: GraphQLResponse): unknown[] => (response.body.errors ?? []).map((error) => error.extensions?.code);
