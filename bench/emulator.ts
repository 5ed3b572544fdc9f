import { createLenelEmulator } from '../src/emulators/lenel/index.js';
import { reportFailed, reportReady, serveParent } from './ipc.js';
import { SITE } from './scenarios.js';

/**
 * The lenel emulator in its own process, with the benchmark site: exactly SITE.badges badges over
 * SITE.employees cardholders, and BENCH_USERS viewer accounts (distinct upstream credentials, so no
 * contestant can share anything across clients). Lists are served from the emulator's cached JSON.
 */
const users = Number(process.env.BENCH_USERS ?? 120);
// `<badges>x<cardholders>`: another site size (bench/heap.ts reads a 50,000-badge site).
const [badges, employees] = (process.env.BENCH_SITE ?? `${SITE.badges}x${SITE.employees}`).split('x').map(Number) as [number, number];
const password = process.env.BENCH_PASSWORD ?? 'bench-password';

// Tokens live for the whole run: the peers take access tokens directly and never refresh them.
const lenel = createLenelEmulator({ demo: false, accessLifetimeSeconds: 3_600, refreshLifetimeSeconds: 86_400 });
lenel.generateLargeSite({ badges, employees, replace: true });
lenel.addUser({ username: 'gatehouse-service', password, role: 'viewer' });
const usernames = Array.from({ length: users }, (_, i) => `bench-user-${String(i + 1).padStart(3, '0')}`);
for (const username of usernames) lenel.addUser({ username, password, role: 'viewer' });

// The request log would grow by thousands of entries a second: fold it into counters as it goes.
const counts = new Map<string, number>();
function fold(): void {
  for (const request of lenel.server.requests) {
    const key = `${request.method} ${request.path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  lenel.server.clearLog();
}
setInterval(fold, 200).unref();

try {
  const url = await lenel.listen();
  serveParent(
    {
      stats: () => {
        fold();
        return { cpu: process.cpuUsage(), requests: Object.fromEntries(counts) };
      },
      latency: (message) => {
        lenel.server.clearFaults();
        const ms = Number(message.ms);
        if (ms > 0) lenel.server.addFault({ path: /^\/api\//, latencyMs: ms });
        return null;
      },
    },
    () => lenel.close(),
  );
  reportReady({ url, usernames, password });
} catch (error) {
  reportFailed(error);
  process.exit(1);
}
