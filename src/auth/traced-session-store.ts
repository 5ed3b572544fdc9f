import { inSpan, tracingOn } from '../tracing.js';
import type { SessionStore } from './session-store.js';

/**
 * The store with a span per call while tracing is on (the store itself otherwise). Spans carry the
 * kind of store only: never a session id or token hash.
 */
export function traceSessionStore(store: SessionStore, kind: 'memory' | 'redis'): SessionStore {
  if (!tracingOn()) return store;
  const attributes = { 'gatehouse.session_store': kind };
  return {
    get: (id) => inSpan('session-store get', attributes, () => store.get(id)),
    findByTokenHash: (tokenHash) => inSpan('session-store findByTokenHash', attributes, () => store.findByTokenHash(tokenHash)),
    update: (id, change) => inSpan('session-store update', attributes, () => store.update(id, change)),
    close: () => store.close(),
  };
}
