import { describe, expect, it } from 'vitest';
import type { OffsetPage } from '../../../src/datasources/forensic/data-source.js';
import type { GatehouseError } from '../../../src/errors.js';
import { CURSOR_SHIFT_WINDOW, offsetConnection } from '../../../src/resolvers/forensic/page.js';

// An Oz list paged by limit/offset, in its own order, which may change between two pages.
let list: string[] = [];
const reads: OffsetPage[] = [];
const read = async (page: OffsetPage) => {
  reads.push(page);
  return list.slice(page.offset, page.offset + page.limit);
};
const connection = (first: number, after?: string | null) => offsetConnection('Company', { first, after }, (id: string) => id, read, async () => list.length);
const names = (page: { edges: Array<{ node: string }> }) => page.edges.map((edge) => edge.node);
const letters = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `c${from + i}`);

describe('paging an Oz list by offset with stable cursors', () => {
  it('a first page reads one more item than asked for; the next one a window around the cursor’s offset', async () => {
    list = letters(0, 100);
    reads.length = 0;
    const first = await connection(3);
    expect(names(first)).toEqual(['c0', 'c1', 'c2']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await connection(3, first.pageInfo.endCursor);
    expect(names(second)).toEqual(['c3', 'c4', 'c5']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const third = await connection(3, second.pageInfo.endCursor);
    expect(names(third)).toEqual(['c6', 'c7', 'c8']);
    expect(reads).toEqual([
      { offset: 0, limit: 4 },
      { offset: 0, limit: 2 + 1 + CURSOR_SHIFT_WINDOW + 3 + 1 },
      { offset: 0, limit: 5 + 1 + CURSOR_SHIFT_WINDOW + 3 + 1 },
    ]);
  });

  it('items added or removed before the cursor (within the window) cause no repeat and no skip', async () => {
    list = letters(0, 100);
    const first = await connection(30);
    expect(names(first).at(-1)).toBe('c29');
    list = [...letters(0, 100)].filter((name) => !['c3', 'c4', 'c5'].includes(name));
    expect(names(await connection(3, first.pageInfo.endCursor))).toEqual(['c30', 'c31', 'c32']);
    list = ['new1', 'new2', ...letters(0, 100)];
    expect(names(await connection(3, first.pageInfo.endCursor))).toEqual(['c30', 'c31', 'c32']);
    list = [...Array.from({ length: CURSOR_SHIFT_WINDOW }, (_, i) => `new${i}`), ...letters(0, 100)];
    const shifted = await connection(3, first.pageInfo.endCursor);
    expect(names(shifted)).toEqual(['c30', 'c31', 'c32']);
    // The new cursors hold the items' new offsets, and the shift back is found as well.
    list = letters(0, 100);
    expect(names(await connection(3, shifted.pageInfo.endCursor))).toEqual(['c33', 'c34', 'c35']);
  });

  it('when the cursor’s own item has gone, the page starts at its old offset (its successor moved up there)', async () => {
    list = letters(0, 10);
    const first = await connection(3);
    list = list.filter((name) => name !== 'c2');
    expect(names(await connection(3, first.pageInfo.endCursor))).toEqual(['c3', 'c4', 'c5']);
  });

  it('a shift beyond the window is not found: the page starts at the old offset (the documented limit)', async () => {
    list = letters(0, 100);
    const first = await connection(30);
    list = letters(CURSOR_SHIFT_WINDOW + 1, 100);
    // c29 moved 21 places up, out of the window: what now stands at offset 29 comes next (c30…c49 are skipped).
    expect(names(await connection(3, first.pageInfo.endCursor))).toEqual(['c50', 'c51', 'c52']);
  });

  it('the end of the list: hasNextPage false, and a cursor past the end gives an empty page', async () => {
    list = letters(0, 5);
    const first = await connection(5);
    expect(first.pageInfo.hasNextPage).toBe(false);
    const after = await connection(5, first.pageInfo.endCursor);
    expect(after).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
  });

  it('refuses a cursor of another list, an old offset-only cursor and junk', async () => {
    list = letters(0, 5);
    const users = await offsetConnection('ForensicUser', { first: 1 }, (id: string) => id, read, async () => 0);
    for (const after of [users.pageInfo.endCursor, Buffer.from('Company:3').toString('base64url'), 'junk']) {
      const error = await connection(1, after).catch((e: GatehouseError) => e);
      expect((error as GatehouseError).extensions).toEqual({ code: 'BAD_USER_INPUT', fieldErrors: { after: ['is not a cursor of this list'] } });
    }
  });
});
