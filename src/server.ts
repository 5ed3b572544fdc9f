import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { makeExecutableSchema } from '@graphql-tools/schema';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { GraphQLError, Kind, printSchema, type ASTVisitor, type GraphQLSchema, type ValidationContext } from 'graphql';
import { registerAccessLog, reportFor, reportOf, reportPlugin } from './access-log.js';
import type { Config } from './config.js';
import { createContext, type GatehouseContext } from './context.js';
import { createErrorHandling } from './errors.js';
import { executorGateway } from './executor.js';
import type { Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { registerSessionCookie } from './session-cookie.js';
import { loadPersistedDocuments, registerTrustedDocuments } from './trusted-documents.js';
import { applyPermissions } from './permissions/index.js';
import { resolvers } from './resolvers/index.js';
import { createServices, type Services } from './services.js';
import { UPSTREAMS } from './upstreams.js';
import { variableErrorsPlugin } from './validation/variables.js';

/** The most lexical tokens a document may have: parsing stops there (GRAPHQL_PARSE_FAILED). */
const MAX_TOKENS = 5_000;

/** The SDL files of schema/, in a stable order. */
export function loadTypeDefs(dir = schemaDir()): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'));
}

function schemaDir(): string {
  // src/server.ts and dist/src/server.js both find the repository's schema/ folder.
  const fromSrc = fileURLToPath(new URL('../schema/', import.meta.url));
  const fromDist = fileURLToPath(new URL('../../schema/', import.meta.url));
  try {
    readdirSync(fromSrc);
    return fromSrc;
  } catch {
    return fromDist;
  }
}

/** The executable schema with the shield permissions applied; `wrapResolvers` (resolver spans) sees the resolver map's fields only. */
export function buildSchema(wrapResolvers: (schema: GraphQLSchema) => GraphQLSchema = (schema) => schema): GraphQLSchema {
  return applyPermissions(wrapResolvers(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers })));
}

/** The SDL of the executable schema, with descriptions: `schema.graphql` and `GET /schema.graphql`. */
export function printGatewaySchema(schema: GraphQLSchema = buildSchema()): string {
  return `${printSchema(schema)}\n`;
}

export interface Gateway {
  fastify: FastifyInstance;
  apollo: ApolloServer<GatehouseContext>;
  services: Services;
  /** http://host:port once listening */
  url: string;
  /** The separate metrics listener's http://host:port, when METRICS_PORT is set. */
  metricsUrl: string | undefined;
  /** Stops accepting, finishes in-flight requests (up to the grace period), closes upstream pools. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  sessionSecret: string;
  metrics?: Metrics;
  /**
   * Epoch milliseconds for everything that expires: sessions, upstream credentials, the service
   * account's back-off. Default Date.now; tests move a clock forward instead of sleeping. Call
   * deadlines, retries and the circuit breaker (cockatiel reads the system clock) keep real time.
   */
  clock?: () => number;
}

