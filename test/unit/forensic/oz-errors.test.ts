import { describe, expect, it } from 'vitest';
import { ozError } from '../../../src/datasources/forensic/errors.js';
import { newUserBody, toUserRecord } from '../../../src/datasources/forensic/versions.js';

const oz = (status: number, error_code: number, details: unknown = null) => ({ status, headers: {}, body: { error_code, error_message: 'upstream text', details } });
const mapped = (response: ReturnType<typeof oz> | { status: number; headers: object; body: unknown }) => {
  const error = ozError(response as Parameters<typeof ozError>[0]);
  return { message: error.message, extensions: error.extensions };
};

describe('the Oz error table', () => {
  it.each([
    [oz(400, 3, { name: 'required' }), { code: 'BAD_USER_INPUT', fieldErrors: { name: ['required'] }, upstream: 'FORENSIC' }],
    [oz(400, 4, { company_id: 'not a valid UUID' }), { code: 'BAD_USER_INPUT', fieldErrors: { companyId: ['not a valid UUID'] }, upstream: 'FORENSIC' }],
    [oz(400, 5, { can_start_analyse_biometry: 'must be a boolean' }), { code: 'BAD_USER_INPUT', fieldErrors: { 'analysisPermissions.biometry': ['must be a boolean'] }, upstream: 'FORENSIC' }],
    [oz(400, 4, { user_type: '"X" is not a valid choice' }), { code: 'BAD_USER_INPUT', fieldErrors: { role: ['"X" is not a valid choice'] }, upstream: 'FORENSIC' }],
    [oz(400, 3, { profile: { can_start_analysis_quality: ['required'] } }), { code: 'BAD_USER_INPUT', fieldErrors: { 'analysisPermissions.quality': ['required'] }, upstream: 'FORENSIC' }],
    [oz(400, 3, null), { code: 'BAD_USER_INPUT', upstream: 'FORENSIC' }],
    [oz(401, 6), { code: 'UNAUTHENTICATED', upstream: 'FORENSIC' }],
    [oz(401, 7), { code: 'UNAUTHENTICATED', upstream: 'FORENSIC' }],
    [oz(401, 8), { code: 'UNAUTHENTICATED', upstream: 'FORENSIC' }],
    [oz(403, 9), { code: 'FORBIDDEN', upstream: 'FORENSIC' }],
    [oz(404, 10), { code: 'NOT_FOUND', upstream: 'FORENSIC' }],
    [oz(502, 11), { code: 'UPSTREAM_UNAVAILABLE', upstream: 'FORENSIC' }],
    [oz(405, 1), { code: 'UPSTREAM_ERROR', upstream: 'FORENSIC' }],
    [{ status: 404, headers: {}, body: '<html>Not Found</html>' }, { code: 'NOT_FOUND', upstream: 'FORENSIC' }],
    [{ status: 400, headers: {}, body: '<html>Bad Request</html>' }, { code: 'UPSTREAM_ERROR', upstream: 'FORENSIC' }],
    [{ status: 418, headers: {}, body: undefined }, { code: 'UPSTREAM_ERROR', upstream: 'FORENSIC' }],
  ])('maps %j', (response, extensions) => {
    expect(mapped(response).extensions).toEqual(extensions);
  });

  it('never forwards error_message, nor a reason for a secret field or an overlong one', () => {
    const error = mapped(oz(400, 4, { password: 'hunter2 is too short', email: 'x'.repeat(500) }));
    expect(error.extensions.fieldErrors).toEqual({ password: ['is not valid'], email: ['is not valid'] });
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(JSON.stringify(error)).not.toContain('upstream text');
  });

  it('translates field names given by the caller (sign-in: email is the login)', () => {
    const error = ozError(oz(400, 3, { email: 'required' }), { email: 'login' });
    expect(error.extensions.fieldErrors).toEqual({ login: ['required'] });
  });
});

describe('the two Oz API versions', () => {
  const input = {
    companyId: 'c',
    email: 'e@x.io',
    password: 'p',
    firstName: 'f',
    lastName: 'l',
    middleName: '',
    role: 'CLIENT_SERVICE' as const,
    permissions: { biometry: true, collection: false, documents: true, quality: false },
  };

  it('writes the configured version’s spelling', () => {
    expect(newUserBody(input, 6).profile).toEqual({
      company_id: 'c', first_name: 'f', last_name: 'l', middle_name: '', user_type: 'CLIENT_SERVICE',
      can_start_analysis_biometry: true, can_start_analysis_collection: false, can_start_analysis_documents: true, can_start_analysis_quality: false,
    });
    expect(newUserBody(input, 5).profile).toEqual({
      company_id: 'c', first_name: 'f', last_name: 'l', middle_name: '', user_type: 'CLIENT', is_admin: false, is_service: true,
      can_start_analyse_biometry: true, can_start_analyse_collection: false, can_start_analyse_documents: true, can_start_analyse_quality: false,
    });
    expect(newUserBody({ ...input, role: 'OPERATOR' }, 5).profile).toMatchObject({ user_type: 'OPERATOR', is_admin: false, is_service: false });
    expect(() => newUserBody({ ...input, role: 'CLIENT_OPERATOR' }, 5)).toThrow(/API 5/);
  });

  it('reads either version into the same record', () => {
    const v6 = { user_id: 'u', user_type: 'CLIENT_ADMIN', email: 'e', first_name: 'f', last_name: 'l', middle_name: '', company_id: 'c', is_active: true, can_start_analysis_biometry: true, can_start_analysis_collection: false, can_start_analysis_documents: false, can_start_analysis_quality: true };
    const v5 = { user_id: 'u', user_type: 'CLIENT', is_admin: true, is_service: false, email: 'e', first_name: 'f', last_name: 'l', middle_name: '', company_id: 'c', is_active: true, can_start_analyse_biometry: true, can_start_analyse_collection: false, can_start_analyse_documents: false, can_start_analyse_quality: true };
    expect(toUserRecord(v5)).toEqual(toUserRecord(v6));
    expect(toUserRecord({ ...v5, is_admin: false, is_service: true }).role).toBe('CLIENT_SERVICE');
    expect(toUserRecord({ ...v5, is_admin: false }).role).toBe('CLIENT');
    expect(() => toUserRecord({ ...v6, user_type: 'SUPERUSER' })).toThrow(/unknown user type/);
  });
});
