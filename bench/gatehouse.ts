import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startGateway } from '../src/server.js';
import type { Peer } from './runner.js';

/** Gatehouse as deployed: configuration from the environment the harness sets (see contestants.ts). */
export async function start(env: NodeJS.ProcessEnv): Promise<Peer> {
  const config = loadConfig(env);
  const gateway = await startGateway({ config, logger: createLogger(config.logLevel), sessionSecret: config.session.secret! });
  return { url: gateway.url, close: () => gateway.close() };
}
