import { context, diag, DiagLogLevel, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler } from '@opentelemetry/sdk-trace-node';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { RequestReport } from './access-log.js';
import type { TracingSettings } from './config.js';
import { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { setTracingHooks, tracingOn, type TracingHooks, type UpstreamAttempt, type UpstreamSpan } from './tracing.js';

/**
 * OpenTelemetry tracing, loaded by the gateway only when an OTLP endpoint is configured. It builds
 * the SDK from the validated settings (config.ts), never from the environment: sampler, resource,
 * batching and exporter options are all passed explicitly. Propagation is W3C trace context only
 * (no baggage: a client's baggage is not forwarded to the upstreams).
 *
 * The spans are made here rather than by the http/fastify/graphql/undici instrumentations: those
 * patch modules at load time (the gateway loads them before it reads its configuration) or, for
 * undici, take the parent from the async context in which undici creates the request, which is
 * another request's when a call waited in the pool for a free connection.
 */
export interface Tracing {
  /** The server span of each GraphQL request: continues an incoming `traceparent`, named after the operation. */
  traceRequests(fastify: FastifyInstance, reportOf: (request: FastifyRequest) => RequestReport | undefined): void;
  /** TRACING_RESOLVER_SPANS: a span around each call of a resolver (of the resolver map) that waits on something. */
  traceResolvers(schema: GraphQLSchema): GraphQLSchema;
  /** Exports what is pending and releases the process-wide OpenTelemetry state. */
  shutdown(): Promise<void>;
}

/** Codes that say the gateway or an upstream failed (not the client): the span's status is ERROR. */
const FAULT_CODES = new Set<string>([ErrorCode.INTERNAL_SERVER_ERROR, ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.UPSTREAM_TIMEOUT, ErrorCode.UPSTREAM_ERROR, ErrorCode.SERVICE_UNAVAILABLE]);

export function startTracing(settings: TracingSettings, logger: Logger): Tracing {
  // OpenTelemetry's context, propagator and provider are process-wide: one gateway owns them.
  if (tracingOn()) throw new Error('tracing is already running in this process');
  diag.setLogger(diagLogger(logger), DiagLogLevel.WARN);

  const exporterOptions = {
    url: settings.url,
    headers: settings.headers,
    timeoutMillis: settings.timeoutMs,
    compression: settings.compression as NonNullable<ConstructorParameters<typeof OtlpJsonTraceExporter>[0]>['compression'],
    // Explicit agent options: the exporter's own TLS variables from the environment do not apply.
    httpAgentOptions: { keepAlive: true },
  };
  const exporter = settings.protocol === 'http/json' ? new OtlpJsonTraceExporter(exporterOptions) : new OtlpProtobufTraceExporter(exporterOptions);
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ ...settings.resourceAttributes, 'service.name': settings.serviceName })),
    sampler: sampler(settings.sampler),
    // The SDK's defaults, given here so that no limit comes from the environment.
    spanLimits: { attributeCountLimit: 128, attributeValueLengthLimit: Number.POSITIVE_INFINITY, eventCountLimit: 128, linkCountLimit: 128, attributePerEventCountLimit: 128, attributePerLinkCountLimit: 128 },
    generalLimits: { attributeCountLimit: 128, attributeValueLengthLimit: Number.POSITIVE_INFINITY },
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        scheduledDelayMillis: settings.batch.scheduleDelayMs,
        exportTimeoutMillis: settings.batch.exportTimeoutMs,
        maxQueueSize: settings.batch.maxQueueSize,
        maxExportBatchSize: settings.batch.maxExportBatchSize,
      }),
    ],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const tracer = provider.getTracer('gatehouse');

  const hooks: TracingHooks = {
    inSpan(name, attributes, fn) {
      return tracer.startActiveSpan(name, { attributes }, async (span) => {
        try {
          return await fn(span);
        } catch (error) {
          failed(span, errorType(error));
          throw error;
        } finally {
          span.end();
        }
      });
    },
    upstreamAttempt(attempt: UpstreamAttempt): UpstreamSpan {
      const span = tracer.startSpan(`${attempt.method} ${attempt.route}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'gatehouse.upstream': attempt.upstream,
          'http.request.method': attempt.method,
          'url.template': attempt.route,
          'server.address': attempt.server.address,
          'server.port': attempt.server.port,
          'http.request.resend_count': attempt.resendCount,
          'gatehouse.circuit.state': attempt.circuit,
        },
      });
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), headers);
      return {
        headers,
        end(outcome) {
          const status = Number(outcome);
          if (Number.isInteger(status)) {
            span.setAttribute('http.response.status_code', status);
            if (status >= 400) failed(span, String(status));
          } else {
            failed(span, String(outcome));
          }
          span.end();
        },
      };
    },
  };
  setTracingHooks(hooks);

  return {
    traceRequests(fastify, reportOf) {
      const spans = new WeakMap<FastifyRequest, Span>();
      fastify.addHook('onRequest', (request, _reply, done) => {
        if (request.routeOptions.url !== '/graphql' || (request.method !== 'POST' && request.method !== 'GET')) {
          done();
          return;
        }
        const parent = propagation.extract(ROOT_CONTEXT, request.headers);
        const span = tracer.startSpan(
          `${request.method} /graphql`,
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': '/graphql', 'gatehouse.request_id': request.id } },
          parent,
        );
        spans.set(request, span);
        // Everything the request does from here on (its body, context, resolvers) runs under the span.
        context.with(trace.setSpan(parent, span), done);
      });
      const finish = (request: FastifyRequest, status: number | undefined) => {
        const span = spans.get(request);
        if (!span) return;
        spans.delete(request);
        const report = reportOf(request);
        if (report && report.operationType !== 'unknown') {
          span.updateName(report.operationName ? `${report.operationType} ${report.operationName}` : report.operationType);
          span.setAttribute('graphql.operation.type', report.operationType);
          if (report.operationName) span.setAttribute('graphql.operation.name', report.operationName);
        }
        if (report && report.errorCodes.length > 0) span.setAttribute('gatehouse.error_codes', report.errorCodes);
        if (status === undefined) span.setAttribute('gatehouse.aborted', true);
        else span.setAttribute('http.response.status_code', status);
        const fault = report?.errorCodes.find((code) => FAULT_CODES.has(code));
        if (status !== undefined && status >= 500) failed(span, String(status));
        else if (fault) failed(span, fault);
        span.end();
      };
      fastify.addHook('onResponse', (request, reply, done) => {
        finish(request, reply.statusCode);
        done();
      });
      fastify.addHook('onRequestAbort', (request, done) => {
        finish(request, undefined);
        done();
      });
    },

    traceResolvers(schema) {
      /**
       * Each request's resolver spans by field path (`viewer.hr`): a nested field's span is its
       * ancestor's child. Keyed by the path's text, not its object: graphql-jit builds new path
       * objects for each field, so a child's `path.prev` is not the object its parent saw.
       */
      const byRequest = new WeakMap<object, Map<string, Context>>();
      return mapSchema(schema, {
        [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
          const resolve = field.resolve;
          // Fields without a resolver of their own read a property: not worth a span.
          if (!resolve) return field;
          const name = `${typeName}.${fieldName}`;
          // Most resolvers answer at once (renames, formats, values already loaded): a span each would
          // cost more than the field on a list of thousands. A call is spanned when the resolver's
          // previous call waited (or on its first call): one that waits only for the first item of a
          // list (`Badge.employee` until the index arrives) costs a span or two per list, not one per item.
          let waits: boolean | undefined;
          return {
            ...field,
            resolve: (source, args, contextValue, info) => {
              if (waits === false) {
                const result = resolve(source, args, contextValue, info);
                waits = result instanceof Promise;
                return result;
              }
              let spans = byRequest.get(contextValue as object);
              if (!spans) byRequest.set(contextValue as object, (spans = new Map()));
              const keys = pathKeys(info.path);
              const parent = ancestorContext(spans, keys) ?? context.active();
              const span = tracer.startSpan(name, { attributes: { 'graphql.field.name': fieldName, 'graphql.field.type': String(info.returnType) } }, parent);
              const spanContext = trace.setSpan(parent, span);
              let result: unknown;
              try {
                result = context.with(spanContext, () => resolve(source, args, contextValue, info));
              } catch (error) {
                failed(span, errorType(error));
                span.setAttribute('graphql.field.path', keys.join('.'));
                span.end();
                throw error;
              }
              if (!(result instanceof Promise)) {
                // Dropped unended: never exported.
                waits = false;
                return result;
              }
              waits = true;
              const path = keys.join('.');
              span.setAttribute('graphql.field.path', path);
              spans.set(path, spanContext);
              return result.then(
                (value: unknown) => {
                  span.end();
                  return value;
                },
                (error: unknown) => {
                  failed(span, errorType(error));
                  span.end();
                  throw error;
                },
              );
            },
          };
        },
      });
    },

    async shutdown() {
      setTracingHooks(undefined);
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
      diag.disable();
    },
  };
}

function sampler({ name, ratio }: TracingSettings['sampler']): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * A span that failed says how in `error.type` only: a GraphQL error code, a status or an error's
 * name. No message, no exception event: they may hold upstream URLs or user input.
 */
function failed(span: Span, type: string): void {
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

function errorType(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'Error';
}

/** The nearest enclosing field's span, by the path's prefixes from the longest. */
function ancestorContext(spans: Map<string, Context>, keys: Array<string | number>): Context | undefined {
  for (let length = keys.length - 1; length > 0; length--) {
    const found = spans.get(keys.slice(0, length).join('.'));
    if (found) return found;
  }
  return undefined;
}

/** `badges.edges.0.node.employee` as its keys: response keys and list positions, never arguments. */
function pathKeys(path: GraphQLResolveInfo['path']): Array<string | number> {
  const keys: Array<string | number> = [];
  for (let at: GraphQLResolveInfo['path'] | undefined = path; at; at = at.prev) keys.push(at.key);
  return keys.reverse();
}

/** OpenTelemetry's own warnings (an export that failed) go to the log: one line, URLs redacted by the logger. */
function diagLogger(logger: Logger) {
  const warn = (message: string) => logger.warn({ err: String(message).split(/\\n|\n/)[0]!.slice(0, 300) }, 'tracing: OpenTelemetry reported a problem');
  const ignore = () => undefined;
  return { error: warn, warn, info: ignore, debug: ignore, verbose: ignore };
}
