import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { drfError } from '../../src/datasources/drf/errors.js';
import { UpstreamClient, type UpstreamRequest, type UpstreamResponse } from '../../src/datasources/core/http-client.js';
import { readAllPages } from '../../src/datasources/core/pagination.js';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/metrics.js';

// The client is only asked for sameOriginPath here: it never connects.
const client = new UpstreamClient('hr', 'http://hr.internal:8000/base/', loadConfig({}).http, createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() })), new Metrics());
afterAll(() => client.close());

const pages = (bodies: unknown[]) => {
  const requests: UpstreamRequest[] = [];
  const call = async (request: UpstreamRequest): Promise<UpstreamResponse> => {
    requests.push(request);
    return { status: 200, headers: {}, body: bodies[requests.length - 1] };
  };
  return { requests, read: () => readAllPages<number>(client, '/api/leave-requests/', call, (r) => drfError('hr', r)) };
};

describe('readAllPages', () => {
  it('accepts a bare array in one call', async () => {
    const { requests, read } = pages([[1, 2, 3]]);
    expect(await read()).toEqual([1, 2, 3]);
    expect(requests).toHaveLength(1);
  });

  it('follows next on the configured origin and base path, keeping its query', async () => {
    const { requests, read } = pages([
      { count: 5, next: 'http://hr.internal:8000/base/api/leave-requests/?page=2&status=x', previous: null, results: [1, 2] },
      { count: 5, next: 'http://hr.internal:8000/base/api/leave-requests/?page=3&status=x', previous: '…', results: [3, 4] },
      { count: 5, next: null, previous: '…', results: [5] },
    ]);
    expect(await read()).toEqual([1, 2, 3, 4, 5]);
    expect(requests.map((r) => [r.path, r.query])).toEqual([
      ['/api/leave-requests/', undefined],
      ['/api/leave-requests/', { page: '2', status: 'x' }],
      ['/api/leave-requests/', { page: '3', status: 'x' }],
    ]);
  });

  it.each([
    ['another host', 'http://evil.example:8000/base/api/leave-requests/?page=2'],
    ['another port', 'http://hr.internal:8001/base/api/leave-requests/?page=2'],
    ['another scheme', 'https://hr.internal:8000/base/api/leave-requests/?page=2'],
    ['another path', 'http://hr.internal:8000/base/api/auth/me/?page=2'],
    ['a dot-segment path', 'http://hr.internal:8000/base/api/leave-requests/../auth/me/'],
    ['a malformed URL', 'http://['],
  ])('refuses a next link to %s with UPSTREAM_ERROR', async (_, next) => {
    const { requests, read } = pages([{ count: 3, next, previous: null, results: [1] }, { count: 3, next: null, results: [2] }]);
    await expect(read()).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_ERROR', upstream: 'HR' } });
    expect(requests).toHaveLength(1);
  });

  it('refuses a body that is neither an array nor a page envelope', async () => {
    await expect(pages([{ detail: 'x' }]).read()).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_ERROR' } });
  });
});
