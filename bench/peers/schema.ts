import { readFileSync } from 'node:fs';

/**
 * The Apollo peers serve the public lenel schema (schema/lenel.graphql) on a minimal base: the
 * scalars, PageInfo, the Node interface and a `viewer` reduced to what scenario S7 selects.
 */
const BASE = /* GraphQL */ `
  scalar DateTime
  enum Upstream { LENEL FORENSIC HR REHIVE }
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  interface Node { id: ID! }
  type LinkedAccount { upstream: Upstream! }
  type Viewer { signedIn: Boolean! accounts: [LinkedAccount!]! }
  type Query { viewer: Viewer! }
  type Mutation { _unused: Boolean }
`;

export const peerTypeDefs = [BASE, readFileSync(new URL('../../schema/lenel.graphql', import.meta.url), 'utf8')];
