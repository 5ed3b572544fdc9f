import type { CodeAttempt } from '../auth/attempt-limits.js';
import type { GatehouseContext } from '../context.js';
import type { UpstreamName } from '../upstreams.js';

/** A guess at a code, key or reset token about `target`, under the `code` attempt policy. */
export function guessCode<T>(context: GatehouseContext, kind: CodeAttempt['kind'], target: string, guess: () => Promise<T>): Promise<T> {
  return context.limits.code.attempt({ kind, target, ip: context.clientIp }, guess);
}

/** The current password is checked upstream: a stolen session must not be able to guess it. */
export function checkPassword<T>(context: GatehouseContext, upstream: UpstreamName, check: () => Promise<T>): Promise<T> {
  const account = context.session.requireAccount(upstream);
  return context.limits.passwordCheck.attempt({ account, ip: context.clientIp }, check);
}
