import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { toUpstreamEnum, type UpstreamName } from './upstreams.js';

/** The closed set of error codes clients can rely on (shared/design/API.md). */
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

/** `outcome: UNKNOWN` when a write may have been applied before the deadline passed. */
export const upstreamTimeout = (upstream: UpstreamName, outcome?: 'UNKNOWN'): GatehouseError =>
  new GatehouseError(
    ErrorCode.UPSTREAM_TIMEOUT,
    outcome ? `The ${upstream} service did not answer in time; the change may or may not have been applied.` : `The ${upstream} service did not answer in time.`,
    { ...upstreamExt(upstream), ...(outcome ? { outcome } : {}) },
  );

export const upstreamError = (upstream: UpstreamName, reason = 'answered something the gateway cannot use'): GatehouseError =>
  new GatehouseError(ErrorCode.UPSTREAM_ERROR, `The ${upstream} service ${reason}.`, upstreamExt(upstream));

export const internalError = (): GatehouseError => new GatehouseError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error.');

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

// graphql-js words its token limit "Document contains more that N tokens. Parsing aborted."
const TOKEN_LIMIT = /^Syntax Error: Document contains more that (\d+) tokens\. Parsing aborted\.$/;
const requestErrorMessage = (message: string): string =>
  message.replace(TOKEN_LIMIT, (_, limit: string) => `Syntax Error: Document contains more than ${limit} tokens (the limit). Parsing aborted.`);

/**
 * Apollo Server's formatError: keeps Gatehouse errors and request errors, masks everything else as
 * INTERNAL_SERVER_ERROR (the original goes to the log, never to the client).
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GatehouseError) {
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { ...original.extensions } };
    }
    const code = formatted.extensions?.code;
    if (!formatted.path && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { message: requestErrorMessage(formatted.message), locations: formatted.locations, extensions: { code } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error masked as INTERNAL_SERVER_ERROR');
    return { message: 'Internal server error.', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
