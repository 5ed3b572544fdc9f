import type { AccountSlot, UpstreamEnvironment, UpstreamModule } from '../core/upstream.js';
import { ForensicDataSource } from './data-source.js';
import { OzAuth, type OzCredentials } from './oz-auth.js';

/** The forensic upstream (Oz): companies, users and service tokens, API 5 or 6 behind one shape. */
export const forensicModule = {
  name: 'forensic',
  create: ({ client, config, refreshLock, now }: UpstreamEnvironment) => {
    const shared = { client, auth: new OzAuth(client, now, refreshLock), apiVersion: config.forensicApiVersion };
    return { client, dataSource: (account: AccountSlot<unknown>, requestId?: string) => new ForensicDataSource(shared, account as AccountSlot<OzCredentials>, requestId) };
  },
} satisfies UpstreamModule<ForensicDataSource>;
