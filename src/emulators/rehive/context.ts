import type { Outbox } from '../common/outbox.js';
import type { RehiveState, TokenRecord, UserRecord } from './state.js';

/** What every route module needs: the state, the outbox, the clock and the configured lifetimes. */
export interface RehiveContext {
  state: RehiveState;
  outbox: Outbox;
  now: () => number;
  sessionDurationSeconds: number;
  challengeLifetimeSeconds: number;
  loginThrottle: SlidingThrottle;
  /** Lifetime of e-mailed keys and SMS codes (verification, reset, deactivation). */
  keyLifetimeSeconds: number;
}

/** DRF's SimpleRateThrottle: a sliding window of request times per key. */
export class SlidingThrottle {
  private readonly history = new Map<string, number[]>();

  constructor(
    public limit: number,
    private readonly windowSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Records a hit; returns 0 when allowed, else the seconds until the next hit would be allowed. */
  hit(key: string): number {
    const at = this.now();
    const windowMs = this.windowSeconds * 1000;
    const hits = (this.history.get(key) ?? []).filter((t) => t > at - windowMs);
    if (hits.length >= this.limit) {
      this.history.set(key, hits);
      return Math.max(1, Math.ceil((hits[0]! + windowMs - at) / 1000));
    }
    hits.push(at);
    this.history.set(key, hits);
    return 0;
  }

  reset(): void {
    this.history.clear();
  }
}

export function serializeUser(ctx: RehiveContext, user: UserRecord): Record<string, unknown> {
  const company = ctx.state.companies.get(user.company);
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    mobile: user.mobile,
    first_name: user.first_name,
    middle_name: user.middle_name,
    last_name: user.last_name,
    id_number: user.id_number,
    birth_date: user.birth_date,
    language: user.language,
    nationality: user.nationality,
    residency: user.residency,
    gender: user.gender,
    title: user.title,
    marital_status: user.marital_status,
    timezone: user.timezone,
    company: user.company,
    groups: user.groups.map((name) => ({ name, label: company?.groups.find((g) => g.name === name)?.label ?? name })),
    verified: isVerified(user),
    verification: { ...user.verification },
    status: user.status,
    created: user.created,
    updated: user.updated,
  };
}

/** [decision] `verified` follows the e-mail address, or the mobile for a user without one. */
export function isVerified(user: UserRecord): boolean {
  return user.email ? user.verification.email : user.verification.mobile;
}

export function serializeToken(record: TokenRecord): Record<string, unknown> {
  return { token_key: record.token.slice(0, 8), label: record.label, expires: record.expires, created: record.created };
}

/** The body of login, register and token creation: the token itself is shown only here. */
export function sessionData(record: TokenRecord, user: Record<string, unknown>, challenges: unknown[]): Record<string, unknown> {
  return { token: record.token, user, challenges, expires: record.expires, created: record.created };
}
