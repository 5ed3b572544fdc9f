import type { GraphQLSchema } from 'graphql';
import { allow, chain, deny, shield, type IRules } from 'graphql-shield';
import { applyMiddleware, type IMiddleware } from 'graphql-middleware';
import { forbidden } from '../errors.js';
import { hasAccount, isForensicAdmin, isSignedIn } from './rules.js';

/**
 * One explicit rule for every root field; anything not listed is denied (a test walks the schema
 * and fails on a root field without an entry here). Public fields are `allow`.
 */
export const permissions = {
  Query: {
    viewer: allow,
    // Each type's own account rule is applied by `node` once it knows the type (resolvers/node.ts).
    node: isSignedIn,
    leaveRequests: hasAccount('hr'),
    leaveRequest: hasAccount('hr'),
    badges: hasAccount('lenel'),
    badge: hasAccount('lenel'),
    employees: hasAccount('lenel'),
    employee: hasAccount('lenel'),
    company: hasAccount('forensic'),
    companies: hasAccount('forensic'),
    forensicUser: hasAccount('forensic'),
    forensicUsers: hasAccount('forensic'),
    authTokens: hasAccount('rehive'),
    authToken: hasAccount('rehive'),
    mfaAuthenticators: hasAccount('rehive'),
    mfaAuthenticator: hasAccount('rehive'),
  },
  Mutation: {
    signIn: allow,
    signOut: isSignedIn,
    completeMfaChallenge: hasAccount('rehive'),
    requestPasswordReset: allow,
    resetPassword: allow,
    changePassword: isSignedIn,
    updateHrProfile: hasAccount('hr'),
    createLeaveRequest: hasAccount('hr'),
    updateLeaveRequest: hasAccount('hr'),
    cancelLeaveRequest: hasAccount('hr'),
    deleteLeaveRequest: hasAccount('hr'),
    updateBadgeStatus: hasAccount('lenel'),
    // Decided up front (no upstream call): only an Oz ADMIN may create companies.
    createCompany: chain(hasAccount('forensic'), isForensicAdmin),
    createForensicUser: hasAccount('forensic'),
    issueServiceToken: hasAccount('forensic'),
    register: allow,
    registerCompany: allow,
    verifyEmail: allow,
    resendEmailVerification: allow,
    verifyMobile: hasAccount('rehive'),
    resendMobileVerification: allow,
    createMfaAuthenticator: hasAccount('rehive'),
    verifyMfaAuthenticator: hasAccount('rehive'),
    verifyMfaCode: hasAccount('rehive'),
    deleteMfaAuthenticator: hasAccount('rehive'),
    deliverMfaCode: hasAccount('rehive'),
    createAuthToken: hasAccount('rehive'),
    deleteAuthToken: hasAccount('rehive'),
    deleteAllAuthTokens: hasAccount('rehive'),
    requestAccountDeactivation: allow,
    confirmAccountDeactivation: allow,
    requestAccountDeletion: allow,
    confirmAccountDeletion: allow,
  },
} satisfies IRules;

/**
 * Wraps the schema with graphql-shield: deny by default at the root types, resolver errors kept
 * (allowExternalErrors), FORBIDDEN when a rule says no.
 *
 * Versions are pinned exactly in package.json (graphql 16.15.0, graphql-shield 7.6.5,
 * graphql-middleware 6.1.35, @graphql-tools/schema 10.1.5): shield and middleware have broken with
 * other combinations of these packages, and test/integration/foundation/shield.test.ts proves this one.
 *
 * Shield generates a middleware for every field of every object type (its fallback rule applies
 * everywhere), which makes every field async. Rules exist only at the roots, so only the root
 * types' middleware is applied: nested fields resolve at full speed.
 */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const generator = shield(permissions, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden(),
  });
  const all = generator.generate(schema) as Record<string, IMiddleware>;
  const roots: Record<string, unknown> = {};
  for (const type of Object.keys(permissions)) roots[type] = all[type];
  return applyMiddleware(schema, roots as IMiddleware);
}
