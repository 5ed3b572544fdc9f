import { invalidField } from '../errors.js';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const MAX_PAGE_SIZE = 100;

/** `first` is 0..100 (default 20): more is a client error, not silently capped. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (size < 0 || size > MAX_PAGE_SIZE) throw invalidField('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  return size;
}

/** A refused `after`: junk, or the cursor of another kind of list. */
export const notACursor = () => invalidField('after', 'is not a cursor of this list');

/**
 * The order of a list the gateway holds in full: `kind` names the list in its cursors, and `keys`
 * give each item's position, compared in turn, ascending (negate a key for a descending order).
 * Distinct items must have distinct keys, so that the last key is a unique tie-breaker.
 */
export interface ListOrder<T> {
  kind: string;
  keys: ReadonlyArray<(item: T) => number>;
}

const keyOf = <T>(order: ListOrder<T>, item: T): number[] => order.keys.map((key) => key(item));

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** Sorts in place by the order's keys (a list that is already in order is left as it is). */
export function sortByOrder<T>(items: T[], order: ListOrder<T>): T[] {
  const sorted = items.every((item, i) => i === 0 || compareKeys(keyOf(order, items[i - 1]!), keyOf(order, item)) < 0);
  return sorted ? items : items.sort((a, b) => compareKeys(keyOf(order, a), keyOf(order, b)));
}

const encodeCursor = <T>(order: ListOrder<T>, item: T): string => Buffer.from(`${order.kind}:${keyOf(order, item).join(':')}`).toString('base64url');

function decodeCursor<T>(order: ListOrder<T>, cursor: string): number[] {
  const [kind, ...parts] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const key = parts.map((part) => (/^-?\d{1,16}$/.test(part) ? Number(part) : NaN));
  if (kind !== order.kind || key.length !== order.keys.length || !key.every(Number.isSafeInteger)) throw notACursor();
  return key;
}

/** `first` and `after` checked before a list is read: a refused page costs no upstream read. */
export function checkPageArgs<T>(args: PageArgs, order: ListOrder<T>): void {
  pageSize(args.first);
  if (args.after) decodeCursor(order, args.after);
}

/** The index of the first item after `key` in a list sorted by the order (binary search). */
function indexAfter<T>(items: readonly T[], order: ListOrder<T>, key: readonly number[]): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareKeys(keyOf(order, items[middle]!), key) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A Relay connection over a list the gateway holds in full (upstreams without server-side paging),
 * sorted by `order`. A cursor is the item's position key (keyset pagination), not the item: the next
 * page starts after that position even when the item has since changed, been filtered out or been
 * deleted, so a client scrolling on sees no item twice and misses none that stayed in the list.
 */
export function connectionFromList<T>(items: readonly T[], args: PageArgs, order: ListOrder<T>): Connection<T> {
  const size = pageSize(args.first);
  const start = args.after ? indexAfter(items, order, decodeCursor(order, args.after)) : 0;
  const page = items.slice(start, start + size);
  // Cursors are encoded only when a client selects them.
  const edges = page.map((node) => ({
    node,
    get cursor() {
      return encodeCursor(order, node);
    },
  }));
  const [first, last] = [page.at(0), page.at(-1)];
  return {
    edges,
    pageInfo: {
      hasNextPage: start + size < items.length,
      // Forward paging only: items before the cursor's position in the list as it is now.
      hasPreviousPage: start > 0,
      get startCursor() {
        return first === undefined ? null : encodeCursor(order, first);
      },
      get endCursor() {
        return last === undefined ? null : encodeCursor(order, last);
      },
    },
    totalCount: items.length,
  };
}
