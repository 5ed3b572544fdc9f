import { pino, type DestinationStream, type Logger } from 'pino';

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
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

export type { Logger };
