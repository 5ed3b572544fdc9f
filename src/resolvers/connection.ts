import { invalidField } from '../errors.js';

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const MAX_PAGE_SIZE = 100;

/** `first` is 0..100 (default 20): more is a client error, not silently capped. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (size < 0 || size > MAX_PAGE_SIZE) throw invalidField('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  return size;
}

const encodeCursor = (kind: string, id: string): string => Buffer.from(`${kind}:${id}`).toString('base64url');

/**
 * A Relay connection over a list the gateway holds in full (upstreams without server-side
 * paging). Cursors are opaque and keyed by id, so a page boundary survives inserts before it.
 */
export function connectionFromList<T>(items: readonly T[], args: { first?: number | null; after?: string | null }, kind: string, idOf: (item: T) => string): Connection<T> {
  const size = pageSize(args.first);
  let start = 0;
  if (args.after) {
    const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
    const prefix = `${kind}:`;
    const index = decoded.startsWith(prefix) ? items.findIndex((item) => idOf(item) === decoded.slice(prefix.length)) : -1;
    if (index < 0) throw invalidField('after', 'is not a cursor of this list');
    start = index + 1;
  }
  const page = items.slice(start, start + size);
  // Cursors are encoded only when a client selects them.
  const edges = page.map((node) => ({
    node,
    get cursor() {
      return encodeCursor(kind, idOf(node));
    },
  }));
  const last = page.at(-1);
  return {
    edges,
    pageInfo: {
      hasNextPage: start + size < items.length,
      get endCursor() {
        return last === undefined ? null : encodeCursor(kind, idOf(last));
      },
    },
    totalCount: items.length,
  };
}
