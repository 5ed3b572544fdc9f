import { rehiveCompany } from '../datasources/rehive/records.js';
import type { GatehouseContext } from '../context.js';
import { invalidField, unauthenticated } from '../errors.js';
import type { NodeResolvers, QueryResolvers, ResolversInterfaceTypes, ResolversTypes } from '../generated/graphql.js';
import type { UpstreamName } from '../upstreams.js';
import { fromGlobalId, ID_ARGUMENTS, upstreamId, type NodeRef, type NodeType } from '../validation/global-id.js';

type NodeRecord = ResolversInterfaceTypes<ResolversTypes>['Node'];

/** A record `node` loaded, tagged with the type its id named (records alone do not say what they are). */
type TaggedNode = NodeRecord & { __typename: NodeType };

/**
 * How `node` refetches each type: through the request's data sources and with the outcome of the
 * type's own root field, i.e. the same linked account needed (UNAUTHENTICATED without it) and null
 * for what does not exist or is not the caller's. The users are the caller's own profiles
 * (`viewer.hr`, `viewer.rehive`): null without that account, as there.
 */
const load: Record<NodeType, (ref: NodeRef, context: GatehouseContext) => Promise<NodeRecord | null> | NodeRecord | null> = {
  HrUser: async (ref, context) => {
    if (!context.session.account('hr')) return null;
    const me = await context.hr.getMe();
    return String(me.id) === ref.id ? me : null;
  },
  LeaveRequest: (ref, context) => {
    requireAccount(context, 'hr');
    return context.hr.getLeaveRequest(upstreamId('id', ref.id, ID_ARGUMENTS.leaveRequest));
  },
  Badge: (ref, context) => {
    const id = upstreamId('id', ref.id, ID_ARGUMENTS.badge);
    requireAccount(context, 'lenel');
    context.lenel.requireOwnAccount();
    return context.lenel.getBadge(id);
  },
  Employee: (ref, context) => {
    const id = upstreamId('id', ref.id, ID_ARGUMENTS.employee);
    requireAccount(context, 'lenel');
    context.lenel.requireOwnAccount();
    return context.lenel.getEmployee(id);
  },
  Company: async (ref, context) => {
    if (ref.upstream === 'rehive') {
      // Rehive shows a user only their own company (`RehiveUser.company`), by its identifier alone.
      if (!context.session.account('rehive')) return null;
      const me = await context.rehive.getMe();
      return me.company === ref.id ? rehiveCompany(me.company) : null;
    }
    requireAccount(context, 'forensic');
    return context.forensic.getCompany(upstreamId('id', ref.id, ID_ARGUMENTS.forensicCompany));
  },
  ForensicUser: (ref, context) => {
    requireAccount(context, 'forensic');
    return context.forensic.getUser(upstreamId('id', ref.id, ID_ARGUMENTS.forensicUser));
  },
  RehiveUser: async (ref, context) => {
    if (!context.session.account('rehive')) return null;
    const me = await context.rehive.getMe();
    return me.id === ref.id ? me : null;
  },
  AuthToken: (ref, context) => {
    if (ref.upstream === 'rehive') {
      requireAccount(context, 'rehive');
      return context.rehive.getToken(upstreamId('id', ref.id, ID_ARGUMENTS.rehiveToken));
    }
    // Oz has no way to read a service token back: it exists only in `issueServiceToken`'s answer.
    requireAccount(context, 'forensic');
    return null;
  },
  MfaAuthenticator: (ref, context) => {
    requireAccount(context, 'rehive');
    return context.rehive.getAuthenticator(upstreamId('id', ref.id, ID_ARGUMENTS.mfaAuthenticator));
  },
};

function requireAccount(context: GatehouseContext, upstream: UpstreamName): void {
  if (!context.session.account(upstream)) throw unauthenticated(upstream);
}

const Query: QueryResolvers = {
  node: async (_, { id }, context) => {
    const ref = fromGlobalId(id);
    if (!ref) throw invalidField('id', 'is not a global id');
    const record = await load[ref.type](ref, context);
    // A copy: records may be shared (the lenel list cache), and the tag belongs to this answer only.
    return record === null ? null : ({ ...record, __typename: ref.type } as TaggedNode);
  },
};

const Node: NodeResolvers = {
  __resolveType: (node) => (node as TaggedNode).__typename,
};

export const nodeResolvers = { Query, Node };
