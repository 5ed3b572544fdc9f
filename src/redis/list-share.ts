import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip, constants as zlib } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { ListShare, SharedList } from '../datasources/core/list-share.js';
import { RedisLock } from './lock.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const PREFIX = 'gatehouse:list:';
/** Bumped by every write that may change lists: bodies stored under an older generation are not used. */
const GENERATION = 'gatehouse:list:generation';

export interface RedisListShareOptions {
  /** How long a replica waits for another one's read of the same list before reading itself. */
  waitMs: number;
  /** How long the read lock lasts at most (a replica that died while reading holds it no longer). */
  lockMs: number;
  pollMs?: number;
}

/**
 * Lists shared through Redis: the first replica to miss takes a lock for the list and reads it
 * upstream; it keeps the body in Redis, gzipped, for the rest of the cache lifetime; the others
 * wait for it and use it. Keys are a hash of the account and list (no login in a key name). When
 * Redis is unreachable or slow, a replica reads for itself: sharing saves upstream reads, it never
 * fails a request.
 */
export class RedisListShare implements ListShare {
  constructor(
    private readonly redis: Redis,
    private readonly options: RedisListShareOptions,
  ) {}

  async get(key: string, ttlMs: number, read: () => Promise<SharedList>): Promise<{ list: SharedList; ageMs: number }> {
    const id = createHash('sha256').update(key).digest('base64url');
    const bodyKey = `${PREFIX}${id}`;
    const lock = new RedisLock(this.redis, `${PREFIX}lock:${id}`, { holdMs: this.options.lockMs, waitMs: this.options.waitMs, pollMs: this.options.pollMs });
    // While another replica holds the lock, it is reading this list: its body will be here shortly.
    const last: { found?: Lookup } = {};
    const held = await quietly(
      lock.acquire(async () => {
        last.found = await this.lookup(bodyKey, ttlMs);
        return last.found === 'unreachable' || last.found.shared !== undefined;
      }),
    );
    const { found } = last;
    if (found && found !== 'unreachable') {
      if (found.shared) return found.shared;
      if (held) return this.readAndShare(read, bodyKey, lock, found.generation, ttlMs);
    }
    return { list: await read(), ageMs: 0 };
  }

  async invalidateAll(): Promise<void> {
    await this.redis.incr(GENERATION);
  }

  /** The body another replica stored for this generation within the TTL; the current generation otherwise. */
  private async lookup(bodyKey: string, ttlMs: number): Promise<Lookup> {
    const values = await quietly(this.redis.mgetBuffer(GENERATION, bodyKey));
    if (!values) return 'unreachable';
    const [generationRaw, stored] = values;
    const generation = generationRaw?.toString() ?? '0';
    if (!stored) return { generation };
    const decoded = await decode(stored).catch(() => undefined);
    if (!decoded || decoded.generation !== generation) return { generation };
    const ageMs = Math.max(0, Date.now() - decoded.readAt);
    return ageMs < ttlMs ? { shared: { list: { text: decoded.text }, ageMs }, generation } : { generation };
  }

  private async readAndShare(read: () => Promise<SharedList>, bodyKey: string, lock: RedisLock, generation: string, ttlMs: number): Promise<{ list: SharedList; ageMs: number }> {
    let list: SharedList;
    try {
      const readAt = Date.now();
      list = await read();
      // Stored before the lock goes, so that a waiting replica finds it; the caller does not wait for it.
      void encode(generation, readAt, list.text)
        .then((value) => this.redis.set(bodyKey, value, 'PX', ttlMs))
        .catch(() => undefined)
        .finally(() => quietly(lock.release()));
    } catch (error) {
      await quietly(lock.release());
      throw error;
    }
    return { list, ageMs: 0 };
  }
}

/** What a replica found in Redis for a list: another one's body, or the generation to store its own under. */
type Lookup = 'unreachable' | { shared?: { list: SharedList; ageMs: number }; generation: string };

/** A Redis command's result, or undefined when Redis could not be reached or answered an error. */
async function quietly<T>(command: Promise<T>): Promise<T | undefined> {
  try {
    return await command;
  } catch {
    return undefined;
  }
}

/** `<generation> <read at, epoch ms>\n` then the gzipped body. */
async function encode(generation: string, readAt: number, text: string): Promise<Buffer> {
  const body = await gzipAsync(text, { level: zlib.Z_BEST_SPEED });
  return Buffer.concat([Buffer.from(`${generation} ${readAt}\n`), body]);
}

async function decode(value: Buffer): Promise<{ generation: string; readAt: number; text: string }> {
  const newline = value.indexOf(10);
  const [generation, readAt] = value.subarray(0, newline).toString().split(' ');
  const text = (await gunzipAsync(value.subarray(newline + 1))).toString('utf8');
  return { generation: generation!, readAt: Number(readAt), text };
}
