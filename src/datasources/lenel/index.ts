import type { AccountSlot, UpstreamEnvironment, UpstreamModule } from '../core/upstream.js';
import type { JwtCredentials } from '../drf/simplejwt.js';
import { LenelDataSource } from './data-source.js';
import { LenelUpstream } from './upstream.js';

/** The lenel badge access-control API (DRF + simplejwt): badges, cardholders, badge status updates. */
export const lenelModule = {
  name: 'lenel',
  create: ({ client, config, refreshLock, now }: UpstreamEnvironment) => {
    const lenel = new LenelUpstream(client, {
      cacheTtlMs: config.lenelCacheTtlMs,
      cacheMaxAccounts: config.lenelCacheMaxAccounts,
      service: config.lenelService,
      linkUpstreams: config.employeeLinkUpstreams,
      refreshLock,
      now,
    });
    return { client, dataSource: (account: AccountSlot<unknown>) => new LenelDataSource(lenel, account as AccountSlot<JwtCredentials>) };
  },
} satisfies UpstreamModule<LenelDataSource>;
