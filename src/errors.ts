import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { toUpstreamEnum, type UpstreamName } from './upstreams.js';

/** The closed set of error codes clients can rely on (docs/api.md). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  MFA_REQUIRED: 'MFA_REQUIRED',
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type FieldErrors = Record<string, string[]>;

/** Every error Gatehouse means to show a client is one of these; anything else is masked. */
export class GatehouseError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'GatehouseError';
  }
}

// Clients see the upstream as the GraphQL `Upstream` enum spells it; code and logs keep the lower-case name.
const upstreamExt = (upstream: UpstreamName | undefined) => (upstream ? { upstream: toUpstreamEnum(upstream) } : {});

export const unauthenticated = (upstream?: UpstreamName, message?: string): GatehouseError =>
  new GatehouseError(
    ErrorCode.UNAUTHENTICATED,
    message ?? (upstream ? `Sign in to ${upstream} first.` : 'A valid Gatehouse session is required.'),
    upstreamExt(upstream),
  );

/** A session token was sent, but it is unknown or has expired. */
export const sessionTokenInvalid = (): GatehouseError => unauthenticated(undefined, 'The session token is unknown or has expired. Sign in again.');

/** The upstream no longer accepts the linked account's credentials (revoked, user disabled): it is signed out. */
export const upstreamSignInEnded = (upstream: UpstreamName): GatehouseError => unauthenticated(upstream, `Your ${upstream} sign-in is no longer valid. Sign in again.`);

/** The linked account's credentials ran out and could not be renewed: it is signed out. */
export const upstreamSignInExpired = (upstream: UpstreamName): GatehouseError => unauthenticated(upstream, `Your ${upstream} sign-in has expired. Sign in again.`);

export const invalidCredentials = (upstream: UpstreamName): GatehouseError =>
  new GatehouseError(ErrorCode.UNAUTHENTICATED, 'The login or password is not correct.', upstreamExt(upstream));

export const forbidden = (message = 'You are not allowed to do this.', upstream?: UpstreamName): GatehouseError =>
  new GatehouseError(ErrorCode.FORBIDDEN, message, upstreamExt(upstream));

export const badUserInput = (message: string, fieldErrors?: FieldErrors, upstream?: UpstreamName): GatehouseError =>
  new GatehouseError(ErrorCode.BAD_USER_INPUT, message, { ...(fieldErrors ? { fieldErrors } : {}), ...upstreamExt(upstream) });

/** A BAD_USER_INPUT for one argument or input field (GraphQL name). */
export const invalidField = (field: string, message: string): GatehouseError => badUserInput(`Invalid ${field}: ${message}`, { [field]: [message] });

export const notFound = (what = 'The object', upstream?: UpstreamName): GatehouseError =>
  new GatehouseError(ErrorCode.NOT_FOUND, `${what} does not exist or is not visible to you.`, upstreamExt(upstream));

export const mfaRequired = (challengeId: string): GatehouseError =>
  new GatehouseError(ErrorCode.MFA_REQUIRED, 'Complete the multi-factor challenge first.', { ...upstreamExt('rehive'), challengeId });

export const rateLimited = (retryAfterSeconds: number, upstream?: UpstreamName): GatehouseError =>
  new GatehouseError(ErrorCode.RATE_LIMITED, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
    retryAfterSeconds,
    ...upstreamExt(upstream),
  });

export const upstreamUnavailable = (upstream: UpstreamName, reason = 'is unavailable'): GatehouseError =>
  new GatehouseError(ErrorCode.UPSTREAM_UNAVAILABLE, `The ${upstream} service ${reason}.`, upstreamExt(upstream));

/**
 * `outcome: UNKNOWN` on a write that may have been applied upstream although the gateway got no usable
 * answer (docs/api.md): the client must check before repeating it.
 */
export type UpstreamOutcome = 'UNKNOWN';
const maybeApplied = (outcome: UpstreamOutcome | undefined) => (outcome ? '; the change may or may not have been applied' : '');
const outcomeExt = (outcome: UpstreamOutcome | undefined) => (outcome ? { outcome } : {});

export const upstreamTimeout = (upstream: UpstreamName, outcome?: UpstreamOutcome): GatehouseError =>
  new GatehouseError(ErrorCode.UPSTREAM_TIMEOUT, `The ${upstream} service did not answer in time${maybeApplied(outcome)}.`, { ...upstreamExt(upstream), ...outcomeExt(outcome) });

export const upstreamError = (upstream: UpstreamName, reason = 'answered something the gateway cannot use', outcome?: UpstreamOutcome): GatehouseError =>
  new GatehouseError(ErrorCode.UPSTREAM_ERROR, `The ${upstream} service ${reason}${maybeApplied(outcome)}.`, { ...upstreamExt(upstream), ...outcomeExt(outcome) });

