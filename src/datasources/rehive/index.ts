import type { AccountSlot, UpstreamEnvironment, UpstreamModule } from '../core/upstream.js';
import { RehiveAuth, type RehiveCredentials } from './auth.js';
import { RehiveDataSource } from './data-source.js';

/** The Rehive platform's `/3/auth/` API: registration, sign-in with MFA, tokens, verification, account flows. */
export const rehiveModule = {
  name: 'rehive',
  create: ({ client, now }: UpstreamEnvironment) => {
    const shared = { client, auth: new RehiveAuth(client, now) };
    return { client, dataSource: (account: AccountSlot<unknown>, requestId?: string) => new RehiveDataSource(shared, account as AccountSlot<RehiveCredentials>, requestId) };
  },
} satisfies UpstreamModule<RehiveDataSource>;