export async function startGateway({ config, logger, sessionSecret, metrics = new Metrics({ defaultMetrics: true }), clock = Date.now }: GatewayOptions): Promise<Gateway> {
  // A manifest that cannot be loaded stops start-up before anything listens.
  const persistedDocuments = config.persistedDocuments && (await loadPersistedDocuments(config.persistedDocuments.path));
  // Loaded only when configured: with tracing off nothing of OpenTelemetry is imported. Started
  // before the services, whose session store gets its spans when tracing is on.
  const tracing = config.tracing ? (await import('./tracing-sdk.js')).startTracing(config.tracing, logger) : undefined;
  const services = createServices(config, logger, metrics, sessionSecret, clock);
  const fastify = Fastify({
    bodyLimit: config.limits.bodyBytes,
    // A client that trickles its headers or body must not hold a connection (and a file descriptor)
    // open indefinitely: the whole request must arrive within requestTimeoutMs (answered 408).
    requestTimeout: config.server.requestTimeoutMs,
    // Above the idle timeouts of common reverse proxies (60 s), so that the proxy, not the gateway,
    // closes an idle upstream connection and never sends a request into one being closed.
    keepAliveTimeout: config.server.keepAliveTimeoutMs,
    http: {
      headersTimeout: config.server.headersTimeoutMs,
      // Node checks these timeouts on an interval (30 s by default), which would stretch them.
      connectionsCheckingInterval: Math.min(1_000, config.server.headersTimeoutMs),
    },
    trustProxy: config.trustProxy,
    logger: false,
    // Idle keep-alive connections are closed at shutdown; busy ones finish their request first.
    forceCloseConnections: 'idle',
    // A caller's (or proxy's) X-Request-Id is kept when it is well-formed, so logs correlate across hops.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  registerAccessLog(fastify, logger);
  tracing?.traceRequests(fastify, reportOf);
  if (persistedDocuments) registerTrustedDocuments(fastify, persistedDocuments, config.persistedDocuments!.only, metrics);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  const production = config.env === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.depth },
    maxAliases: { n: config.limits.aliases },
    costLimit: { maxCost: config.limits.cost },
    maxDirectives: { n: 50 },
    // Armor's token limit throws from parsingDidStart, which Apollo answers with HTTP 500: the limit
    // is graphql-js's own parse option instead (parseOptions below), a parse error with HTTP 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !config.fieldSuggestions },
  }).protect();

  const schema = buildSchema(config.tracing?.resolverSpans ? tracing?.traceResolvers : undefined);
  const errorHandling = createErrorHandling(logger);
  const apollo = new ApolloServer<GatehouseContext>({
    // Execution goes through the executor hook (jit for queries, see executor.ts); the rest is Apollo's.
    gateway: executorGateway(schema, config.executor),
    // Apollo's own messages go through the same redacting logger.
    logger,
    introspection: config.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Trusted documents only: clients must not register documents through automatic persisted queries.
    persistedQueries: config.persistedDocuments?.only ? false : undefined,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    formatError: errorHandling.formatError,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [...armor.validationRules, maxRootFields(config.limits.rootFields)],
    plugins: [
      // GraphQL Armor is a CommonJS package: its plugin types come from Apollo's CJS typings.
      ...(armor.plugins as unknown as ApolloServerPlugin<GatehouseContext>[]),
      fastifyApolloDrainPlugin(fastify),
      // No field sets cache hints; the plugin would otherwise wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({
            footer: false,
            embed: { initialState: { sharedHeaders: { Authorization: 'Bearer <token from signIn>' } } },
          }),
      reportPlugin(metrics),
      errorHandling.plugin,
      variableErrorsPlugin({ suggestions: config.fieldSuggestions }),
    ],
  });
  await apollo.start();

  let draining = false;
  // While draining, responses close their connection: a keep-alive socket that turns idle after its
  // in-flight request would otherwise hold fastify.close() open for the whole grace period.
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (draining) void reply.header('connection', 'close');
    return payload;
  });
  fastify.get('/healthz', async () => ({ status: 'ok' }));
  fastify.get('/readyz', async (_request, reply) => {
    // Reports each upstream's circuit state and the session store's connection state (kept up to
    // date by the connection's events); it calls neither on a probe.
    const upstreams = Object.fromEntries(UPSTREAMS.map((name) => [name, services.upstreams[name]?.client.circuitState ?? 'not-configured']));
    const sessionStore = services.redis ? (services.redis.available ? 'up' : 'down') : 'memory';
    const status = draining ? 'draining' : sessionStore === 'down' ? 'unavailable' : 'ready';
    return reply.code(status === 'ready' ? 200 : 503).send({ status, sessionStore, upstreams });
  });
  const serveMetrics = async (_request: unknown, reply: FastifyReply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  // With METRICS_PORT the metrics leave the public listener: they describe traffic and upstreams.
  const metricsServer = config.metricsListener ? Fastify({ logger: false }) : undefined;
  (metricsServer ?? fastify).get('/metrics', serveMetrics);
  if (config.schemaEndpoint) {
    // The SDL for client codegen, the same text as the repository's schema.graphql; like
    // introspection, off in production unless asked for.
    const sdl = printGatewaySchema(schema);
    fastify.get('/schema.graphql', async (_request, reply) => reply.type('text/plain; charset=utf-8').send(sdl));
  }
  // Set before the Apollo plugin is registered: a plugin context inherits the handler present at
  // registration, so a later one would never see /graphql's errors (e.g. the body limit's 413).
  fastify.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) logger.error({ err: error, requestId: request.id }, 'request failed');
    const message = status === 413 ? 'Request body is too large.' : status >= 500 ? 'Internal server error.' : error.message;
    // A malformed HTTP request (body too large, not JSON): Apollo's own code for one is BAD_REQUEST.
    void reply.code(status).send({ errors: [{ message, extensions: { code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });
  if (config.corsOrigins.size > 0) await fastify.register(fastifyCors, corsOptions(config.corsOrigins));
  if (config.compression) {
    await fastify.register(fastifyCompress, {
      threshold: config.compression.minBytes,
      encodings: ['br', 'gzip'],
      // Brotli's default (quality 11) costs more CPU than it saves on the wire for API answers.
      brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    });
  }
  const cookie = config.session.cookie ? await registerSessionCookie(fastify, { production }) : undefined;
  await fastify.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: (request, reply) =>
      createContext(services, {
        authorization: request.headers.authorization,
        sessionCookie: cookie?.read(request),
        sessionTransport: cookie?.transport(request, reply),
        clientIp: request.ip,
        requestId: request.id,
        report: reportFor(request),
      }),
  });

  // Requests arriving before Redis is connected would be refused: give it a moment. A Redis that is
  // down at start-up does not stop the gateway; /readyz says so until it connects.
  await services.redis?.connected(config.session.redisTimeoutMs);
  fastify.server.maxConnections = config.server.maxConnections;
  await fastify.listen({ port: config.port, host: config.host });
  if (metricsServer && config.metricsListener) await metricsServer.listen(config.metricsListener);

  let closing: Promise<void> | undefined;
  return {
    fastify,
    apollo,
    services,
    url: listenerUrl(fastify, config.host),
    metricsUrl: metricsServer && config.metricsListener ? listenerUrl(metricsServer, config.metricsListener.host) : undefined,
    close() {
      closing ??= (async () => {
        draining = true;
        const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
        await Promise.race([fastify.close(), grace]);
        // Anything still open after the grace period is cut off.
        fastify.server.closeAllConnections();
        await metricsServer?.close();
        await services.close();
        // Last: the spans of the requests that finished during the grace period are exported too.
        await tracing?.shutdown();
      })();
      return closing;
    },
  };
}

