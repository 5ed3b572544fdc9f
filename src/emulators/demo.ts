import type { OutboxMessage } from './common/outbox.js';
import { createForensicEmulator } from './forensic/index.js';
import { createHrEmulator } from './hr/index.js';
import { createLenelEmulator } from './lenel/index.js';
import { createRehiveEmulator } from './rehive/index.js';
import type { UpstreamName } from '../upstreams.js';

export interface DemoUpstreams {
  urls: Record<UpstreamName, string>;
  close(): Promise<void>;
}

/** Demo mode: the four emulators, with their demo data, on loopback ports. */
export async function startDemoUpstreams(options: { forensicApiVersion: 5 | 6; onOutbox: (upstream: UpstreamName, message: OutboxMessage) => void }): Promise<DemoUpstreams> {
  const emulators = {
    lenel: createLenelEmulator(),
    forensic: createForensicEmulator({ apiVersion: options.forensicApiVersion }),
    hr: createHrEmulator({ onOutbox: (message) => options.onOutbox('hr', message) }),
    rehive: createRehiveEmulator({ onOutbox: (message) => options.onOutbox('rehive', message) }),
  };
  // A demo can run for days: keep only a short request log per emulator.
  for (const emulator of Object.values(emulators)) emulator.server.maxLoggedRequests = 1_000;
  const [lenel, forensic, hr, rehive] = await Promise.all([emulators.lenel.listen(), emulators.forensic.listen(), emulators.hr.listen(), emulators.rehive.listen()]);
  return {
    urls: { lenel: lenel!, forensic: forensic!, hr: hr!, rehive: rehive! },
    close: async () => {
      await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
    },
  };
}
