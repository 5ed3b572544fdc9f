import { randomBytes, randomUUID } from 'node:crypto';

/** One access token the emulator issued: a login/refresh pair, or a service token. */
export interface TokenRecord {
  readonly kind: 'session' | 'service';
  readonly accessToken: string;
  /** the refresh half of a login pair; null for service tokens */
  readonly expireToken: string | null;
  /** stays the same across refreshes; 0 for service tokens (as in Oz's example) */
  readonly sessionId: number;
  /** service tokens only */
  readonly tokenId: string | null;
  readonly userId: string;
  /** epoch milliseconds; slides on every authenticated request */
  expiresAt: number;
  revoked: boolean;
  /** whether the access token has authenticated a request yet */
  used: boolean;
  /** the pair this one was refreshed from, until this one is first used */
  parent: TokenRecord | null;
}

export type AuthFailure = 'missing' | 'invalid' | 'expired';

const opaqueToken = (): string => randomBytes(32).toString('hex');

/** Opaque Oz tokens with sliding expiry and "the old pair dies when the new one is first used" refresh. */
export class TokenStore {
  private readonly byAccess = new Map<string, TokenRecord>();
  private readonly byExpire = new Map<string, TokenRecord>();
  private nextSessionId = 1;

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs: (record: Pick<TokenRecord, 'kind' | 'userId'>) => number,
  ) {}

  get all(): TokenRecord[] {
    return [...this.byAccess.values()];
  }

  login(userId: string): TokenRecord {
    return this.add({ kind: 'session', userId, sessionId: this.nextSessionId++, expireToken: opaqueToken(), tokenId: null, parent: null });
  }

  /** A new pair for the same session; the old pair keeps working until the new access token is first used. */
  refresh(parent: TokenRecord): TokenRecord {
    return this.add({ kind: 'session', userId: parent.userId, sessionId: parent.sessionId, expireToken: opaqueToken(), tokenId: null, parent });
  }

  issueService(userId: string): TokenRecord {
    return this.add({ kind: 'service', userId, sessionId: 0, expireToken: null, tokenId: randomUUID(), parent: null });
  }

  findAccess(accessToken: string): TokenRecord | undefined {
    return this.byAccess.get(accessToken);
  }

  /** A live (not revoked) pair by its refresh half. */
  findExpire(expireToken: string): TokenRecord | undefined {
    const record = this.byExpire.get(expireToken);
    return record && !record.revoked ? record : undefined;
  }

  /** Why an access token would be refused right now, or undefined if it authenticates. */
  check(accessToken: string | undefined): AuthFailure | undefined {
    if (!accessToken) return 'missing';
    const record = this.byAccess.get(accessToken);
    if (!record || record.revoked) return 'invalid';
    if (record.expiresAt <= this.now()) return 'expired';
    return undefined;
  }

  /** A successful authenticated use: retire the pair it was refreshed from and slide the expiry. */
  use(record: TokenRecord): void {
    this.markUsed(record);
    record.expiresAt = this.now() + this.lifetimeMs(record);
  }

  /** The first use of a refreshed pair retires the pair it came from. */
  markUsed(record: TokenRecord): void {
    if (!record.used) {
      record.used = true;
      const parent = record.parent;
      if (parent) {
        parent.revoked = true;
        // Retried refreshes of the same parent left unused siblings behind: only one line survives.
        for (const other of this.byAccess.values()) if (other.parent === parent && other !== record) other.revoked = true;
      }
      record.parent = null;
    }
  }

  expire(accessToken: string): boolean {
    const record = this.byAccess.get(accessToken);
    if (!record) return false;
    record.expiresAt = this.now() - 1;
    return true;
  }

  revoke(accessToken: string): boolean {
    const record = this.byAccess.get(accessToken);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  private add(fields: Pick<TokenRecord, 'kind' | 'userId' | 'sessionId' | 'expireToken' | 'tokenId' | 'parent'>): TokenRecord {
    const record: TokenRecord = {
      ...fields,
      accessToken: opaqueToken(),
      expiresAt: this.now() + this.lifetimeMs(fields),
      revoked: false,
      used: false,
    };
    this.byAccess.set(record.accessToken, record);
    if (record.expireToken) this.byExpire.set(record.expireToken, record);
    return record;
  }
}
