import type { EmulatorRequest, EmulatorResponse } from '../common/server.js';
import type { RehiveContext } from './context.js';
import { serializeToken, sessionData } from './context.js';
import { errors, invalid, ok } from './envelope.js';
import { Fields } from './fields.js';
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
    // [decision] `duration` 0 or null: a token that never expires, like leaving it out.
    const record = state.issueToken(caller.user, duration || null);
    return ok(sessionData(record, { id: caller.user.id }, []), 201);
  });

  router.authed('DELETE', LIST, ({ caller }) => {
    state.endTokens(caller.user.id);
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

/** The list filters of the original document (django-filter: a bad value is a 400 naming the parameter). */
function filterTokens(req: EmulatorRequest, tokens: TokenRecord[]): TokenRecord[] | EmulatorResponse {
  let result = tokens;
  for (const [param, compare] of Object.entries(COMPARISONS)) {
    const raw = req.query.get(param);
    if (!raw) continue;
    const bound = parseDateTime(raw);
    if (bound === undefined) return invalid({ [param]: ['Enter a valid date/time.'] });
    result = result.filter((t) => compare(t.created, bound));
  }
  const isNull = req.query.get('expires__isnull');
  if (isNull) {
    const wanted = /^(true|1)$/i.test(isNull) ? true : /^(false|0)$/i.test(isNull) ? false : undefined;
    if (wanted === undefined) return invalid({ expires__isnull: ['Enter a valid boolean.'] });
    result = result.filter((t) => (t.expires === null) === wanted);
  }
  const key = req.query.get('token_key');
  if (key) result = result.filter((t) => t.token.slice(0, 8) === key);
  const keyIn = req.query.get('token_key__in');
  if (keyIn) {
    const keys = new Set(keyIn.split(','));
    result = result.filter((t) => keys.has(t.token.slice(0, 8)));
  }
  const exclude = req.query.get('token_key__exclude');
  if (exclude) result = result.filter((t) => t.token.slice(0, 8) !== exclude);
  return result;
}

/** ISO 8601 date-times; bare digits are taken as epoch ms, the form Rehive emits. */
function parseDateTime(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(raw)) return undefined;
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? undefined : parsed;
}
