import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamName } from './upstreams.js';

export type CircuitStateName = 'closed' | 'half-open' | 'open';
const CIRCUIT_STATE_VALUE: Record<CircuitStateName, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The gateway's Prometheus metrics, on a registry of its own (one per server instance). */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'gatehouse_graphql_requests_total',
    help: 'GraphQL requests by operation type, outcome and the first error code (empty when none)',
    labelNames: ['operation_type', 'outcome', 'error_code'] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'gatehouse_graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation type',
    labelNames: ['operation_type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly upstreamCalls = new Counter({
    name: 'gatehouse_upstream_requests_total',
    help: 'Upstream HTTP calls by upstream, route and status (or error kind)',
    labelNames: ['upstream', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: 'gatehouse_upstream_request_duration_seconds',
    help: 'Upstream HTTP call duration by upstream and status',
    labelNames: ['upstream', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly circuits = new Map<UpstreamName, () => CircuitStateName>();
  readonly circuitState = new Gauge({
    name: 'gatehouse_upstream_circuit_state',
    help: 'Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open',
    labelNames: ['upstream'] as const,
    registers: [this.registry],
    // Read at each scrape: an open circuit turns half-open with the clock, with no event to push.
    collect: () => {
      for (const [upstream, state] of this.circuits) this.circuitState.set({ upstream }, CIRCUIT_STATE_VALUE[state()]);
    },
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'gatehouse_' });
  }

  /** The circuit-state gauge of `upstream` reports `state()` (the client's own view) at each scrape. */
  trackCircuit(upstream: UpstreamName, state: () => CircuitStateName): void {
    this.circuits.set(upstream, state);
  }
}
