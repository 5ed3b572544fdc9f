import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedListCache, type Loaded } from '../../../src/datasources/lenel/cache.js';

interface Value {
  name: string;
  bytes: number;
  status?: number;
}

/** A load whose content is identified by its name (as a list by the hash of its body). */
const loaded = (name: string, bytes = 10, extra: Partial<Value> = {}): Loaded<Value> => ({ id: name, build: () => ({ name, bytes, ...extra }) });
const loader = (name: string, bytes = 10, extra: Partial<Value> = {}) => vi.fn(async () => loaded(name, bytes, extra));

describe('the shared lenel list cache', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shares one load between concurrent readers of a key, keeps it for the TTL, then loads again', async () => {
    const cache = new SharedListCache<Value>(5_000);
    const load = loader('a');
    const [first, second] = await Promise.all([cache.get('u1', load), cache.get('u1', load)]);
    expect(first).toBe(second);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4_999);
    await cache.get('u1', load);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await cache.get('u1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps data another replica read for the rest of its TTL only', async () => {
    const cache = new SharedListCache<Value>(5_000);
    const load = vi.fn(async () => ({ ...loaded('a'), ageMs: 4_000 }));
    await cache.get('u1', load);
    vi.advanceTimersByTime(999);
    await cache.get('u1', load);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await cache.get('u1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('builds one value for accounts whose lists are identical', async () => {
    const cache = new SharedListCache<Value>(5_000);
    const one = await cache.get('u1', loader('same'));
    const build = vi.fn(() => ({ name: 'same', bytes: 10 }));
    const two = await cache.get('u2', async () => ({ id: 'same', build }));
    expect(two).toBe(one);
    expect(build).not.toHaveBeenCalled();
    expect(cache.bytes).toBe(10);
    expect(await cache.get('u3', loader('other'))).not.toBe(one);
    expect(cache.bytes).toBe(20);
  });

  it('holds at most maxBytes of values, dropping the least recently used; an account whose value went reads again', async () => {
    const cache = new SharedListCache<Value>(5_000, 25);
    await cache.get('u1', loader('one'));
    await cache.get('u2', loader('two'));
    await cache.get('u1', loader('unused')); // one is now the most recently used
    await cache.get('u3', loader('three'));
    expect(cache.bytes).toBe(20);
    // two was the least recently used: it was dropped, and u2 loads again, which in turn drops one.
    expect((await cache.get('u2', loader('two again'))).name).toBe('two again');
    expect((await cache.get('u3', loader('unused'))).name).toBe('three');
    expect((await cache.get('u1', loader('one again'))).name).toBe('one again');
  });

  it('keeps accounts apart and does not keep failures', async () => {
    const cache = new SharedListCache<Value>(5_000);
    expect((await cache.get('u1', loader('one'))).name).toBe('one');
    expect((await cache.get('u2', loader('two'))).name).toBe('two');
    await expect(cache.get('u3', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect((await cache.get('u3', loader('three'))).name).toBe('three');
  });

  it('gives a changed copy to the writer only, drops an entry still in flight, and drops the other accounts on request', async () => {
    const cache = new SharedListCache<Value>(5_000);
    const shared = await cache.get('u1', loader('same', 10, { status: 1 }));
    expect(await cache.get('u2', loader('same'))).toBe(shared);
    cache.update('u1', (value) => ({ ...value, status: 4 }));
    expect(await cache.get('u1', loader('unused'))).toEqual({ name: 'same', bytes: 10, status: 4 });
    // u2 shared the original, which did not change.
    expect(await cache.get('u2', loader('unused'))).toBe(shared);
    expect(shared.status).toBe(1);

    let finish: (value: Loaded<Value>) => void = () => {};
    const inflight = cache.get('u3', () => new Promise((resolve) => (finish = resolve)));
    cache.update('u3', (value) => ({ ...value, status: 4 }));
    finish(loaded('three', 10, { status: 1 }));
    expect((await inflight).status).toBe(1);
    expect((await cache.get('u3', loader('three again', 10, { status: 4 }))).status).toBe(4);

    cache.invalidateOthers('u1');
    expect(cache.size).toBe(1);
  });

  it("keeps one changed copy per writer: writes neither grow the bytes held nor evict another account's list", async () => {
    const cache = new SharedListCache<Value>(5_000, 30);
    await cache.get('writer', loader('mine', 10, { status: 0 }));
    const theirs = await cache.get('reader', loader('theirs'));
    for (let status = 1; status <= 10; status++) cache.update('writer', (value) => ({ ...value, status }));
    // A change that changes nothing (the badge is not in the list) stores nothing.
    cache.update('writer', (value) => value);
    // The original (shareable by content) and the latest copy.
    expect(cache.bytes).toBe(30);
    expect((await cache.get('writer', loader('unused'))).status).toBe(10);
    expect(await cache.get('reader', loader('unused'))).toBe(theirs);
    // The copy goes with its account's entry: nobody else can take it.
    vi.advanceTimersByTime(5_000);
    expect(cache.bytes).toBe(20);
  });

  it('loads and builds on every read when the TTL is 0', async () => {
    const cache = new SharedListCache<Value>(0);
    const load = loader('a');
    const [one, two] = await Promise.all([cache.get('u1', load), cache.get('u1', load)]);
    expect(load).toHaveBeenCalledTimes(2);
    expect(one).not.toBe(two);
    expect(cache.size).toBe(0);
  });
});
