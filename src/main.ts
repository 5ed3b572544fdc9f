import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DEMO_PASSWORD, FORENSIC_DEMO_USERS, HR_DEMO_USERS, LENEL_DEMO_USERS, LENEL_SERVICE_ACCOUNT, REHIVE_DEMO_COMPANY, REHIVE_DEMO_TOTP_SECRET, REHIVE_DEMO_USERS } from './emulators/demo-logins.js';
import { startDemoUpstreams, type DemoUpstreams } from './emulators/demo.js';
import { createLogger } from './logger.js';
import { startGateway } from './server.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  let demo: DemoUpstreams | undefined;
  if (config.demo) {
    demo = await startDemoUpstreams({
      forensicApiVersion: config.forensicApiVersion,
      // Demo only: what a real backend would e-mail or text, so a person can finish the flows.
      onOutbox: (upstream, message) => console.log(`[demo ${upstream} outbox] to ${message.to}: ${message.kind} ${JSON.stringify(message.data)}`),
    });
    for (const [name, url] of Object.entries(demo.urls)) config.upstreams[name as keyof typeof demo.urls].url = url;
    config.lenelService ??= { ...LENEL_SERVICE_ACCOUNT };
  }
  const sessionSecret = config.session.secret ?? randomBytes(32).toString('base64url');
  if (!config.session.secret) logger.warn('demo mode: SESSION_SECRET is not set, so a random one was generated; sessions end when the process stops');

  let gateway;
  try {
    gateway = await startGateway({ config, logger, sessionSecret });
  } catch (error) {
    // One line an operator can act on (which port or variable), not a stack trace.
    console.error(`Gatehouse could not start: ${startupProblem(error, config)}`);
    await demo?.close();
    process.exit(1);
  }
  printBanner(gateway.url, config);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void gateway
      .close()
      .then(() => demo?.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function startupProblem(error: unknown, config: Config): string {
  const { code, port } = error as { code?: string; port?: number };
  const variable = port !== undefined && port === config.metricsListener?.port ? 'METRICS_PORT' : 'PORT';
  if (code === 'EADDRINUSE') return `port ${port} is already in use (${variable}).`;
  if (code === 'EACCES') return `not allowed to listen on port ${port} (${variable}).`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on that address (HOST or METRICS_HOST).`;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function printBanner(url: string, config: Config): void {
  // Sandbox is served only outside production (the landing page plugin).
  const lines = [config.env === 'production' ? `Gatehouse is running: ${url}/graphql` : `Gatehouse is running: ${url}/graphql (Apollo Sandbox: open it in a browser)`];
  if (config.demo) {
    lines.push(
      '',
      'Demo mode: no upstream URL is set, so the built-in emulators serve demo data.',
      `Every demo login uses the password: ${DEMO_PASSWORD}`,
      `  HR       (upstream: HR, login = e-mail):        ${HR_DEMO_USERS.map((u) => u.email).join(', ')}`,
      `  Lenel    (upstream: LENEL, login = username):   ${LENEL_DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}`,
      `  Forensic (upstream: FORENSIC, login = e-mail):  ${FORENSIC_DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}`,
      `  Rehive   (upstream: REHIVE, company: "${REHIVE_DEMO_COMPANY}"): ${REHIVE_DEMO_USERS.map((u) => u.email).join(', ')}`,
      `           the MFA user's TOTP secret (add it to an authenticator app): ${REHIVE_DEMO_TOTP_SECRET}`,
      '',
      `First query: run the signIn mutation${config.env === 'production' ? '' : ' in Sandbox'}, then set the header  Authorization: Bearer <token>  and query viewer { hr { fullName } }.`,
    );
  }
  console.log(lines.join('\n'));
}

void main();
