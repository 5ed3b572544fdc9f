import { randomUUID } from 'node:crypto';
import { authenticator as otp } from 'otplib';
import type { AuthenticatorRecord, AuthenticatorType, ChallengeRecord, UserRecord } from './state.js';
import { newDigits } from './state.js';

const STATIC_TOKEN_COUNT = 10;
const STATIC_TOKEN_DIGITS = 8;
const SMS_CODE_DIGITS = 6;

export function newAuthenticator(
  user: UserRecord,
  type: AuthenticatorType,
  at: number,
  extra: { secret?: string; mobile?: string; id?: string } = {},
): AuthenticatorRecord {
  const base = { id: extra.id ?? randomUUID(), userId: user.id, type, verified: false, created: at, updated: at };
  switch (type) {
    case 'totp':
      return { ...base, name: 'Authenticator app', secret: extra.secret ?? otp.generateSecret(20) };
    case 'sms':
      return { ...base, name: 'SMS', mobile: extra.mobile ?? user.mobile ?? '' };
    case 'static':
      return {
        ...base,
        name: 'Backup codes',
        tokens: Array.from({ length: STATIC_TOKEN_COUNT }, () => ({ token: newDigits(STATIC_TOKEN_DIGITS), available: true })),
      };
  }
}

/** The authenticator object; `masked` leaves out the TOTP secret and the static tokens (shown once, at creation). */
export function serializeAuthenticator(a: AuthenticatorRecord, user: UserRecord, masked: boolean): Record<string, unknown> {
  return { id: a.id, type: a.type, details: details(a, user, masked), verified: a.verified, created: a.created, updated: a.updated };
}

function details(a: AuthenticatorRecord, user: UserRecord, masked: boolean): Record<string, unknown> {
  switch (a.type) {
    case 'totp': {
      const issuer = user.company;
      const account = user.email ?? user.username ?? user.mobile ?? user.id;
      const shown: Record<string, unknown> = { name: a.name, algorithm: 'SHA1', issuer, account };
      if (masked) return shown;
      return { ...shown, otpauth_url: otp.keyuri(account, issuer, a.secret!), key: a.secret };
    }
    case 'sms':
      return { name: a.name, mobile: a.mobile };
    case 'static':
      return masked ? { name: a.name } : { name: a.name, tokens: a.tokens!.map((t) => ({ ...t })) };
  }
}

/** Sends nothing itself: returns the code to deliver, remembered on the authenticator until it is used or expires. */
export function issueSmsCode(a: AuthenticatorRecord, at: number, lifetimeSeconds: number): string {
  const code = newDigits(SMS_CODE_DIGITS);
  a.smsCode = { code, expires: at + lifetimeSeconds * 1000 };
  return code;
}

/**
 * Checks a code against one authenticator. TOTP is RFC 6238 (SHA1, 6 digits, 30 s, ±1 step) through
 * otplib, at the emulator's clock; static and SMS codes are used up by a successful check.
 */
export function checkCode(a: AuthenticatorRecord, code: string, at: number): boolean {
  switch (a.type) {
    case 'totp':
      return /^\d{6}$/.test(code) && otp.clone({ window: 1, epoch: at }).check(code, a.secret!);
    case 'static': {
      const match = a.tokens!.find((t) => t.available && t.token === code);
      if (match) match.available = false;
      return match !== undefined;
    }
    case 'sms': {
      if (!a.smsCode || a.smsCode.expires <= at || a.smsCode.code !== code) return false;
      a.smsCode = undefined;
      return true;
    }
  }
}

export function serializeChallenge(c: ChallengeRecord): Record<string, unknown> {
  return { id: c.id, type: 'authentication', durability: 'permanent', authenticator_types: [...c.authenticatorTypes], created: c.created };
}