/** How long a client should wait before retrying when the session store is unreachable (Redis reconnects within a second). */
const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The gateway's own session store (Redis) is unreachable: retryable, never a 500. `request`: nothing
 * of the request could be served (its session could not be resolved), so Apollo Server answers
 * HTTP 503 with Retry-After (it reads `extensions.http`; formatError drops it from the body).
 */
export const serviceUnavailable = (scope: 'field' | 'request' = 'field'): GatehouseError =>
  new GatehouseError(ErrorCode.SERVICE_UNAVAILABLE, "The gateway's session store is unavailable. Try again shortly.", {
    retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
    ...(scope === 'request' ? { http: { status: 503, headers: new HeaderMap([['retry-after', String(STORE_RETRY_AFTER_SECONDS)]]) } } : {}),
  });

// Errors Apollo Server raises before execution (parse, validation, operation resolution, malformed
// requests, persisted-query signals that Apollo clients act on) keep Apollo's own codes: they are the
// client's mistake, carry safe messages, and Apollo answers them with HTTP 400 (APQ signals: 200).
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * An error's code as formatError keeps it. Apollo raises some request errors without a code but
 * with an HTTP 4xx for the answer (a malformed persisted query: another version, a hash that is
 * not the query's); they would be masked as the gateway's fault, yet they are the client's mistake
 * like the rest: BAD_REQUEST. `error` is the error as raised (Apollo fills in the missing code only
 * in the formatted copy, and moves `http` out of it).
 */
function requestErrorCode(error: unknown, code: unknown): unknown {
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null)?.extensions;
  const status = extensions?.http?.status;
  return extensions?.code === undefined && typeof status === 'number' && status >= 400 && status < 500 ? 'BAD_REQUEST' : code;
}

// graphql-js words its token limit "Document contains more that N tokens. Parsing aborted."
const TOKEN_LIMIT = /^Syntax Error: Document contains more that (\d+) tokens\. Parsing aborted\.$/;
const requestErrorMessage = (message: string): string =>
  message.replace(TOKEN_LIMIT, (_, limit: string) => `Syntax Error: Document contains more than ${limit} tokens (the limit). Parsing aborted.`);

/** Whether formatError masks this error: neither a Gatehouse error nor one of Apollo's request errors. */
function isMasked(error: unknown, path: unknown, code: unknown): boolean {
  if (asGatehouseError(unwrapResolverError(error))) return false;
  return !(!path && typeof code === 'string' && REQUEST_ERROR_CODES.has(code));
}

/**
 * Apollo Server's formatError and a plugin: formatError keeps Gatehouse errors and request errors
 * and masks everything else as INTERNAL_SERVER_ERROR; the original goes to the log, never to the
 * client. The plugin logs it with the request's logger (its lines carry the request id); an error
 * no request hook saw (one from building the context) is logged by formatError itself.
 */
export function createErrorHandling(logger: Logger): {
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  plugin: ApolloServerPlugin<{ logger: Logger }>;
} {
  const logged = new WeakSet<object>();
  const log = (to: Logger, error: unknown, path: unknown) => {
    if (typeof error === 'object' && error !== null) logged.add(error);
    to.error({ err: unwrapResolverError(error), path }, 'unexpected error masked as INTERNAL_SERVER_ERROR');
  };
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const gatehouse = asGatehouseError(unwrapResolverError(error));
    if (gatehouse) {
      const { http: _http, ...extensions } = gatehouse.extensions;
      return { message: gatehouse.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const code = requestErrorCode(error, formatted.extensions?.code);
    if (!isMasked(error, formatted.path, code)) {
      return { message: requestErrorMessage(formatted.message), locations: formatted.locations, extensions: { code } };
    }
    if (!(typeof error === 'object' && error !== null && logged.has(error))) log(logger, error, formatted.path);
    return { message: 'Internal server error.', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
  const plugin: ApolloServerPlugin<{ logger: Logger }> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isMasked(error, error.path, requestErrorCode(error, error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR))) log(contextValue.logger, error, error.path);
          }
        },
      };
    },
  };
  return { formatError, plugin };
}

/**
 * A GatehouseError, also when Apollo Server wrapped one thrown by the context function: it wraps
 * errors it does not recognise as its own graphql's GraphQLError (the test runner loads graphql twice).
 */
function asGatehouseError(error: unknown): GatehouseError | undefined {
  if (error instanceof GatehouseError) return error;
  const wrapped = (error as { originalError?: unknown } | null)?.originalError;
  return wrapped instanceof GatehouseError ? wrapped : undefined;
}
