import { describe, expect, it } from 'vitest';
import { serializeError } from '../../src/logger.js';

describe('logged errors', () => {
  it('carry type, message and code, but no stack and no URL', () => {
    const error = Object.assign(new Error('request to http://10.0.0.5:8000/api/auth/me/?x=1 failed'), { code: 'ECONNRESET' });
    const logged = serializeError(error);
    expect(logged).toEqual({ type: 'Error', message: 'request to [url] failed', code: 'ECONNRESET' });
    expect(JSON.stringify(logged)).not.toContain('at ');
  });

  it('include the cause the same way', () => {
    const error = new TypeError('wrapped', { cause: new Error('see https://upstream.example/path') });
    expect(serializeError(error)).toEqual({ type: 'TypeError', message: 'wrapped', cause: { type: 'Error', message: 'see [url]' } });
  });
});
