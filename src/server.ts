import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { makeExecutableSchema } from '@graphql-tools/schema';
import Fastify, { type FastifyInstance } from 'fastify';
import { GraphQLError, Kind, type ASTVisitor, type GraphQLSchema, type ValidationContext } from 'graphql';
import type { Config } from './config.js';
import { createContext, type GatehouseContext } from './context.js';
import { createFormatError } from './errors.js';
import { requestScope, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
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

/** The executable schema with the shield permissions applied. */
export function buildSchema(): GraphQLSchema {
  return applyPermissions(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
}

export interface Gateway {
  fastify: FastifyInstance;
  apollo: ApolloServer<GatehouseContext>;
  services: Services;
  /** http://host:port once listening */
  url: string;
  /** Stops accepting, finishes in-flight requests (up to the grace period), closes upstream pools. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  sessionSecret: string;
  metrics?: Metrics;
}

export async function startGateway({ config, logger, sessionSecret, metrics = new Metrics({ defaultMetrics: true }) }: GatewayOptions): Promise<Gateway> {
  const services = createServices(config, logger, metrics, sessionSecret);
  const fastify = Fastify({
    bodyLimit: config.limits.bodyBytes,
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
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    requestScope.run({ requestId: request.id }, done);
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

  const apollo = new ApolloServer<GatehouseContext>({
    schema: buildSchema(),
    // Apollo's own messages go through the same redacting logger.
    logger,
    introspection: config.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    formatError: createFormatError(logger),
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
      metricsPlugin(metrics),
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
    // Reports each upstream's circuit state; it never calls the upstreams itself.
    const upstreams = Object.fromEntries(UPSTREAMS.map((name) => [name, services.clients[name]?.circuitState ?? 'not-configured']));
    return reply.code(draining ? 503 : 200).send({ status: draining ? 'draining' : 'ready', upstreams });
  });
  fastify.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  // Set before the Apollo plugin is registered: a plugin context inherits the handler present at
  // registration, so a later one would never see /graphql's errors (e.g. the body limit's 413).
  fastify.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) logger.error({ err: error }, 'request failed');
    const message = status === 413 ? 'Request body is too large.' : status >= 500 ? 'Internal server error.' : error.message;
    // A malformed HTTP request (body too large, not JSON): Apollo's own code for one is BAD_REQUEST.
    void reply.code(status).send({ errors: [{ message, extensions: { code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });
  await fastify.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: (request) => createContext(services, { authorization: request.headers.authorization, clientIp: request.ip, requestId: request.id }),
  });

  await fastify.listen({ port: config.port, host: config.host });
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  return {
    fastify,
    apollo,
    services,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    close() {
      closing ??= (async () => {
        draining = true;
        const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
        await Promise.race([fastify.close(), grace]);
        // Anything still open after the grace period is cut off.
        fastify.server.closeAllConnections();
        await services.close();
      })();
      return closing;
    },
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

function metricsPlugin(metrics: Metrics): ApolloServerPlugin<GatehouseContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, errors, response }) {
          const type = operation?.operation ?? 'unknown';
          const failed = Boolean(errors?.length) || (response.body.kind === 'single' && Boolean(response.body.singleResult.errors?.length));
          metrics.requests.inc({ operation_type: type, outcome: failed ? 'error' : 'ok' });
          metrics.requestDuration.observe({ operation_type: type }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
