import { Pool } from 'undici';
import type { LenelBadgeRecord, LenelEmployeeRecord } from './shape.js';

/**
 * The lenel calls of the good-Apollo peer and the limit: one keep-alive undici pool, the body always
 * consumed, a non-2xx answer is an error. Pagination is off on the benchmark site (bare arrays).
 */
export class LenelClient {
  private readonly pool: Pool;

  constructor(url: string, connections = 32) {
    this.pool = new Pool(url, { connections, pipelining: 1 });
  }

  async get<T>(path: string, authorization: string | undefined): Promise<T> {
    const { statusCode, body } = await this.pool.request({ method: 'GET', path, headers: authorization ? { authorization } : {} });
    const text = await body.text();
    if (statusCode !== 200) throw new Error(`lenel answered ${statusCode}`);
    return JSON.parse(text) as T;
  }

  badges(authorization: string | undefined): Promise<LenelBadgeRecord[]> {
    return this.get('/api/badges/', authorization);
  }

  employees(authorization: string | undefined): Promise<LenelEmployeeRecord[]> {
    return this.get('/api/employees/', authorization);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
