import type { UpstreamClient } from '../core/http-client.js';
import type { AccountSlot, Upstream, UpstreamEnvironment, UpstreamModule } from '../core/upstream.js';
import { RehiveAuth, type RehiveCredentials } from './auth.js';
import { RehiveDataSource } from './data-source.js';

/** The Rehive platform's `/3/auth/` API: registration, sign-in with MFA, tokens, verification, account flows. */
export class RehiveUpstream implements Upstream<RehiveDataSource> {
  readonly auth: RehiveAuth;

  constructor(readonly client: UpstreamClient) {
    this.auth = new RehiveAuth(client);
  }

  dataSource(account: AccountSlot<unknown>): RehiveDataSource {
    return new RehiveDataSource(this, account as AccountSlot<RehiveCredentials>);
  }
}

export const rehiveModule = {
  name: 'rehive',
  create: ({ client }: UpstreamEnvironment) => new RehiveUpstream(client),
} satisfies UpstreamModule<RehiveDataSource>;
