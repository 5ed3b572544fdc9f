import type { OffsetPage } from '../../datasources/forensic/data-source.js';
import type { CompanyRecord } from '../../datasources/core/records.js';
import type { ForensicUserRecord } from '../../datasources/forensic/records.js';
import { invalidField } from '../../errors.js';
import { pageSize } from '../connection.js';

const MAX_OFFSET = 1_000_000_000;

/** One page of an Oz list (`limit`/`offset` over a bare array). `totalCount` reads the whole list, only when asked for. */
export interface ForensicPage<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

export type ForensicCompanyPage = ForensicPage<CompanyRecord>;
export type ForensicUserPage = ForensicPage<ForensicUserRecord>;


/**
 * A Relay connection over an Oz list, paged upstream with `limit`/`offset`: the cursor is the
 * item's offset (opaque to clients), one more item than asked for says whether a next page exists,
 * and `totalCount` reads the whole list only when a client selects it. Offsets shift when items
 * are inserted before a page boundary, as they do in Oz's own paging.
 */
export async function offsetConnection<T>(
  kind: string,
  args: { first?: number | null; after?: string | null },
  read: (page: OffsetPage) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<ForensicPage<T>> {
  const size = pageSize(args.first);
  const start = args.after ? decodeCursor(kind, args.after) + 1 : 0;
  const items = await read({ offset: start, limit: size + 1 });
  const edges = items.slice(0, size).map((node, index) => ({ cursor: encodeCursor(kind, start + index), node }));
  return {
    edges,
    pageInfo: { hasNextPage: items.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: count,
  };
}

const encodeCursor = (kind: string, offset: number): string => Buffer.from(`${kind}:${offset}`).toString('base64url');

function decodeCursor(kind: string, cursor: string): number {
  const match = /^([A-Za-z]+):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match && match[1] === kind ? Number(match[2]) : NaN;
  if (!Number.isSafeInteger(offset) || offset >= MAX_OFFSET) throw invalidField('after', 'is not a cursor of this list');
  return offset;
}
