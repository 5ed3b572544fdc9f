import type { EmulatorRequest, EmulatorResponse } from '../common/server.js';
import type { RehiveContext } from './context.js';
import { errors, fail, invalid, ok } from './envelope.js';
import { Fields, parseNullBoolean } from './fields.js';
import { checkCode, issueSmsCode, newAuthenticator, serializeAuthenticator } from './mfa.js';
import type { AuthedContext, RehiveRouter } from './router.js';
import type { AuthenticatorRecord, ChallengeRecord } from './state.js';
import { AUTHENTICATOR_TYPES } from './state.js';

const LIST = /^\/3\/auth\/mfa\/authenticators\/$/;
const ITEM = /^\/3\/auth\/mfa\/authenticators\/([a-zA-Z0-9_-]+)\/$/;
const DEFAULT_PAGE_SIZE = 15;
const MAX_PAGE_SIZE = 250;

export function mfaRoutes(router: RehiveRouter, ctx: RehiveContext): void {
  const { state } = ctx;

  router.authed(
    'GET',
    LIST,
    ({ req, caller }) => {
      const filtered = filterAuthenticators(req, state.authenticatorsOf(caller.user.id));
      if (!Array.isArray(filtered)) return filtered;
      const newestFirst = filtered.reverse().map((a) => serializeAuthenticator(a, caller.user, true));
      return paginate(req, newestFirst);
    },
    'mfa',
  );

  // [decision] a token still waiting for MFA may not add or remove authenticators: that would sidestep the challenge.
  router.authed('POST', LIST, ({ body, caller }) => {
    const fields = new Fields(body);
    const type = fields.choice('type', AUTHENTICATOR_TYPES, { required: true });
    const mobile = type === 'sms' ? (fields.mobile('mobile') ?? caller.user.mobile) : undefined;
    if (fields.valid && type === 'sms' && !mobile) fields.add('mobile', 'This field is required.');
    if (!fields.valid) return invalid(fields.errors);
    const authenticator = newAuthenticator(caller.user, type!, ctx.now(), mobile ? { mobile } : {});
    state.authenticators.set(authenticator.id, authenticator);
    return ok(serializeAuthenticator(authenticator, caller.user, false), 201);
  });

  router.authed(
    'GET',
    ITEM,
    ({ params, caller }) => {
      const authenticator = ownAuthenticator(ctx, caller, params[0]!);
      return authenticator ? ok(serializeAuthenticator(authenticator, caller.user, true)) : errors.notFound();
    },
    'mfa',
  );

  router.authed('DELETE', ITEM, ({ params, caller }) => {
    const authenticator = ownAuthenticator(ctx, caller, params[0]!);
    if (!authenticator) return errors.notFound();
    state.authenticators.delete(authenticator.id);
    return ok();
  });

  router.authed('POST', /^\/3\/auth\/mfa\/deliver\/$/, (request) => deliver(ctx, request), 'mfa');
  router.authed('POST', /^\/3\/auth\/mfa\/verify\/$/, (request) => verify(ctx, router, request), 'mfa');
}

/**
 * Verify and deliver take a challenge or an authenticator, exactly one: Rehive documents them as "requires
 * either a challenge or an authenticator, but not both" (the original's schema marks both optional).
 */
function oneTarget(challenge: string | null | undefined, authenticator: string | null | undefined): EmulatorResponse | undefined {
  if (challenge && authenticator) return fail(400, 'Provide either a challenge or an authenticator, not both.');
  if (!challenge && !authenticator) return fail(400, 'A challenge or an authenticator is required.');
  return undefined;
}

/** Sends an SMS code: for a challenge, to the user's verified SMS authenticators; else to the named one. */
function deliver(ctx: RehiveContext, { body, caller }: AuthedContext): EmulatorResponse {
  const fields = new Fields(body);
  const challengeId = fields.string('challenge');
  const authenticatorId = fields.string('authenticator');
  if (!fields.valid) return invalid(fields.errors);
  const neither = oneTarget(challengeId, authenticatorId);
  if (neither) return neither;
  let targets: AuthenticatorRecord[];
  if (challengeId) {
    if (!ownChallenge(ctx, caller, challengeId)) return invalid({ challenge: ['Invalid challenge.'] });
    targets = verifiedSms(ctx, caller.user.id);
    if (targets.length === 0) return fail(400, 'There is no SMS authenticator to deliver to.');
  } else {
    const authenticator = ownAuthenticator(ctx, caller, authenticatorId!);
    if (!authenticator) return invalid({ authenticator: ['Invalid authenticator.'] });
    if (authenticator.type !== 'sms') return fail(400, 'The authenticator does not support delivery.');
    targets = [authenticator];
  }
  for (const authenticator of targets) sendSmsCode(ctx, authenticator);
  return ok();
}

