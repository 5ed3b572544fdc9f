import type { EmulatorRequest, EmulatorResponse } from '../common/server.js';
import type { RehiveContext } from './context.js';
import { serializeToken, sessionData } from './context.js';
import { errors, invalid, ok } from './envelope.js';
import { Fields, parseNullBoolean } from './fields.js';
import type { RehiveRouter } from './router.js';
import type { TokenRecord } from './state.js';

const LIST = /^\/3\/auth\/tokens\/$/;
/** Any one segment reaches the view; only `^\w+$` keys can match a token. */
const ITEM = /^\/3\/auth\/tokens\/([^/]+)\/$/;

export function tokenRoutes(router: RehiveRouter, ctx: RehiveContext): void {
  const { state } = ctx;

  router.authed('GET', LIST, ({ req, caller }) => {
    const filtered = filterTokens(req, state.liveTokens(caller.user.id));
    return Array.isArray(filtered) ? ok(filtered.map(serializeToken)) : filtered;
  });

  router.authed('POST', LIST, ({ body, caller }) => {
    const fields = new Fields(body);
    const password = fields.string('password', { required: true, max: 128, trim: false });
    const duration = fields.integer('duration', { min: 0, allowNull: true });
    fields.choice('auth_method', ['token', 'cookie']);
    if (password && password !== caller.user.password) fields.add('password', 'Invalid password.');
    if (!fields.valid) return invalid(fields.errors);
    // [decision] `duration` 0 or null: a token that never expires, like leaving it out (Rehive: "creating a token
    // here will remove the expiration time on the token"; the original allows `>= 0` without saying what 0 means).
    const record = state.issueToken(caller.user, duration || null);
    return ok(sessionData(record, { id: caller.user.id }, []), 201);
  });

  // Rehive's changelog (2020-09-25): "filters on auth tokens so that keys can be excluded/included on DELETE as well as GET".
  router.authed('DELETE', LIST, ({ req, caller }) => {
    const filtered = filterTokens(req, state.liveTokens(caller.user.id));
    if (!Array.isArray(filtered)) return filtered;
    for (const record of filtered) state.tokens.delete(record.token);
    return ok();
  });

  router.authed('GET', ITEM, ({ params, caller }) => {
    const record = findByKey(ctx, caller.user.id, params[0]!);
    return record ? ok(serializeToken(record)) : errors.notFound();
  });

  router.authed('DELETE', ITEM, ({ params, caller }) => {
    const record = findByKey(ctx, caller.user.id, params[0]!);
    if (!record) return errors.notFound();
    state.tokens.delete(record.token);
    return ok();
  });
}

function findByKey(ctx: RehiveContext, userId: string, key: string): TokenRecord | undefined {
  if (!/^\w+$/.test(key)) return undefined;
  return ctx.state.liveTokens(userId).find((t) => t.token.slice(0, 8) === key);
}

const COMPARISONS: Record<string, (created: number, bound: number) => boolean> = {
  created: (c, b) => c === b,
  created__gt: (c, b) => c > b,
  created__gte: (c, b) => c >= b,
  created__lt: (c, b) => c < b,
  created__lte: (c, b) => c <= b,
};

/**
 * The list filters of the original document, as django-filter applies them: an empty value is no filter;
 * dates are epoch milliseconds, the only form Rehive's filter guide allows ("you will need to always do so
 * using a millisecond UNIX timestamp"), anything else a 400 naming the parameter; `expires__isnull` is a
 * NullBooleanField (an unrecognised value filters nothing); `token_key__in` is a comma-separated list.
 */
function filterTokens(req: EmulatorRequest, tokens: TokenRecord[]): TokenRecord[] | EmulatorResponse {
  let result = tokens;
  const keyOf = (t: TokenRecord): string => t.token.slice(0, 8);
  for (const [param, compare] of Object.entries(COMPARISONS)) {
    const raw = req.query.get(param);
    if (!raw) continue;
    if (!/^\d+$/.test(raw)) return invalid({ [param]: ['Enter a valid date/time.'] });
    result = result.filter((t) => compare(t.created, Number(raw)));
  }
  const isNull = parseNullBoolean(req.query.get('expires__isnull'));
  if (isNull !== undefined) result = result.filter((t) => (t.expires === null) === isNull);
  const key = req.query.get('token_key');
  if (key) result = result.filter((t) => keyOf(t) === key);
  const keyIn = req.query.get('token_key__in');
  if (keyIn) {
    const keys = new Set(keyIn.split(','));
    result = result.filter((t) => keys.has(keyOf(t)));
  }
  const exclude = req.query.get('token_key__exclude');
  if (exclude) result = result.filter((t) => keyOf(t) !== exclude);
  return result;
}
