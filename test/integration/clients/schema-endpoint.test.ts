import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../helpers/stack.js';

// The schema client teams generate their types from: the committed schema.graphql, also served by the gateway.
const committed = () => readFile(new URL('../../../schema.graphql', import.meta.url), 'utf8');

describe('GET /schema.graphql', () => {
  let stack: Stack | undefined;
  const start = async (env: Record<string, string>) => (stack = await startStack({ lenel: false, forensic: false, rehive: false, env }));
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('serves the SDL outside production: the committed schema.graphql, with descriptions and @specifiedBy on the scalars', async () => {
    const { url } = await start({});
    const response = await fetch(`${url}/schema.graphql`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const sdl = await response.text();
    expect(sdl).toBe(await committed());
    expect(sdl).toContain('scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time.html")');
    expect(sdl).toContain('scalar Date @specifiedBy(url: "https://scalars.graphql.org/andimarek/local-date.html")');
    expect(sdl).toContain('"""Whether another page follows this one."""');
  });

  it('is off in production unless SCHEMA_ENDPOINT=true, and SCHEMA_ENDPOINT=false turns it off anywhere', async () => {
    expect((await fetch(`${(await start({ NODE_ENV: 'production' })).url}/schema.graphql`)).status).toBe(404);
    await stack!.close();
    const on = await fetch(`${(await start({ NODE_ENV: 'production', SCHEMA_ENDPOINT: 'true' })).url}/schema.graphql`);
    expect(on.status).toBe(200);
    expect(await on.text()).toBe(await committed());
    await stack!.close();
    expect((await fetch(`${(await start({ SCHEMA_ENDPOINT: 'false' })).url}/schema.graphql`)).status).toBe(404);
  });
});
