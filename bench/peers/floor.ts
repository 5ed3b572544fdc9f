import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Peer } from '../runner.js';

/**
 * The floor: a node:http server answering every request with fixed bytes (the scenario's response,
 * set by the harness before each scenario). It measures the HTTP server and the load generator.
 */
export async function start(): Promise<Peer> {
  let response = Buffer.from('{"data":null}');
  const server = createServer((_req, res) => {
    // Node discards the unread request body before the next request on this connection.
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': response.length });
    res.end(response);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    onMessage(message) {
      if (message.type === 'respond') response = Buffer.from(String(message.body));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
