import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reportFor } from './access-log.js';
import { isRecord } from './datasources/core/json.js';
import type { Metrics } from './metrics.js';

/**
 * Trusted documents: the operations first-party apps ship at build time, by id. The manifest is
 * graphql-codegen client preset's `persisted-documents.json`, `{ "sha256:<hex>": "<document>" }`
 * (or the bare hex, as older presets and hand-made manifests write it).
 */
export type PersistedDocuments = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Reads and checks the manifest; any problem is one line that names the file (start-up stops). */
export async function loadPersistedDocuments(path: string): Promise<PersistedDocuments> {
  const problem = (what: string) => new Error(`the persisted-document manifest ${path} (PERSISTED_DOCUMENTS) ${what}`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw problem(`cannot be read (${(error as { code?: string }).code ?? 'error'}).`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw problem('is not valid JSON.');
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw problem('must be a JSON object of "<sha256>": "<document>".');
  const documents = new Map<string, string>();
  for (const [key, document] of Object.entries(manifest)) {
    // The client preset (v5 and later) writes GraphQL-over-HTTP document ids, `sha256:<hex>`; older ones the bare hex.
    const id = key.replace(/^sha256:/, '');
    if (!SHA256_HEX.test(id) || typeof document !== 'string') throw problem(`must map sha256 ids to documents; "${key.slice(0, 80)}" does not.`);
    // A manifest made with another hash (the client preset's hashAlgorithm) would match no request.
    if (sha256(document) !== id) throw problem(`has a document whose sha256 is not its id "${id}" (generate it with hashAlgorithm 'sha256').`);
    documents.set(id, document);
  }
  return documents;
}

interface Refusal {
  status: number;
  code: string;
  message: string;
}

// Apollo Server's answer to an unknown APQ hash (HTTP 200, so that Apollo clients read it as a
// GraphQL error), for ids in either form.
const NOT_FOUND: Refusal = { status: 200, code: 'PERSISTED_QUERY_NOT_FOUND', message: 'PersistedQueryNotFound' };
const NOT_IN_LIST: Refusal = {
  status: 400,
  code: 'PERSISTED_QUERY_NOT_IN_LIST',
  message: 'Only trusted documents are accepted: send the id of a document in the persisted-document manifest (documentId, or extensions.persistedQuery.sha256Hash).',
};

/** A request's GraphQL parameters, from the JSON body (POST) or the query string (GET). */
interface Params {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

type Decision = { use: string } | { refuse: Refusal } | undefined;

/**
 * Replaces a known document id (GraphQL-over-HTTP `documentId`, or Apollo's
 * `extensions.persistedQuery.sha256Hash`) with its document before Apollo Server sees the request.
 * With `only`, anything else that carries a document is refused here, before parsing, context or
 * session: free text that is not in the manifest, and unknown ids. Without it, unknown APQ hashes
 * go on to Apollo's automatic persisted queries, and free text is served as usual.
 */
export function registerTrustedDocuments(fastify: FastifyInstance, documents: PersistedDocuments, only: boolean, metrics: Metrics): void {
  const decide = (params: Params): Decision => {
    const hash = persistedQueryHash(params.extensions);
    if (params.documentId !== undefined || hash !== undefined) {
      // Either form may carry the `sha256:` prefix: the client preset embeds its ids that way, and
      // Apollo's persisted-query link sends whatever generateHash returns.
      const named = params.documentId === undefined ? hash : params.documentId;
      const id = typeof named === 'string' ? named.replace(/^sha256:/, '') : undefined;
      const document = id === undefined ? undefined : documents.get(id);
      if (document !== undefined) return { use: document };
      // In only-mode an unknown id with its text is an attempt to register that text (Apollo's
      // automatic persisted queries): the text is not trusted.
      if (only && typeof params.query === 'string') return { refuse: NOT_IN_LIST };
      // A documentId names nothing Apollo could find; in only-mode neither does an APQ hash.
      return params.documentId !== undefined || only ? { refuse: NOT_FOUND } : undefined;
    }
    if (!only || typeof params.query !== 'string') return undefined;
    return documents.has(sha256(params.query)) ? undefined : { refuse: NOT_IN_LIST };
  };

  fastify.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql') return;
    if (request.method === 'POST' && isRecord(request.body)) {
      const decision = decide(request.body);
      if (decision && 'refuse' in decision) return refuse(request, reply, decision.refuse);
      if (decision) request.body = withDocument(request.body, decision.use);
    } else if (request.method === 'GET') {
      const url = new URL(request.raw.url ?? '/', 'http://gatehouse.invalid');
      const params = Object.fromEntries(url.searchParams) as Record<string, string>;
      const extensions = parseJson(params.extensions);
      const decision = decide({ query: params.query, documentId: params.documentId, extensions });
      if (decision && 'refuse' in decision) return refuse(request, reply, decision.refuse);
      if (decision) {
        // Apollo's Fastify integration reads a GET's parameters from the request URL.
        const next = withDocument({ ...params, extensions }, decision.use);
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries(next)) if (value !== undefined) search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
        url.search = search.toString();
        request.raw.url = url.pathname + url.search;
      }
    }
  });

  const refuse = (request: FastifyRequest, reply: FastifyReply, refusal: Refusal) => {
    // The access log, the request's span and the request counter tell the refusal like any error.
    reportFor(request).errorCodes = [refusal.code];
    metrics.requests.inc({ operation_type: 'unknown', outcome: 'error', error_code: refusal.code });
    return reply
      .code(refusal.status)
      .header('cache-control', 'private, no-cache, must-revalidate')
      .send({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
  };
}

/** The request with the manifest's document as its query, and without the id that named it. */
function withDocument(params: Record<string, unknown>, document: string): Record<string, unknown> {
  const { documentId: _id, extensions, ...rest } = params;
  // Without its persistedQuery, Apollo neither checks the hash again nor registers the document.
  const { persistedQuery: _hash, ...otherExtensions } = isRecord(extensions) ? extensions : {};
  return { ...rest, query: document, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) };
}

function persistedQueryHash(extensions: unknown): string | undefined {
  const persisted = isRecord(extensions) ? extensions.persistedQuery : undefined;
  if (!isRecord(persisted)) return undefined;
  return typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : '';
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Apollo Server answers a malformed `extensions` itself (BAD_REQUEST).
    return undefined;
  }
}
