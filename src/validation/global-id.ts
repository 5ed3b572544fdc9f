import { invalidField } from '../errors.js';
import { UPSTREAMS, type UpstreamName } from '../upstreams.js';
import { checkParam, type ParamKind } from './params.js';

/**
 * Relay object identification: every object with an id has a globally unique, opaque id, the
 * base64url of `Type:upstreamId`, or `Type:upstream:upstreamId` for the types that two upstreams
 * share (a forensic and a Rehive company could have the same id). Records keep the upstream's own
 * ids; the `id` resolvers encode them and arguments decode them here.
 */
const NODE_TYPES = ['HrUser', 'LeaveRequest', 'Badge', 'Employee', 'Company', 'ForensicUser', 'RehiveUser', 'AuthToken', 'MfaAuthenticator'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const SHARED_TYPES: ReadonlySet<NodeType> = new Set(['Company', 'AuthToken']);

/** What a global id names. `upstream` is set exactly for the shared types. */
export interface NodeRef {
  type: NodeType;
  upstream?: UpstreamName;
  id: string;
}

export function toGlobalId(type: NodeType, id: string | number, upstream?: UpstreamName): string {
  const prefix = SHARED_TYPES.has(type) ? `${type}:${upstream}:` : `${type}:`;
  return Buffer.from(prefix + String(id)).toString('base64url');
}

/** The object a global id names, or undefined when the value is not one (a raw upstream id, or junk). */
export function fromGlobalId(value: string): NodeRef | undefined {
  if (value.length === 0 || value.length > 512) return undefined;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const type = NODE_TYPES.find((name) => text.startsWith(`${name}:`));
  if (!type) return undefined;
  let rest = text.slice(type.length + 1);
  let upstream: UpstreamName | undefined;
  if (SHARED_TYPES.has(type)) {
    upstream = UPSTREAMS.find((name) => rest.startsWith(`${name}:`));
    if (!upstream) return undefined;
    rest = rest.slice(upstream.length + 1);
  }
  const ref = upstream ? { type, upstream, id: rest } : { type, id: rest };
  // Only the canonical spelling counts: a raw id that merely decodes to something is not a global id.
  return rest !== '' && toGlobalId(type, rest, upstream) === value ? ref : undefined;
}

/** The kind of object an id argument takes, and the pattern its upstream id must match. */
export interface IdArgument {
  type: NodeType;
  upstream?: UpstreamName;
  param: ParamKind;
}

export const ID_ARGUMENTS = {
  leaveRequest: { type: 'LeaveRequest', param: 'positiveInt' },
  badge: { type: 'Badge', param: 'positiveInt' },
  employee: { type: 'Employee', param: 'positiveInt' },
  forensicCompany: { type: 'Company', upstream: 'forensic', param: 'uuid' },
  forensicUser: { type: 'ForensicUser', param: 'uuid' },
  rehiveToken: { type: 'AuthToken', upstream: 'rehive', param: 'word' },
  mfaAuthenticator: { type: 'MfaAuthenticator', param: 'identifier' },
} as const satisfies Record<string, IdArgument>;

const describe = (ref: { type: NodeType; upstream?: UpstreamName }): string => (ref.upstream ? `${ref.type} (${ref.upstream.toUpperCase()})` : ref.type);

/**
 * The upstream id an argument names. It takes the global id of the expected type and, so that
 * existing clients keep working, the upstream's raw id; either way the upstream id is then checked
 * against its path pattern. The global id of another type is a BAD_USER_INPUT on `field`.
 */
export function upstreamId(field: string, value: string, expected: IdArgument): string {
  const ref = fromGlobalId(value);
  if (ref && (ref.type !== expected.type || ref.upstream !== expected.upstream)) {
    throw invalidField(field, `is an id of type ${describe(ref)}, not ${describe(expected)}`);
  }
  return checkParam(field, ref ? ref.id : value, expected.param);
}
