import { describe, expect, it } from 'vitest';
import type { GatehouseError } from '../../src/errors.js';
import { fromGlobalId, ID_ARGUMENTS, toGlobalId, upstreamId } from '../../src/validation/global-id.js';
import { InputCheck } from '../../src/validation/input.js';

const rejection = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as GatehouseError).extensions;
  }
  throw new Error('expected a rejection');
};

describe('global ids', () => {
  it('are the base64url of Type:id, with the upstream for the types two upstreams share', () => {
    expect(toGlobalId('Badge', 5)).toBe(Buffer.from('Badge:5').toString('base64url'));
    expect(toGlobalId('Company', 'acme', 'rehive')).toBe(Buffer.from('Company:rehive:acme').toString('base64url'));
    expect(fromGlobalId(toGlobalId('Badge', 5))).toEqual({ type: 'Badge', id: '5' });
    expect(fromGlobalId(toGlobalId('AuthToken', 'ab:cd', 'forensic'))).toEqual({ type: 'AuthToken', upstream: 'forensic', id: 'ab:cd' });
  });

  it('only the canonical spelling of a known type is a global id', () => {
    for (const value of ['5', 'abc', Buffer.from('Nope:5').toString('base64url'), Buffer.from('Company:5').toString('base64url'), Buffer.from('Badge:').toString('base64url'), `${toGlobalId('Badge', 5)}=`]) {
      expect(fromGlobalId(value)).toBeUndefined();
    }
  });

  it('arguments take the global id of their type or the raw upstream id, checked against its pattern', () => {
    expect(upstreamId('id', toGlobalId('Badge', 5), ID_ARGUMENTS.badge)).toBe('5');
    expect(upstreamId('id', '5', ID_ARGUMENTS.badge)).toBe('5');
    expect(rejection(() => upstreamId('id', toGlobalId('Badge', 'x/..'), ID_ARGUMENTS.badge))).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { id: ['must be a positive integer'] } });
    expect(rejection(() => upstreamId('badgeId', toGlobalId('Employee', 5), ID_ARGUMENTS.badge))).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { badgeId: ['is an id of type Employee, not Badge'] },
    });
    expect(rejection(() => upstreamId('id', toGlobalId('Company', 'acme', 'rehive'), ID_ARGUMENTS.forensicCompany))).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { id: ['is an id of type Company (REHIVE), not Company (FORENSIC)'] },
    });
  });

  it('InputCheck collects id errors with the others and returns the upstream ids', () => {
    expect(new InputCheck().id('id', toGlobalId('MfaAuthenticator', 'a1'), ID_ARGUMENTS.mfaAuthenticator).done()).toEqual({ id: 'a1' });
    expect(rejection(() => new InputCheck().id('id', toGlobalId('Badge', 1), ID_ARGUMENTS.mfaAuthenticator).notBlank('code', ' ').done())).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { id: ['is an id of type Badge, not MfaAuthenticator'], code: ['This field may not be blank.'] },
    });
  });
});
