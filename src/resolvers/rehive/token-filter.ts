import type { TokenFilter } from '../../datasources/rehive/data-source.js';
import type { AuthTokenFilter } from '../../generated/graphql.js';
import { InputCheck } from '../../validation/input.js';

const MAX_IDS = 100;

/** The token filter, checked before Rehive is called (ids become query parameters: `word` keys only). */
export function tokenFilter(filter: AuthTokenFilter | null | undefined): TokenFilter {
  if (!filter) return {};
  const check = new InputCheck()
    .sinceEpoch('createdAt', filter.createdAt)
    .sinceEpoch('createdAfter', filter.createdAfter)
    .sinceEpoch('createdAtOrAfter', filter.createdAtOrAfter)
    .sinceEpoch('createdBefore', filter.createdBefore)
    .sinceEpoch('createdAtOrBefore', filter.createdAtOrBefore)
    .maxItems('ids', filter.ids, MAX_IDS)
    .param('excludeId', filter.excludeId, 'word');
  for (const id of filter.ids ?? []) check.param('ids', id, 'word');
  check.done();
  return filter;
}
