// The gateway's layers run one way (docs/architecture.md). `npm test` runs this check: a lower layer
// importing a higher one, two upstream modules importing each other, or any import cycle fails it.
//
//   foundation   config, errors, logger, metrics, tracing (the span hooks), upstreams, validation/
//   core         datasources/core/        the HTTP client and the other primitives every upstream uses
//   redis        redis/                   the shared Redis connection and the refresh lock on it
//   auth         auth/                    the Gatehouse session and the abuse limits
//   upstreams    datasources/<upstream>/  one module per upstream (drf/ is shared by hr and lenel)
//   request      services.ts, context.ts  build the upstreams and each request's data sources
//   api          resolvers/, permissions/, access-log.ts, session-cookie.ts, executor.ts, tracing-sdk.ts, trusted-documents.ts, server.ts, main.ts
const FOUNDATION = '^src/((config|errors|logger|metrics|tracing|upstreams)\\.ts$|validation/)';
const CORE = '^src/datasources/core/';
const ABOVE_UPSTREAMS = '^src/((services|context|server|executor|main|access-log|session-cookie|tracing-sdk|trusted-documents)\\.ts$|resolvers/|permissions/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Files that import each other (type imports included) cannot be understood or moved one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'foundation-stays-below',
      comment: 'The foundation imports nothing of the gateway above it.',
      severity: 'error',
      from: { path: FOUNDATION },
      to: { path: '^src/', pathNot: FOUNDATION },
    },
    {
      name: 'core-stays-below',
      comment: 'The bottom layer of the upstreams knows no upstream, no session and no request.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/', pathNot: [FOUNDATION, CORE] },
    },
    {
      name: 'redis-stays-below',
      severity: 'error',
      from: { path: '^src/redis/' },
      to: { path: '^src/', pathNot: [FOUNDATION, CORE, '^src/redis/'] },
    },
    {
      name: 'auth-is-the-session-only',
      comment: 'The Gatehouse session knows the upstreams only through the contract in datasources/core.',
      severity: 'error',
      from: { path: '^src/auth/' },
      to: { path: '^src/', pathNot: [FOUNDATION, CORE, '^src/redis/', '^src/auth/'] },
    },
    {
      name: 'upstream-modules-stay-apart',
      comment: 'An upstream module uses the bottom layer (and hr and lenel the shared DRF code), never another upstream, the session or the request.',
      severity: 'error',
      from: { path: '^src/datasources/([^/]+)/', pathNot: CORE },
      to: { path: '^src/', pathNot: [FOUNDATION, CORE, '^src/datasources/$1/', '^src/datasources/drf/'] },
    },
    {
      name: 'module-list-only-lists',
      severity: 'error',
      from: { path: '^src/datasources/index\\.ts$' },
      to: { path: ABOVE_UPSTREAMS },
    },
    {
      name: 'resolvers-through-the-request',
      comment: "Resolvers and rules reach upstreams through the request's data sources, never the process-wide parts.",
      severity: 'error',
      from: { path: '^src/(resolvers|permissions)/' },
      to: { path: ['^src/(services|server|main)\\.ts$', '^src/redis/', '^src/datasources/core/(http-client|refresh-lock|service-account)\\.ts$', '^src/datasources/index\\.ts$'] },
    },
    {
      name: 'tracing-loads-on-demand',
      comment: 'With tracing off nothing of OpenTelemetry is loaded: its packages are imported (beyond types) only by tracing-sdk.ts...',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/tracing-sdk\\.ts$' },
      to: { path: '@opentelemetry/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tracing-sdk-imported-dynamically',
      comment: '...which only the gateway imports, with import() when an OTLP endpoint is configured.',
      severity: 'error',
      from: {},
      to: { path: '^src/tracing-sdk\\.ts$', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'gateway-does-not-use-emulators',
      comment: 'Only demo mode (main.ts) starts the emulators.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/emulators/', '^src/main\\.ts$'] },
      to: { path: '^src/emulators/' },
    },
    {
      name: 'emulators-play-the-other-side',
      comment: 'An emulator shares no gateway code (a wrong constant shared by both would pass every test), only the upstream names and the country list.',
      severity: 'error',
      from: { path: '^src/emulators/' },
      to: { path: '^src/', pathNot: ['^src/emulators/', '^src/upstreams\\.ts$', '^src/validation/iso3166\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    // Type-only imports count: they tie the layers as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
