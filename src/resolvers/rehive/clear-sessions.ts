import type { ClearSessionOption } from '../../datasources/rehive/data-source.js';
import type { ClearSessions } from '../../generated/graphql.js';

/** The `ClearSessions` enum → Rehive's `clear_session_option`; omitted: the mutation's own default. */
export const clearOption = (value: ClearSessions | null | undefined, omitted: ClearSessionOption): ClearSessionOption =>
  value ? (value.toLowerCase() as ClearSessionOption) : omitted;
