import type { Upstream, UpstreamEnvironment, UpstreamModule } from '../core/upstream.js';
import type { UpstreamClient } from '../core/http-client.js';
import type { RefreshLock } from '../core/refresh-lock.js';
import { SimpleJwtAuth } from '../drf/simplejwt.js';
import { HrDataSource } from './data-source.js';

/** The hr upstream (Django + simplejwt): profile, password flows, leave requests. */
export class HrUpstream implements Upstream<HrDataSource> {
  readonly auth: SimpleJwtAuth;

  constructor(
    readonly client: UpstreamClient,
    refreshLock: RefreshLock,
  ) {
    this.auth = new SimpleJwtAuth(client, { obtain: '/api/auth/token', refresh: '/api/auth/refresh' }, 'email', Date.now, refreshLock);
  }

  dataSource(account: HrDataSource['account']): HrDataSource {
    return new HrDataSource(this, account);
  }
}

export const hrModule = {
  name: 'hr',
  create: ({ client, refreshLock }: UpstreamEnvironment) => new HrUpstream(client, refreshLock),
} satisfies UpstreamModule<HrDataSource>;
