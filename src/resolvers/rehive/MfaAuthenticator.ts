import { isoOrNull } from '../../datasources/core/json.js';
import type { MfaAuthenticatorResolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../validation/global-id.js';

export const MfaAuthenticator: MfaAuthenticatorResolvers = {
  id: (authenticator) => toGlobalId('MfaAuthenticator', authenticator.id),
  type: (authenticator) => authenticator.type.toUpperCase() as 'TOTP' | 'SMS' | 'STATIC',
  verified: (authenticator) => authenticator.verified === true,
  name: (authenticator) => authenticator.details?.name ?? null,
  createdAt: (authenticator) => isoOrNull(authenticator.created),
  updatedAt: (authenticator) => isoOrNull(authenticator.updated),
  mobile: (authenticator) => authenticator.details?.mobile ?? null,
  // Present only on the record `createMfaAuthenticator` returns: the datasource masks every read.
  otpauthUrl: (authenticator) => authenticator.details?.otpauth_url ?? null,
  secret: (authenticator) => authenticator.details?.key ?? null,
  backupCodes: (authenticator) => authenticator.details?.tokens?.filter((token) => token.available).map((token) => token.token) ?? null,
};
