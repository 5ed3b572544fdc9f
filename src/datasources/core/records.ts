import type { UpstreamName } from '../../upstreams.js';

/** A company as the gateway exposes it; forensic and Rehive companies are normalised to this. */
export interface CompanyRecord {
  id: string;
  upstream: UpstreamName;
  name: string | null;
  inDeletion: boolean | null;
  /** forensic's `technical_meta_data`; null where the upstream has none (Rehive) */
  technicalMetaData: Record<string, unknown> | null;
}

/** A token handed out by an upstream (forensic service token, Rehive API token), normalised. */
export interface AuthTokenRecord {
  id: string;
  upstream: UpstreamName;
  label: string | null;
  userId: string | null;
  /** ISO 8601 */
  createdAt: string | null;
  /** ISO 8601 */
  expiresAt: string | null;
  /** Only set in the response of the mutation that created the token. */
  secret: string | null;
  /** forensic: the Oz session the service token belongs to (`session_id`) */
  sessionId: string | null;
}
