import type { Resolvers } from '../generated/graphql.js';
import { forensicResolvers } from './forensic/index.js';
import { hrResolvers } from './hr/index.js';
import { lenelResolvers } from './lenel/index.js';
import { nodeResolvers } from './node.js';
import { passwordResolvers } from './passwords.js';
import { rehiveResolvers } from './rehive/index.js';
import { scalarResolvers } from './scalars.js';
import { sessionResolvers } from './session.js';
import { sharedResolvers } from './shared.js';

/** Every resolver map, merged by makeExecutableSchema. */
export const resolvers: Resolvers[] = [scalarResolvers, sharedResolvers, nodeResolvers, sessionResolvers, passwordResolvers, hrResolvers, lenelResolvers, forensicResolvers, rehiveResolvers];
