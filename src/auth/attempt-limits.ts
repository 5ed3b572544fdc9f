import { createHmac, hkdfSync } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ErrorCode, GatehouseError, rateLimited, serviceUnavailable } from '../errors.js';
import type { AttemptLimitSettings, GuessNumbers } from '../config.js';
import type { UpstreamName } from '../upstreams.js';
import type { StoredAccount } from './session-store.js';

/**
 * The abuse limits, as named policies: the one place that decides how many guesses at a secret
 * and how many messages anyone gets. Resolvers call a policy by name with what the attempt is about;
 * the policy builds its own keys, and stores them as an HMAC (no login, e-mail, code or token
 * appears in a key, in Redis or in memory). With Redis every gateway replica shares the counts; with
 * Redis unreachable a policy refuses with SERVICE_UNAVAILABLE, never lets an attempt through uncounted.
 *
 * Guesses follow rate-limiter-flexible's login endpoint protection: a run of failures of one subject
 * (login, code target, account) from one client IP blocks that pair quickly; failures from one IP
 * across all subjects (spraying, slow brute force) have a daily budget; failures at one subject
 * across all IPs have a higher daily budget, the only one that can lock its owner out; a success
 * clears the pair. Only failures count, so the right password is not refused because others failed.
 */

/** A sign-in attempt: a login at an upstream, from a client IP. */
export interface SignInAttempt {
  upstream: UpstreamName;
  login: string;
  ip: string;
}

/** A guess at a one-time code, e-mailed key or reset token, about one target (the user, or the key itself). */
export interface CodeAttempt {
  kind: 'mfa-challenge' | 'mfa-authenticator' | 'verify-mobile' | 'verify-email' | 'deactivate' | 'delete' | 'reset';
  target: string;
  ip: string;
}

/** A password checked behind a session (changePassword, createAuthToken): counted per linked account, whichever session asks. */
export interface PasswordCheckAttempt {
  account: Pick<StoredAccount, 'upstream' | 'userId' | 'login'>;
  ip: string;
}

/** A request that sends someone an e-mail or SMS. */
export interface MessageRequest {
  kind: 'reset-request' | 'resend-email' | 'resend-mobile' | 'deactivate-request' | 'delete-request';
  target: string;
  ip: string;
}

export interface AttemptLimits {
  signIn: GuessPolicy<SignInAttempt>;
  code: GuessPolicy<CodeAttempt>;
  passwordCheck: GuessPolicy<PasswordCheckAttempt>;
  message: RequestBudget<MessageRequest>;
  registration: RequestBudget<{ ip: string }>;
}

export function createAttemptLimits(settings: AttemptLimitSettings, secret: string, redis?: Redis): AttemptLimits {
  const store = new CounterStore(secret, redis);
  const guesses = (name: string, numbers: GuessNumbers) => ({ name, numbers, windowSeconds: settings.failureWindowSeconds, blockSeconds: settings.pairBlockSeconds });
  const requests = settings.requestWindowSeconds;
  return {
    signIn: new GuessPolicy(store, guesses('sign-in', settings.signIn), ({ upstream, login }) => `${upstream}:${login.trim().toLowerCase()}`),
    code: new GuessPolicy(store, guesses('code', settings.code), ({ kind, target }) => `${kind}:${target}`),
    // The same secret as signing in: the same numbers.
    passwordCheck: new GuessPolicy(store, guesses('password-check', settings.signIn), ({ account }) => `${account.upstream}:${account.userId ?? account.login.toLowerCase()}`),
    message: new RequestBudget(store, 'message', requests, { perIp: settings.messagePerIp, perTarget: settings.messagePerTarget }, ({ kind, target }) => `${kind}:${target.toLowerCase()}`),
    registration: new RequestBudget(store, 'registration', requests, { perIp: settings.registrationPerIp }),
  };
}

// The upstream gave no verdict on these: the caller learnt nothing about the secret, so the
// attempt is given back (an upstream outage must not lock people out).
const NO_VERDICT = new Set<string>([ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.UPSTREAM_TIMEOUT, ErrorCode.SERVICE_UNAVAILABLE]);

/** Guesses at one kind of secret. */
export class GuessPolicy<A extends { ip: string }> {
  private readonly pair: Counter;
  private readonly ip: Counter;
  private readonly subject: Counter;

