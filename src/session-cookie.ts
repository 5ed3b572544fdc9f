import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionTransport } from './auth/session.js';

/**
 * The session cookie for browser apps (SESSION_COOKIE=true): the token in an HttpOnly cookie that
 * page scripts cannot read, sent by the browser with every same-site request. RequestSession decides
 * when the token changes; this module only writes it into the response and reads it back.
 */
export interface SessionCookie {
  /** The cookie's value in this request, if the browser sent one. */
  read(request: FastifyRequest): string | undefined;
  /** Writes the request's token changes into its response. */
  transport(request: FastifyRequest, reply: FastifyReply): SessionTransport;
}

/** `__Host-` makes browsers refuse the cookie unless it is Secure, host-only and Path=/: no other host or plain-HTTP page can plant one. */
const SECURE_NAME = '__Host-gatehouse-session';
/** The name on plain-HTTP loopback, where a Secure cookie (and so `__Host-`) is not accepted by every browser. */
const LOCAL_NAME = 'gatehouse-session';

export async function registerSessionCookie(fastify: FastifyInstance, options: { production: boolean }): Promise<SessionCookie> {
  await fastify.register(fastifyCookie);
  const kind = (request: FastifyRequest) => (secure(request, options.production) ? { name: SECURE_NAME, secure: true } : { name: LOCAL_NAME, secure: false });
  return {
    read: (request) => request.cookies[kind(request).name],
    transport(request, reply) {
      const { name, secure } = kind(request);
      // Lax: sent on same-site requests and top-level navigations only, never on a cross-site form
      // post or fetch (CSRF prevention checks those too). No Domain: the gateway's host only.
      const attributes = { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
      return {
        // The cookie lasts until the session's absolute limit: the idle limit slides with every use
        // on the server, where an expired cookie could not follow it.
        issued: (token, session) => void reply.setCookie(name, token, { ...attributes, expires: new Date(session.endsAt), maxAge: Math.max(0, Math.floor((session.endsAt - Date.now()) / 1000)) }),
        ended: () => void reply.clearCookie(name, attributes),
      };
    },
  };
}

/**
 * Secure unless the browser reached the gateway over plain HTTP at a loopback name (local
 * development). Behind a TLS proxy the request is plain HTTP, so the scheme and host come from
 * X-Forwarded-Proto/-Host when TRUST_PROXY is on; in production the cookie is always Secure, so a
 * proxy that rewrites Host to 127.0.0.1 cannot turn it into a plain-HTTP cookie.
 */
function secure(request: FastifyRequest, production: boolean): boolean {
  return production || request.protocol === 'https' || !isLoopbackName(request.hostname);
}

function isLoopbackName(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
