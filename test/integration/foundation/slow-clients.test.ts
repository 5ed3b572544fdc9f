import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';

/** A raw client socket to the gateway, with everything it received and when it was closed. */
async function rawClient(stack: Stack): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const { hostname, port } = new URL(stack.url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  const opened = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  return { socket, received: () => text, closed };
}

describe('clients that hold connections open', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      hr: false,
      lenel: false,
      forensic: false,
      rehive: false,
      env: { HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_KEEP_ALIVE_TIMEOUT_MS: '500', HTTP_MAX_CONNECTIONS: '3' },
    });
  });
  afterAll(() => stack.close());

  it('a body trickled byte by byte is cut off at the request timeout with 408', async () => {
    const client = await rawClient(stack);
    const body = JSON.stringify({ query: '{ viewer { signedIn } }' });
    client.socket.write(`POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    let sent = 0;
    const trickle = setInterval(() => {
      if (sent < body.length && !client.socket.destroyed) client.socket.write(body[sent++]!);
    }, 100);
    // Without a request timeout the socket would stay open for the whole trickle (about 2.4 s) and
    // then be answered: it must be closed well before the body is complete.
    const closedAfterMs = await client.closed;
    clearInterval(trickle);
    expect(sent).toBeLessThan(body.length);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeLessThan(body.length * 100);
  });

  it('headers that never finish are cut off too', async () => {
    const client = await rawClient(stack);
    client.socket.write('POST /graphql HTTP/1.1\r\nHost: gateway\r\n');
    const keepTalking = setInterval(() => client.socket.writable && client.socket.write('X-Slow: 1\r\n'), 100);
    await client.closed;
    clearInterval(keepTalking);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const client = await rawClient(stack);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n');
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('connections beyond the cap are refused while the others are served', async () => {
    const held = await Promise.all([rawClient(stack), rawClient(stack), rawClient(stack)]);
    const extra = await rawClient(stack);
    await extra.closed;
    expect(extra.received()).toBe('');
    // The held ones still work.
    held[0]!.socket.write('GET /healthz HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n');
    await held[0]!.closed;
    expect(held[0]!.received()).toMatch(/^HTTP\/1\.1 200 /);
    for (const client of held) client.socket.destroy();
  });
});
