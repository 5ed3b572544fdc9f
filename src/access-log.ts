import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/** What one GraphQL request did, as its access-log line and the request metrics tell it (never its variables). */
export interface RequestReport {
  operationName: string | null;
  operationType: string;
  errorCodes: string[];
}

const reports = new WeakMap<FastifyRequest, RequestReport>();

/** A fresh report for a GraphQL request; the Apollo plugin fills it, the access log reads it. */
export function reportFor(request: FastifyRequest): RequestReport {
  const report: RequestReport = { operationName: null, operationType: 'unknown', errorCodes: [] };
  reports.set(request, report);
  return report;
}

/** The report of a GraphQL request (undefined for other routes): the access log and the request's span read it. */
export function reportOf(request: FastifyRequest): RequestReport | undefined {
  return reports.get(request);
}

/**
 * One access-log line per request once its response is sent: method, route, HTTP status, duration,
 * request id, and for GraphQL the operation's name and type and its error codes. Probes and other
 * routes log at debug unless they failed, so a health check every few seconds does not drown the log.
 */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const report = reportOf(request);
    const line = {
      requestId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? 'unknown',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      ...(report ?? {}),
    };
    if (report || reply.statusCode >= 400) logger.info(line, 'request');
    else logger.debug(line, 'request');
    done();
  });
}

/** Fills the request's report and the request metrics from what Apollo sends. */
export function reportPlugin<C extends { report: RequestReport }>(metrics: Metrics): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, response, contextValue }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const report = contextValue.report;
          report.operationName = operationName ?? null;
          report.operationType = operation?.operation ?? 'unknown';
          report.errorCodes = [...new Set(codes)];
          metrics.requests.inc({ operation_type: report.operationType, outcome: codes.length > 0 ? 'error' : 'ok', error_code: codes[0] ?? '' });
          metrics.requestDuration.observe({ operation_type: report.operationType }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
