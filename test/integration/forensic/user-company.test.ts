import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../helpers/stack.js';
import { ACME, ADMIN, startForensicStack } from './helpers.js';

const USERS = `{ forensicUsers(first: 100) { edges { node { email company { name } } } } }`;

describe("ForensicUser.company: one company's failure stays on its own users", () => {
  let stack: Stack;
  let admin: string;
  beforeAll(async () => {
    stack = await startForensicStack(6, {}, { UPSTREAM_RETRIES: '0' });
    const beta = stack.forensic.addCompany('Beta Labs');
    for (const name of ['b1', 'b2']) stack.forensic.addUser({ email: `${name}@beta.example.com`, password: 'x-password', role: 'CLIENT', companyId: beta.companyId });
    // An Oz whose stored company id is not a UUID: the gateway cannot look it up, and it is not the caller's input.
    stack.forensic.addCompany('Legacy', 'legacy-7');
    stack.forensic.addUser({ email: 'old@legacy.example.com', password: 'x-password', role: 'CLIENT', companyId: 'legacy-7' });
    admin = await stack.signIn('FORENSIC', ADMIN);
  });
  afterAll(() => stack.close());

  it('resolves the other companies of a page when one company read is refused and one user names a malformed company id', async () => {
    stack.forensic.server.clearLog();
    stack.forensic.server.addFault({ method: 'GET', path: `/api/companies/${ACME}/`, sequence: [403] });
    const response = await stack.gql(USERS, {}, { token: admin });
    const companyError = (edge: number, code: string, message: string) => ({
      message,
      locations: [{ line: 1, column: 52 }],
      path: ['forensicUsers', 'edges', edge, 'node', 'company'],
      extensions: { code, upstream: 'FORENSIC' },
    });
    const refused = (edge: number) => companyError(edge, 'FORBIDDEN', 'Your forensic role does not allow this.');
    const node = (email: string, company: string | null) => ({ node: { email, company: company && { name: company } } });
    const byEdge = (errors: unknown[] = []) => [...errors].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect({ ...response.body, errors: byEdge(response.body.errors) }).toEqual({
      data: {
        forensicUsers: {
          edges: [
            node('admin@oz.example.com', null),
            node('company.admin@oz.example.com', null),
            node('operator@oz.example.com', null),
            node('svc@oz.example.com', null),
            node('b1@beta.example.com', 'Beta Labs'),
            node('b2@beta.example.com', 'Beta Labs'),
            node('old@legacy.example.com', null),
          ],
        },
      },
      // Acme's users get Oz's refusal; the stored id that is not a UUID is Oz's fault, not BAD_USER_INPUT.
      errors: byEdge([refused(1), refused(3), companyError(6, 'UPSTREAM_ERROR', 'The forensic service sent a malformed company id.')]),
    });
    // One read per company the gateway could name; none for the malformed id.
    expect(stack.forensic.server.count('GET', /^\/api\/companies\//)).toBe(2);
  });
});
