import { describe, expect, it, vi } from 'vitest';
import { ServiceAccountSlot } from '../../../src/datasources/core/service-account.js';

describe('the lenel service account slot', () => {
  it('shares one sign-in between concurrent readers', async () => {
    const signIn = vi.fn(async () => 'token');
    const slot = new ServiceAccountSlot('svc', signIn);
    expect(await Promise.all([slot.read(), slot.read(), slot.read()])).toEqual(['token', 'token', 'token']);
    expect(signIn).toHaveBeenCalledTimes(1);
  });

  it('after a refused sign-in, answers the same error without asking again until the backoff has passed', async () => {
    let now = 1_000;
    const signIn = vi.fn(async (): Promise<string> => {
      throw new Error('refused');
    });
    const slot = new ServiceAccountSlot('svc', signIn, 5_000, () => now);
    await expect(slot.read()).rejects.toThrow('refused');
    now += 4_999;
    await expect(slot.read()).rejects.toThrow('refused');
    expect(signIn).toHaveBeenCalledTimes(1);
    now += 1;
    signIn.mockResolvedValueOnce('token');
    expect(await slot.read()).toBe('token');
    expect(signIn).toHaveBeenCalledTimes(2);
  });

  it('signs in again when the credentials are reported dead', async () => {
    const signIn = vi.fn(async () => `token-${signIn.mock.calls.length}`);
    const slot = new ServiceAccountSlot('svc', signIn);
    expect(await slot.read()).toBe('token-1');
    expect(await slot.expire()).toBe('token-2');
    expect(await slot.read()).toBe('token-2');
  });
});
