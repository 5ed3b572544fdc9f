import { reportFailed, reportReady, serveParent, type Message } from './ipc.js';

/**
 * One contestant in its own process. The harness forks `runner.ts <contestant>`; this file starts it
 * and answers `stats` with the process's CPU time and peak RSS since the last `stats`.
 */
export interface Peer {
  /** http://127.0.0.1:port (the GraphQL endpoint is `${url}/graphql`). */
  url: string;
  close(): Promise<void>;
  onMessage?(message: Message): void;
}

const MODULES: Record<string, string> = {
  gatehouse: './gatehouse.js',
  naive: './peers/naive.js',
  'good-apollo': './peers/good-apollo.js',
  limit: './peers/limit.js',
  floor: './peers/floor.js',
};

const name = process.argv[2] ?? '';
let peakRss = process.memoryUsage.rss();
// RSS is sampled every 100 ms: a read costs about 0.25 ms of CPU, so sampling faster would show up in the figures.
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 100).unref();

try {
  const module = MODULES[name];
  if (!module) throw new Error(`unknown contestant ${name}`);
  const { start } = (await import(module)) as { start: (env: NodeJS.ProcessEnv) => Promise<Peer> };
  const peer = await start(process.env);
  serveParent(
    {
      stats: () => {
        const rss = process.memoryUsage.rss();
        const result = { cpu: process.cpuUsage(), peakRss: Math.max(peakRss, rss) };
        peakRss = rss;
        return result;
      },
      message: (message) => peer.onMessage?.(message.payload as Message),
    },
    () => peer.close(),
  );
  reportReady({ url: peer.url });
} catch (error) {
  console.error(error);
  reportFailed(error);
  process.exit(1);
}
