import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reportFailed, reportReady, serveParent } from './ipc.js';

/**
 * The traced contestants' OTLP/HTTP endpoint, in its own process: it reads every export and
 * discards it (what a collector costs is not the gateway's), counting exports and bytes so the
 * report can show that spans did arrive.
 */
let exports = 0;
let bytes = 0;
const server = createServer((request, response) => {
  request.on('data', (chunk: Buffer) => (bytes += chunk.length));
  request.on('end', () => {
    exports++;
    // An empty body is a valid OTLP/HTTP answer: the export succeeded, nothing was rejected.
    response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/x-protobuf' }).end();
  });
});

try {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serveParent({ stats: () => ({ cpu: process.cpuUsage(), exports, bytes }) }, () => new Promise<void>((resolve) => server.close(() => resolve())));
  reportReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
} catch (error) {
  reportFailed(error);
  process.exit(1);
}