  constructor(
    store: CounterStore,
    { name, numbers, windowSeconds, blockSeconds }: { name: string; numbers: GuessNumbers; windowSeconds: number; blockSeconds: number },
    private readonly subjectOf: (attempt: A) => string,
  ) {
    this.pair = store.counter(`${name}:pair`, numbers.consecutive, windowSeconds, blockSeconds);
    this.ip = store.counter(`${name}:ip`, numbers.perIp, windowSeconds);
    this.subject = store.counter(`${name}:subject`, numbers.perSubject, windowSeconds);
  }

  /**
   * Runs one guess. Before it reaches the upstream, an attempt is reserved on every counter (RATE_LIMITED
   * when one is spent), so guesses running side by side, aliased fields included, cannot exceed a
   * budget. A wrong guess keeps the reservation; a right one clears the pair's run and gives the
   * attempt back to the IP and subject budgets.
   */
  async attempt<T>(attempt: A, guess: () => Promise<T>): Promise<T> {
    const keys = this.keys(attempt);
    await reserve([
      [this.pair, keys.pair],
      [this.ip, keys.ip],
      [this.subject, keys.subject],
    ]);
    let result: T;
    try {
      result = await guess();
    } catch (error) {
      if (error instanceof GatehouseError && NO_VERDICT.has(error.code)) await giveBack([this.pair.giveBack(keys.pair), this.ip.giveBack(keys.ip), this.subject.giveBack(keys.subject)]);
      throw error;
    }
    await giveBack([this.pair.clear(keys.pair), this.ip.giveBack(keys.ip), this.subject.giveBack(keys.subject)]);
    return result;
  }

  private keys(attempt: A) {
    const subject = this.subjectOf(attempt);
    return { pair: [subject, attempt.ip], ip: [attempt.ip], subject: [subject] };
  }
}

/** Requests that cost someone else something (an e-mail, an SMS, an account): every one counts, per target and per IP. */
export class RequestBudget<R extends { ip: string }> {
  private readonly ip: Counter;
  private readonly target: Counter | undefined;

  constructor(
    store: CounterStore,
    name: string,
    windowSeconds: number,
    numbers: { perIp: number; perTarget?: number },
    private readonly targetOf?: (request: R) => string,
  ) {
    this.ip = store.counter(`${name}:ip`, numbers.perIp, windowSeconds);
    this.target = numbers.perTarget === undefined ? undefined : store.counter(`${name}:target`, numbers.perTarget, windowSeconds);
  }

  /** Spends one request; RATE_LIMITED when the target's or the IP's budget is spent. */
  async spend(request: R): Promise<void> {
    const counters: Array<[Counter, string[]]> = [[this.ip, [request.ip]]];
    if (this.target && this.targetOf) counters.unshift([this.target, [this.targetOf(request)]]);
    await reserve(counters);
  }
}

/** Takes one point from each counter in order; a refusal gives back what this attempt took so far. */
async function reserve(counters: Array<[Counter, string[]]>): Promise<void> {
  for (const [index, [counter, key]] of counters.entries()) {
    try {
      await counter.take(key);
    } catch (error) {
      await giveBack(counters.slice(0, index).map(([taken, takenKey]) => taken.giveBack(takenKey)));
      throw error;
    }
  }
}

/** Giving back is best effort: if Redis fails meanwhile, the attempt merely stays counted. */
async function giveBack(calls: Array<Promise<void>>): Promise<void> {
  await Promise.allSettled(calls);
}

/** One rate-limiter-flexible limiter; keys are HMACs of their parts. */
class Counter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly hash: (parts: string[]) => string,
  ) {}

  /** One point, or RATE_LIMITED with the time until this counter frees up. */
  async take(parts: string[]): Promise<void> {
    try {
      await this.limiter.consume(this.hash(parts));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw serviceUnavailable();
    }
  }

  async giveBack(parts: string[]): Promise<void> {
    await this.limiter.reward(this.hash(parts));
  }

  async clear(parts: string[]): Promise<void> {
    await this.limiter.delete(this.hash(parts));
  }
}

class CounterStore {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly redis?: Redis,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'gatehouse', 'attempt-limits', 32));
  }

  counter(name: string, points: number, durationSeconds: number, blockSeconds = 0): Counter {
    const options = { points, duration: durationSeconds, blockDuration: blockSeconds };
    const limiter = this.redis
      ? // rejectIfRedisNotReady: refuse at once while disconnected (SERVICE_UNAVAILABLE), never wait.
        new RateLimiterRedis({ ...options, storeClient: this.redis, rejectIfRedisNotReady: true, keyPrefix: `gatehouse:limit:${name}` })
      : new RateLimiterMemory({ ...options, keyPrefix: name });
    return new Counter(limiter, (parts) => createHmac('sha256', this.key).update(parts.join('\0')).digest('base64url'));
  }
}
