import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the gateway and an emulator. It relays both ways until armed; armed, it lets the
 * next request through to the emulator and then resets the gateway's connection instead of relaying
 * the answer: a reply lost after the upstream has applied a write.
 */
export class ResetProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private armed = false;

  /** Starts relaying to `target` (an emulator's base URL); returns the proxy's own base URL. */
  async listen(target: string): Promise<string> {
    const { hostname, port } = new URL(target);
    const server = createServer((client) => {
      const upstream = connect(Number(port), hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => {
        if (!this.armed) {
          client.write(chunk);
          return;
        }
        this.armed = false;
        client.resetAndDestroy();
        upstream.destroy();
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('reset proxy is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** The next answer from the emulator is dropped and the gateway's connection reset (TCP RST). */
  resetNextAnswer(): void {
    this.armed = true;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
