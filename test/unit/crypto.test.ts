import { describe, expect, it } from 'vitest';
import { hashToken, newSessionToken, Sealer } from '../../src/auth/crypto.js';

const SECRET = 'a-session-secret-that-is-long-enough-0123456789';

describe('Sealer (AES-256-GCM for upstream tokens in the session store)', () => {
  const sealer = new Sealer(SECRET);

  it('round-trips, with a fresh IV each time', () => {
    const plaintext = JSON.stringify({ access: 'a.b.c', refresh: 'd.e.f', note: 'ünïcødé' });
    const first = sealer.seal(plaintext, 'session-1:hr');
    const second = sealer.seal(plaintext, 'session-1:hr');
    expect(first).not.toBe(second);
    expect(first).not.toContain('a.b.c');
    expect(sealer.open(first, 'session-1:hr')).toBe(plaintext);
    expect(new Sealer(SECRET).open(second, 'session-1:hr')).toBe(plaintext);
  });

  it('throws on a tampered ciphertext, tag or IV', () => {
    const sealed = sealer.seal('secret', 'session-1:hr');
    const parts = sealed.split('.');
    for (let i = 0; i < 3; i++) {
      const bytes = Buffer.from(parts[i]!, 'base64url');
      bytes[0]! ^= 1;
      const tampered = parts.map((part, j) => (j === i ? bytes.toString('base64url') : part)).join('.');
      expect(() => sealer.open(tampered, 'session-1:hr')).toThrow();
    }
    expect(() => sealer.open('not-sealed', 'session-1:hr')).toThrow();
  });

  it('throws with other associated data (another session or upstream) or another key', () => {
    const sealed = sealer.seal('secret', 'session-1:hr');
    expect(() => sealer.open(sealed, 'session-2:hr')).toThrow();
    expect(() => sealer.open(sealed, 'session-1:lenel')).toThrow();
    expect(() => new Sealer(`${SECRET}-other`).open(sealed, 'session-1:hr')).toThrow();
  });

  it('session tokens are 32 random bytes; the store key is their hash', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).toBe(hashToken(token));
  });
});
