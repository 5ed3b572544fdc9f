import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/errors.js';
import { checkParam } from '../../src/validation/params.js';
import { upstreamPath } from '../../src/datasources/core/path.js';

const rejection = (fn: () => unknown): { code: unknown; fieldErrors: unknown } => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatehouseError);
    const { code, fieldErrors } = (error as GatehouseError).extensions;
    return { code, fieldErrors };
  }
  throw new Error('expected a rejection');
};

describe('path parameters', () => {
  it.each([
    '../auth/me', '..', '.', '/', '%2F', '%2f', '1%2F..', '1/2', '?', '1?a=1', '#', '1#x', '', ' 1', '1 ', '+1', '-1', '0', '01', '1.0', '1e3', '0x1', '１', '\u00001',
    '99999999999999999999', '9223372036854775808',
  ])('positiveInt refuses %j as BAD_USER_INPUT for the GraphQL field', (value) => {
    expect(rejection(() => checkParam('id', value, 'positiveInt'))).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { id: [expect.any(String)] } });
  });

  it('positiveInt accepts ids up to 2^63-1', () => {
    expect(checkParam('id', '1', 'positiveInt')).toBe('1');
    expect(checkParam('id', '9223372036854775807', 'positiveInt')).toBe('9223372036854775807');
  });

  it.each(['../x', 'abc', '123e4567-e89b-12d3-a456-42661417400', '123e4567-e89b-12d3-a456-4266141740000', '123e4567/e89b-12d3-a456-426614174000'])('uuid refuses %j', (value) => {
    expect(rejection(() => checkParam('companyId', value, 'uuid')).code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['identifier', ['a/b', 'a.b', '..', 'a b', 'a%2F', '']],
    // A token key is 8 characters; 33 is refused so that a filter of 100 keys stays a short query string.
    ['word', ['a-b', 'a/b', '..', '%2F', '', 'k'.repeat(33)]],
  ] as const)('%s refuses path syntax', (kind, values) => {
    for (const value of values) expect(rejection(() => checkParam('id', value, kind)).code).toBe('BAD_USER_INPUT');
  });

  it('refuses an over-long value', () => {
    expect(rejection(() => checkParam('id', 'a'.repeat(129), 'identifier')).code).toBe('BAD_USER_INPUT');
    expect(checkParam('id', 'a'.repeat(128), 'identifier')).toHaveLength(128);
  });

  it('upstreamPath fills every placeholder, validated and percent-encoded', () => {
    expect(upstreamPath('/api/leave-requests/{id}', { id: ['42', 'positiveInt'] })).toBe('/api/leave-requests/42');
    expect(upstreamPath('/3/auth/mfa/{kind}/{id}/', { kind: ['totp', 'word'], id: ['a_B-9', 'identifier'] })).toBe('/3/auth/mfa/totp/a_B-9/');
    expect(upstreamPath('/api/companies/{id}/', { id: ['123E4567-E89B-12D3-A456-426614174000', 'uuid'] })).toBe('/api/companies/123E4567-E89B-12D3-A456-426614174000/');
    expect(rejection(() => upstreamPath('/api/leave-requests/{id}', { id: ['../auth/me', 'positiveInt'] }))).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { id: [expect.any(String)] } });
    expect(() => upstreamPath('/api/{missing}/', {})).toThrow(/no value/);
  });
});
