import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedListCache } from '../../../src/datasources/lenel/cache.js';

describe('the shared lenel list cache', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shares one load between concurrent readers of a key, keeps it for the TTL, then loads again', async () => {
    const cache = new SharedListCache<string[]>(5_000);
    const load = vi.fn(async () => ['a']);
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

  it('holds at most maxEntries accounts, dropping the least recently used first', async () => {
    const cache = new SharedListCache<string>(5_000, 2);
    const load = (value: string) => vi.fn(async () => value);
    await cache.get('u1', load('one'));
    await cache.get('u2', load('two'));
    await cache.get('u1', load('unused')); // u1 is now the most recently used
    await cache.get('u3', load('three'));
    expect(cache.size).toBe(2);
    // u2 was the least recently used: it was dropped and loads again, which in turn drops u1.
    expect(await cache.get('u2', load('two again'))).toBe('two again');
    expect(await cache.get('u3', load('unused'))).toBe('three');
    expect(await cache.get('u1', load('one again'))).toBe('one again');
  });

  it('keeps accounts apart and does not keep failures', async () => {
    const cache = new SharedListCache<string>(5_000);
    expect(await cache.get('u1', async () => 'one')).toBe('one');
    expect(await cache.get('u2', async () => 'two')).toBe('two');
    await expect(cache.get('u3', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('u3', async () => 'three')).toBe('three');
  });

  it('patches a loaded entry in place, drops one still in flight, and drops the other accounts on request', async () => {
    const cache = new SharedListCache<{ status: number }>(5_000);
    await cache.get('u1', async () => ({ status: 1 }));
    cache.update('u1', (value) => (value.status = 4));
    expect(await cache.get('u1', async () => ({ status: 0 }))).toEqual({ status: 4 });

    let finish: (value: { status: number }) => void = () => {};
    const inflight = cache.get('u2', () => new Promise((resolve) => (finish = resolve)));
    cache.update('u2', (value) => (value.status = 4));
    finish({ status: 1 });
    expect(await inflight).toEqual({ status: 1 });
    expect(await cache.get('u2', async () => ({ status: 4 }))).toEqual({ status: 4 });

    cache.invalidateOthers('u1');
    expect(cache.size).toBe(1);
  });

  it('loads on every read when the TTL is 0', async () => {
    const cache = new SharedListCache<number>(0);
    const load = vi.fn(async () => 1);
    await Promise.all([cache.get('u1', load), cache.get('u1', load)]);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });
});
