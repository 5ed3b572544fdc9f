import type { UpstreamClient } from '../core/http-client.js';
import type { RefreshLock } from '../core/refresh-lock.js';
import type { AccountSlot, Upstream, UpstreamEnvironment, UpstreamModule } from '../core/upstream.js';
import { ForensicDataSource } from './data-source.js';
import { OzAuth, type OzCredentials } from './oz-auth.js';
import type { OzApiVersion } from './versions.js';

/** The forensic upstream (Oz): companies, users and service tokens, API 5 or 6 behind one shape. */
export class ForensicUpstream implements Upstream<ForensicDataSource> {
  readonly auth: OzAuth;

  constructor(
    readonly client: UpstreamClient,
    readonly apiVersion: OzApiVersion,
    refreshLock: RefreshLock,
  ) {
    this.auth = new OzAuth(client, Date.now, refreshLock);
  }

  dataSource(account: AccountSlot<unknown>): ForensicDataSource {
    return new ForensicDataSource(this, account as AccountSlot<OzCredentials>);
  }
}

export const forensicModule = {
  name: 'forensic',
  create: ({ client, config, refreshLock }: UpstreamEnvironment) => new ForensicUpstream(client, config.forensicApiVersion, refreshLock),
} satisfies UpstreamModule<ForensicDataSource>;
