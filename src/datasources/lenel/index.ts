import type { AccountSlot, UpstreamEnvironment, UpstreamModule } from '../core/upstream.js';
import type { JwtCredentials } from '../drf/simplejwt.js';
import { LenelDataSource } from './data-source.js';
import { LenelUpstream } from './upstream.js';

/** The lenel badge access-control API (DRF + simplejwt): badges, cardholders, badge status updates. */
export const lenelModule = {
  name: 'lenel',
  create: ({ client, config, refreshLock, listShare, now }: UpstreamEnvironment) => {
    const lenel = new LenelUpstream(client, {
      cacheTtlMs: config.lenelCacheTtlMs,
      cacheMaxBytes: config.lenelCacheMaxBytes,
      listShare,
      service: config.lenelService,
      linkUpstreams: config.employeeLinkUpstreams,
      refreshLock,
      now,
    });
    return { client, dataSource: (account: AccountSlot<unknown>, requestId?: string) => new LenelDataSource(lenel, account as AccountSlot<JwtCredentials>, requestId) };
  },
} satisfies UpstreamModule<LenelDataSource>;
