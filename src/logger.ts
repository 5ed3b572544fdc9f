import { pino, type DestinationStream, type Logger } from 'pino';

// A request's lines carry its id: its own through a child logger (the request context's `logger`),
// the upstream client's because the request's data sources put the id on every call.

// Defence in depth: code never logs secrets on purpose, and these paths are censored if it does.
const SECRET_KEYS = [
  'authorization',
  '"x-forensic-access-token"',
  'cookie',
  '"set-cookie"',
  'password',
  'currentPassword',
  'newPassword',
  'new_password',
  'old_password',
  'current_password',
  'confirm_password',
  'confirm_new_password',
  'token',
  'access',
  'refresh',
  'access_token',
  'expire_token',
  'secret',
  'otp',
  'reset_token',
  // GraphQL arguments and variables can hold passwords, codes and keys: never logged in clear.
  'args',
  'variables',
];
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.headers.${key}`]);

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'gatehouse' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    destination,
  );
}

/**
 * Errors are logged without their stack (logs must not carry stack traces) and with any URL in the
 * message replaced: upstream URLs stay out of logs.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: redactUrls(String(error)) };
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? { cause: serializeError(error.cause) } : {};
  return { type: error.name, message: redactUrls(error.message), ...(typeof code === 'string' ? { code } : {}), ...cause };
}

const redactUrls = (text: string): string => text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, '[url]');

export type { Logger };
