import type { TokenFilter } from '../../datasources/rehive/data-source.js';
import type { AuthTokenFilter } from '../../generated/graphql.js';
import { ID_ARGUMENTS } from '../../validation/global-id.js';
import { InputCheck } from '../../validation/input.js';

const MAX_IDS = 100;

/** The token filter, checked before Rehive is called (ids, global or raw, become query parameters: token keys only). */
export function tokenFilter(filter: AuthTokenFilter | null | undefined): TokenFilter {
  if (!filter) return {};
  const check = new InputCheck()
    .sinceEpoch('createdAt', filter.createdAt)
    .sinceEpoch('createdAfter', filter.createdAfter)
    .sinceEpoch('createdAtOrAfter', filter.createdAtOrAfter)
    .sinceEpoch('createdBefore', filter.createdBefore)
    .sinceEpoch('createdAtOrBefore', filter.createdAtOrBefore)
    .maxItems('ids', filter.ids, MAX_IDS)
    .id('excludeId', filter.excludeId, ID_ARGUMENTS.rehiveToken);
  const ids = check.idList('ids', filter.ids, ID_ARGUMENTS.rehiveToken);
  const { excludeId } = check.done();
  return { ...filter, ids, excludeId };
}