function listenerUrl(server: FastifyInstance, configuredHost: string): string {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = configuredHost === '0.0.0.0' || configuredHost === '::' ? '127.0.0.1' : configuredHost.includes(':') ? `[${configuredHost}]` : configuredHost;
  return `http://${host}:${port}`;
}

/**
 * Browser apps on the listed origins may call the gateway with credentials (the session cookie);
 * any other origin gets no CORS headers, so the browser keeps its answers from the page. Preflights
 * are answered here, before Apollo's CSRF prevention, which still checks every actual request.
 */
function corsOptions(origins: ReadonlySet<string>): FastifyCorsOptions {
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && origins.has(origin)),
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', 'traceparent'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  };
}

/** Caps the number of root fields per operation (GraphQL Armor has no such rule). */
function maxRootFields(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      let count = 0;
      const visit = (selections: typeof operation.selectionSet.selections, seen: Set<string>): void => {
        for (const selection of selections) {
          if (selection.kind === Kind.FIELD) count++;
          else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections, seen);
          else if (!seen.has(selection.name.value)) {
            seen.add(selection.name.value);
            const fragment = context.getFragment(selection.name.value);
            if (fragment) visit(fragment.selectionSet.selections, seen);
          }
        }
      };
      visit(operation.selectionSet.selections, new Set());
      if (count > max) context.reportError(new GraphQLError(`Too many root fields: ${count}, at most ${max} are allowed.`, { nodes: [operation] }));
    },
  });
}

