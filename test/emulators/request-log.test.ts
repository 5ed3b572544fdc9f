import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHrEmulator, type HrEmulator } from '../../src/emulators/hr/index.js';

describe("an emulator's request log", () => {
  let hr: HrEmulator;
  beforeAll(async () => {
    await (hr = createHrEmulator()).listen();
  });
  afterAll(() => hr.close());

  it('keeps only the most recent requests, so a long-running demo does not grow without bound', async () => {
    hr.server.maxLoggedRequests = 40;
    for (let i = 0; i < 200; i++) await fetch(`${hr.url}/api/leave-requests/${i + 1}`);
    expect(hr.server.requests.length).toBeGreaterThanOrEqual(40);
    expect(hr.server.requests.length).toBeLessThanOrEqual(50);
    expect(hr.server.requests.at(-1)!.path).toBe('/api/leave-requests/200');
    const paths = hr.server.requests.map((request) => Number(request.path.split('/').at(-1)));
    expect(paths).toEqual(paths.map((_, i) => 200 - paths.length + 1 + i));
  });
});
