import { rehiveCompany } from '../datasources/rehive/records.js';
import type { GatehouseContext } from '../context.js';
import { invalidField } from '../errors.js';
import type { NodeResolvers, QueryResolvers, ResolversInterfaceTypes, ResolversTypes } from '../generated/graphql.js';
import { fromGlobalId, ID_ARGUMENTS, type IdArgument, type NodeRef, type NodeType } from '../validation/global-id.js';
import { checkParam } from '../validation/params.js';

type NodeRecord = ResolversInterfaceTypes<ResolversTypes>['Node'];

/**
 * The type each record `node` answered was loaded as (records alone do not say what they are). Not
 * a tag on a copy: records may be class instances whose fields are getters (the lenel list cache),
 * which a spread would lose, and they may be shared between requests.
 */
const nodeTypes = new WeakMap<object, NodeType>();

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
    context.session.requireAccount('hr');
    return context.hr.getLeaveRequest(idOf(ref, ID_ARGUMENTS.leaveRequest));
  },
  Badge: (ref, context) => {
    const id = idOf(ref, ID_ARGUMENTS.badge);
    context.lenel.requireOwnAccount();
    return context.lenel.getBadge(id);
  },
  Employee: (ref, context) => {
    const id = idOf(ref, ID_ARGUMENTS.employee);
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
    context.session.requireAccount('forensic');
    return context.forensic.getCompany(idOf(ref, ID_ARGUMENTS.forensicCompany));
  },
  ForensicUser: (ref, context) => {
    context.session.requireAccount('forensic');
    return context.forensic.getUser(idOf(ref, ID_ARGUMENTS.forensicUser));
  },
  RehiveUser: async (ref, context) => {
    if (!context.session.account('rehive')) return null;
    const me = await context.rehive.getMe();
    return me.id === ref.id ? me : null;
  },
  AuthToken: (ref, context) => {
    if (ref.upstream === 'rehive') {
      context.session.requireAccount('rehive');
      return context.rehive.getToken(idOf(ref, ID_ARGUMENTS.rehiveToken));
    }
    // Oz has no way to read a service token back: it exists only in `issueServiceToken`'s answer.
    context.session.requireAccount('forensic');
    return null;
  },
  MfaAuthenticator: (ref, context) => {
    context.session.requireAccount('rehive');
    return context.rehive.getAuthenticator(idOf(ref, ID_ARGUMENTS.mfaAuthenticator));
  },
};

/** The upstream id inside an id `fromGlobalId` decoded, checked as the type's own argument is (never decoded twice). */
const idOf = (ref: NodeRef, expected: IdArgument): string => checkParam('id', ref.id, expected.param);


const Query: QueryResolvers = {
  node: async (_, { id }, context) => {
    const ref = fromGlobalId(id);
    if (!ref) throw invalidField('id', 'is not a global id');
    const record = await load[ref.type](ref, context);
    if (record !== null) nodeTypes.set(record, ref.type);
    return record;
  },
};

const Node: NodeResolvers = {
  __resolveType: (node) => nodeTypes.get(node) ?? null,
};

export const nodeResolvers = { Query, Node };
