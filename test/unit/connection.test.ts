import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/errors.js';
import { connectionFromList, pageSize } from '../../src/resolvers/connection.js';

const items = Array.from({ length: 45 }, (_, i) => ({ id: String(i + 1) }));
const page = (args: { first?: number | null; after?: string | null }) => connectionFromList(items, args, 'LeaveRequest', (item) => item.id);

describe('connectionFromList', () => {
  it('defaults to 20 and walks every item with endCursor', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const connection = page({ after });
      pages++;
      expect(connection.totalCount).toBe(45);
      seen.push(...connection.edges.map((edge) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(items.map((item) => item.id));
  });

  it('cursors are opaque, per edge, and keyed by id (a page boundary survives an insert before it)', () => {
    const first = page({ first: 2 });
    expect(first.edges.map((edge) => edge.cursor)).toEqual([first.edges[0]!.cursor, first.pageInfo.endCursor]);
    expect(first.pageInfo.endCursor).not.toContain('2');
    const shifted = connectionFromList([{ id: 'new' }, ...items], { first: 2, after: first.pageInfo.endCursor }, 'LeaveRequest', (item) => item.id);
    expect(shifted.edges.map((edge) => edge.node.id)).toEqual(['3', '4']);
  });

  it('first: 0 gives an empty page with the total; an empty list has no endCursor', () => {
    expect(page({ first: 0 })).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: 45 });
    expect(connectionFromList([], {}, 'LeaveRequest', () => '')).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

  it('refuses first over 100 or negative, and a cursor of another list or item', () => {
    for (const first of [101, -1]) expect(() => pageSize(first)).toThrow(GatehouseError);
    expect(pageSize(100)).toBe(100);
    expect(pageSize(undefined)).toBe(20);
    const badge = connectionFromList(items, { first: 1 }, 'Badge', (item) => item.id).pageInfo.endCursor;
    for (const after of [badge, 'garbage', Buffer.from('LeaveRequest:999').toString('base64url')]) {
      try {
        page({ after });
        throw new Error('expected a rejection');
      } catch (error) {
        expect((error as GatehouseError).extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { after: ['is not a cursor of this list'] } });
      }
    }
  });
});
