import type { OffsetPage } from '../../datasources/forensic/data-source.js';
import type { CompanyRecord } from '../../datasources/core/records.js';
import type { ForensicUserRecord } from '../../datasources/forensic/records.js';
import { notACursor, pageSize, type Connection, type PageArgs } from '../connection.js';

const MAX_OFFSET = 1_000_000_000;

/**
 * How far the item a cursor names may have moved (items added or removed before it) and still be
 * found: the next page reads this many items on either side of the old position.
 */
export const CURSOR_SHIFT_WINDOW = 20;

/** One page of an Oz list (`limit`/`offset` over a bare array). `totalCount` reads the whole list, only when asked for. */
export type ForensicPage<T> = Omit<Connection<T>, 'totalCount'> & { totalCount: () => Promise<number> };

export type ForensicCompanyPage = ForensicPage<CompanyRecord>;
export type ForensicUserPage = ForensicPage<ForensicUserRecord>;

interface OffsetCursor {
  offset: number;
  id: string;
}

/**
 * A Relay connection over an Oz list, paged upstream with `limit`/`offset` (Oz's order, which the
 * gateway cannot sort). A cursor holds the item's offset and its id. The next page reads a window
 * around the old offset and starts right after the item wherever it now is, so items added or
 * removed before it (up to CURSOR_SHIFT_WINDOW positions) cause no repeat and no skip. When the item
 * itself has left the list, the page starts at its old offset, where its successor moved up to (exact
 * when nothing else before it changed). One more item than asked for says whether a next page
 * exists; `totalCount` reads the whole list only when a client selects it.
 */
export async function offsetConnection<T>(
  kind: string,
  args: PageArgs,
  idOf: (item: T) => string,
  read: (page: OffsetPage) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<ForensicPage<T>> {
  const size = pageSize(args.first);
  const cursor = args.after ? decodeCursor(kind, args.after) : undefined;
  let from = 0;
  let items: T[];
  let start = 0;
  if (!cursor) items = await read({ offset: 0, limit: size + 1 });
  else {
    from = Math.max(0, cursor.offset - CURSOR_SHIFT_WINDOW);
    items = await read({ offset: from, limit: cursor.offset - from + 1 + CURSOR_SHIFT_WINDOW + size + 1 });
    const found = items.findIndex((item) => sameId(idOf(item), cursor.id));
    start = found >= 0 ? found + 1 : cursor.offset - from;
  }
  const edges = items.slice(start, start + size).map((node, index) => ({ cursor: encodeCursor(kind, from + start + index, idOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: items.length > start + size,
      // Forward paging only: items before this page in the list as it is now.
      hasPreviousPage: from + start > 0,
      startCursor: edges.at(0)?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: count,
  };
}

// Oz ids are UUIDs, which it may spell in either case.
const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const encodeCursor = (kind: string, offset: number, id: string): string => Buffer.from(`${kind}:${offset}:${id}`).toString('base64url');

function decodeCursor(kind: string, cursor: string): OffsetCursor {
  const match = /^([A-Za-z]+):(\d{1,10}):([0-9A-Za-z-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match && match[1] === kind ? Number(match[2]) : NaN;
  if (!Number.isSafeInteger(offset) || offset >= MAX_OFFSET) throw notACursor();
  return { offset, id: match![3]! };
}