/** Solves a login challenge with any verified authenticator of the user, or verifies a new authenticator. */
function verify(ctx: RehiveContext, router: RehiveRouter, { body, caller }: AuthedContext): EmulatorResponse {
  const fields = new Fields(body);
  const code = fields.string('token', { required: true });
  const challengeId = fields.string('challenge');
  const authenticatorId = fields.string('authenticator');
  if (!fields.valid) return invalid(fields.errors);
  const neither = oneTarget(challengeId, authenticatorId);
  if (neither) return neither;

  const at = ctx.now();
  if (challengeId) {
    const challenge = ownChallenge(ctx, caller, challengeId);
    if (!challenge) return invalid({ challenge: ['Invalid challenge.'] });
    const candidates = ctx.state.authenticatorsOf(caller.user.id).filter((a) => a.verified);
    if (!candidates.some((a) => checkCode(a, code!, at))) return fail(400, 'Invalid token.');
    challenge.solved = true;
    return ok();
  }
  const authenticator = ownAuthenticator(ctx, caller, authenticatorId!);
  if (!authenticator) return invalid({ authenticator: ['Invalid authenticator.'] });
  if (caller.pending) return router.mfaRequired(caller);
  if (!checkCode(authenticator, code!, at)) return fail(400, 'Invalid token.');
  authenticator.verified = true;
  authenticator.updated = at;
  return ok();
}

const verifiedSms = (ctx: RehiveContext, userId: string): AuthenticatorRecord[] =>
  ctx.state.authenticatorsOf(userId).filter((a) => a.type === 'sms' && a.verified);

function sendSmsCode(ctx: RehiveContext, authenticator: AuthenticatorRecord): void {
  const code = issueSmsCode(authenticator, ctx.now(), ctx.challengeLifetimeSeconds);
  ctx.outbox.send(authenticator.mobile!, 'mfa_sms', { code, authenticator: authenticator.id });
}

/** Rehive: "On login, when possible, the token will be delivered automatically" — an SMS code per SMS authenticator. */
export function deliverLoginCodes(ctx: RehiveContext, userId: string): void {
  for (const authenticator of verifiedSms(ctx, userId)) sendSmsCode(ctx, authenticator);
}

function ownAuthenticator(ctx: RehiveContext, caller: AuthedContext['caller'], id: string): AuthenticatorRecord | undefined {
  const authenticator = ctx.state.authenticators.get(id);
  return authenticator?.userId === caller.user.id ? authenticator : undefined;
}

/** An open challenge of the calling login token. */
function ownChallenge(ctx: RehiveContext, caller: AuthedContext['caller'], id: string): ChallengeRecord | undefined {
  return ctx.state.openChallenges(caller.record.token).find((c) => c.id === id);
}

function filterAuthenticators(req: EmulatorRequest, items: AuthenticatorRecord[]): AuthenticatorRecord[] | EmulatorResponse {
  const type = req.query.get('type');
  const verified = req.query.get('verified');
  const id = req.query.get('id');
  let result = items;
  if (type) {
    if (!(AUTHENTICATOR_TYPES as readonly string[]).includes(type))
      return invalid({ type: [`Select a valid choice. ${type} is not one of the available choices.`] });
    result = result.filter((a) => a.type === type);
  }
  const wanted = parseNullBoolean(verified);
  if (wanted !== undefined) result = result.filter((a) => a.verified === wanted);
  if (id) result = result.filter((a) => a.id === id);
  return result;
}

/** Rehive's page envelope: `page_size` defaults to 15 and is capped at 250; `next` is absolute, from Host. */
function paginate(req: EmulatorRequest, items: unknown[]): EmulatorResponse {
  const sizeParam = Number(req.query.get('page_size'));
  const pageSize = Number.isInteger(sizeParam) && sizeParam > 0 ? Math.min(sizeParam, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const pageParam = req.query.get('page') ?? '1';
  const page = pageParam === 'last' ? pages : /^\d+$/.test(pageParam) ? Number(pageParam) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > pages) return errors.invalidPage();
  const link = (n: number): string | null => {
    if (n < 1 || n > pages) return null;
    const query = new URLSearchParams(req.query);
    if (n === 1) query.delete('page');
    else query.set('page', String(n));
    const qs = query.toString();
    return `http://${req.host}${req.path}${qs ? `?${qs}` : ''}`;
  };
  const results = items.slice((page - 1) * pageSize, page * pageSize);
  return ok({ count: items.length, next: link(page + 1), previous: link(page - 1), results });
}
