import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/errors.js';
import { connectionFromList, pageSize, sortByOrder, type ListOrder, type PageArgs } from '../../src/resolvers/connection.js';

interface Item {
  id: number;
  start: number;
}
const BY_ID: ListOrder<Item> = { kind: 'LeaveRequest', keys: [(item) => item.id] };
const items: Item[] = Array.from({ length: 45 }, (_, i) => ({ id: i + 1, start: 0 }));
const page = (args: PageArgs, list: readonly Item[] = items) => connectionFromList(list, args, BY_ID);
const ids = (connection: { edges: Array<{ node: Item }> }) => connection.edges.map((edge) => edge.node.id);

function rejection(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as GatehouseError).extensions;
  }
  throw new Error('expected a rejection');
}

describe('connectionFromList', () => {
  it('defaults to 20 and walks every item with endCursor', () => {
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const connection = page({ after });
      pages++;
      expect(connection.totalCount).toBe(45);
      expect(connection.pageInfo.hasPreviousPage).toBe(pages > 1);
      seen.push(...ids(connection));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(items.map((item) => item.id));
  });

  it('cursors are opaque, per edge; startCursor and endCursor are the first and last edge’s', () => {
    const first = page({ first: 3 });
    expect(first.pageInfo.startCursor).toBe(first.edges[0]!.cursor);
    expect(first.pageInfo.endCursor).toBe(first.edges[2]!.cursor);
    expect(Buffer.from(first.pageInfo.endCursor!, 'base64url').toString()).not.toBe('3');
    expect(ids(page({ first: 2, after: first.edges[1]!.cursor }))).toEqual([3, 4]);
  });

  it('a cursor is a position: the next page starts after it when its item has left the list, with no repeat and no skip', () => {
    const first = page({ first: 2 });
    // Item 2 (the boundary) and item 3 left the list, item 0 was added before the boundary.
    const changed = [{ id: 0, start: 0 }, ...items.filter((item) => item.id !== 2 && item.id !== 3)];
    const next = page({ first: 2, after: first.pageInfo.endCursor }, changed);
    expect(ids(next)).toEqual([4, 5]);
    expect(next.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    // Every item after the boundary gone: an empty last page, not an error.
    const empty = page({ first: 2, after: first.pageInfo.endCursor }, items.slice(0, 1));
    expect(empty).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null }, totalCount: 1 });
  });

  it('orders by several keys (newest start first, then newest id) and sorts a list that is out of order', () => {
    const order: ListOrder<Item> = { kind: 'LeaveRequest', keys: [(item) => -item.start, (item) => -item.id] };
    const list = sortByOrder([{ id: 1, start: 10 }, { id: 2, start: 30 }, { id: 3, start: 30 }, { id: 4, start: 20 }], order);
    expect(list.map((item) => item.id)).toEqual([3, 2, 4, 1]);
    const first = connectionFromList(list, { first: 2 }, order);
    // Request 2 was moved to a later start: it moved up, behind the cursor; request 4 is next.
    const moved = sortByOrder([{ id: 1, start: 10 }, { id: 2, start: 40 }, { id: 3, start: 30 }, { id: 4, start: 20 }], order);
    expect(connectionFromList(moved, { first: 2, after: first.pageInfo.endCursor }, order).edges.map((edge) => edge.node.id)).toEqual([4, 1]);
  });

  it('first: 0 gives an empty page with the total; an empty list has no cursors', () => {
    expect(page({ first: 0 })).toEqual({ edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 45 });
    expect(page({}, [])).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 });
  });

  it('refuses first over 100 or negative, and a cursor of another list or junk', () => {
    for (const first of [101, -1]) expect(() => pageSize(first)).toThrow(GatehouseError);
    expect(pageSize(100)).toBe(100);
    expect(pageSize(undefined)).toBe(20);
    const badge = connectionFromList(items, { first: 1 }, { kind: 'Badge', keys: [(item) => item.id] }).pageInfo.endCursor;
    const leaveRequestShape = connectionFromList(items, { first: 1 }, { kind: 'LeaveRequest', keys: [(item) => item.start, (item) => item.id] }).pageInfo.endCursor;
    for (const after of [badge, leaveRequestShape, 'garbage', Buffer.from('LeaveRequest:1e3').toString('base64url'), Buffer.from('LeaveRequest:99999999999999999').toString('base64url')]) {
      expect(rejection(() => page({ after }))).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { after: ['is not a cursor of this list'] } });
    }
  });
});
