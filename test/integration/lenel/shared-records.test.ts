import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { UpstreamClient } from '../../../src/datasources/core/http-client.js';
import { compactBadges, type LenelBadgeRecord } from '../../../src/datasources/lenel/records.js';
import { LenelUpstream, type LenelReader } from '../../../src/datasources/lenel/upstream.js';
import { DEMO_PASSWORD } from '../../../src/emulators/demo-logins.js';
import { createLenelEmulator, type LenelEmulator } from '../../../src/emulators/lenel/index.js';
import { createLogger } from '../../../src/logger.js';
import { Metrics } from '../../../src/metrics.js';

/** The lenel module's list cache against the emulator: identical lists are one index, a write copies. */
describe('lenel lists shared between accounts', () => {
  let emulator: LenelEmulator;
  let client: UpstreamClient;
  let readers: LenelReader[];
  beforeAll(async () => {
    emulator = createLenelEmulator({});
    const url = await emulator.listen();
    const config = loadConfig({ NODE_ENV: 'test', LENEL_URL: url, SESSION_SECRET: 'x'.repeat(32) });
    client = new UpstreamClient('lenel', url, config.http, createLogger('silent'), new Metrics());
    readers = await Promise.all(
      ['viewer', 'operator'].map(async (username) => {
        const response = await client.request({ method: 'POST', path: '/auth/token/', route: '/auth/token/', body: { username, password: DEMO_PASSWORD } });
        const { access } = response.body as { access: string };
        return { cacheKey: `user:${username}`, call: (request) => client.request({ ...request, headers: { authorization: `Bearer ${access}` } }) } satisfies LenelReader;
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  it('gives accounts whose lists are identical one index, and a writer a changed copy that the others never see', async () => {
    const lenel = new LenelUpstream(client, { cacheTtlMs: 60_000 });
    const [viewer, operator] = readers as [LenelReader, LenelReader];
    const seen = await lenel.readBadges(viewer);
    expect(await lenel.readBadges(operator)).toBe(seen);
    expect(await lenel.readEmployees(operator)).toBe(await lenel.readEmployees(viewer));

    const before = seen.get(2)!;
    const updated: LenelBadgeRecord = { ...before, status: 4, status_name: 'Inactive' };
    lenel.badgeChanged(operator, updated);
    const written = await lenel.readBadges(operator);
    expect(written).not.toBe(seen);
    expect(written.get(2)).toBe(updated);
    // The index the viewer's requests may still hold is unchanged (and its entry was dropped).
    expect(seen.get(2)).toBe(before);
    expect(seen.get(2)!.status).toBe(1);
  });

  it('keeps records compact and gives back the upstream text of every date', () => {
    const raw: LenelBadgeRecord[] = [
      { id: 1, badge_number: '7', employee_id: null, status: 1, status_name: 'Active', type: null, activation_date: '2024-06-26T08:00:00Z', deactivation_date: null, last_changed: '1999-12-31T23:59:59Z' },
      // Not whole seconds in UTC, a rolled-over day, a year before 1000: kept as sent.
      { id: 2, badge_number: '8', employee_id: 3, status: 4, status_name: 'Inactive', type: 'Visitor', activation_date: '2024-06-26T08:00:00.123456Z', deactivation_date: '2024-02-30T00:00:00Z', last_changed: '0999-01-01T00:00:00Z' },
      { id: 3, badge_number: '9', employee_id: 3, status: 1, status_name: 'Active', type: 'Visitor', activation_date: '2024-06-26T10:00:00+02:00', deactivation_date: '2024-2-3T00:00:00Z', last_changed: 'yesterday' },
    ];
    const compact = compactBadges(raw);
    const plain = (badge: LenelBadgeRecord) => ({ ...Object.fromEntries(Object.keys(raw[0]!).map((key) => [key, badge[key as keyof LenelBadgeRecord]])) });
    expect(compact.map(plain)).toEqual(raw);
    // Repeated strings are one string.
    expect(compact[0]!.status_name).toBe(compact[2]!.status_name);
  });
});
