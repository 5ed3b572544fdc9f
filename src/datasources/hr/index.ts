import type { AccountSlot, UpstreamEnvironment, UpstreamModule } from '../core/upstream.js';
import { SimpleJwtAuth, type JwtCredentials } from '../drf/simplejwt.js';
import { HrDataSource } from './data-source.js';

/** The hr upstream (Django + simplejwt): profile, password flows, leave requests. */
export const hrModule = {
  name: 'hr',
  create: ({ client, refreshLock, now }: UpstreamEnvironment) => {
    const auth = new SimpleJwtAuth(client, { obtain: '/api/auth/token', refresh: '/api/auth/refresh' }, 'email', now, refreshLock);
    return { client, dataSource: (account: AccountSlot<unknown>, requestId?: string) => new HrDataSource({ client, auth }, account as AccountSlot<JwtCredentials>, requestId) };
  },
} satisfies UpstreamModule<HrDataSource>;
