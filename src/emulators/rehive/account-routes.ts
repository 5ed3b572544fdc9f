import { sendMobileOtp } from './auth-routes.js';
import type { RehiveContext } from './context.js';
import { fail, invalid, ok } from './envelope.js';
import { Fields } from './fields.js';
import { readNewPassword } from './profile.js';
import type { RehiveRouter } from './router.js';
import type { KeyPurpose, UserRecord } from './state.js';
import { CLEAR_SESSION_OPTIONS } from './state.js';

export function accountRoutes(router: RehiveRouter, ctx: RehiveContext): void {
  const { state } = ctx;

  router.public('POST', /^\/3\/auth\/email\/verify\/$/, ({ body }) => {
    const fields = new Fields(body);
    const key = fields.string('key', { required: true });
    if (!fields.valid) return invalid(fields.errors);
    const user = state.consumeKey('email_verification', key!);
    if (!user) return invalidKey();
    user.verification.email = true;
    state.touch(user);
    return ok();
  });

  // Always 200: the answer must not tell whether the address is registered.
  router.public('POST', /^\/3\/auth\/email\/verify\/resend\/$/, ({ body }) => {
    const fields = new Fields(body);
    const email = fields.email('email', { required: true });
    const company = fields.string('company', { required: true });
    if (!fields.valid) return invalid(fields.errors);
    const user = activeUser(ctx, company!, email!);
    if (user?.email && user.email.toLowerCase() === email!.toLowerCase() && !user.verification.email) {
      const key = state.issueKey('email_verification', user, ctx.keyLifetimeSeconds);
      ctx.outbox.send(user.email, 'email_verification', { key, company: user.company });
    }
    return ok();
  });

  router.authed('POST', /^\/3\/auth\/mobile\/verify\/$/, ({ body, caller }) => {
    const fields = new Fields(body);
    const otp = fields.string('otp', { required: true, max: 24 });
    if (!fields.valid) return invalid(fields.errors);
    if (!state.consumeKey('mobile_verification', otp!, caller.user.id)) return fail(400, 'Invalid OTP.', { otp: ['Invalid OTP.'] });
    caller.user.verification.mobile = true;
    state.touch(caller.user);
    return ok();
  });

  router.public('POST', /^\/3\/auth\/mobile\/verify\/resend\/$/, ({ body }) => {
    const fields = new Fields(body);
    const mobile = fields.string('mobile', { required: true });
    const company = fields.string('company', { required: true });
    if (!fields.valid) return invalid(fields.errors);
    const user = activeUser(ctx, company!, mobile!);
    if (user && user.mobile === mobile && !user.verification.mobile) sendMobileOtp(ctx, user);
    return ok();
  });

  router.authed('POST', /^\/3\/auth\/password\/change\/$/, ({ body, caller }) => {
    const fields = new Fields(body);
    const oldPassword = fields.string('old_password', { required: true, max: 128, trim: false });
    if (oldPassword && oldPassword !== caller.user.password) fields.add('old_password', 'Invalid password.');
    const newPassword = readNewPassword(fields, 'new_password', ['new_password1', 'new_password2'], caller.user);
    const option = fields.choice('clear_session_option', CLEAR_SESSION_OPTIONS) ?? 'temporary';
    if (!fields.valid) return invalid(fields.errors);
    caller.user.password = newPassword!;
    state.touch(caller.user);
    // [decision] the caller's own token survives, as Django keeps the session that changed the password.
    state.clearSessions(caller.user.id, option, caller.record.token);
    return ok();
  });

  // Always 200 (no enumeration); a known user gets uid + token by e-mail (by SMS without an e-mail).
  router.public('POST', /^\/3\/auth\/password\/reset\/$/, ({ body }) => {
    const fields = new Fields(body);
    const identifier = fields.string('user', { required: true });
    const company = fields.string('company', { required: true });
    // [decision] the original documents `force` only as a boolean defaulting to false, not what it changes:
    // it is validated as DRF does and otherwise changes nothing (a known user always gets the message).
    fields.boolean('force');
    if (!fields.valid) return invalid(fields.errors);
    const user = activeUser(ctx, company!, identifier!);
    if (user) {
      const token = state.issueKey('password_reset', user, ctx.keyLifetimeSeconds);
      ctx.outbox.send(user.email ?? user.mobile ?? user.id, 'password_reset', { uid: encodeUid(user.id), token, company: user.company });
    }
    return ok();
  });

  router.public('POST', /^\/3\/auth\/password\/reset\/confirm\/$/, ({ body }) => {
    const fields = new Fields(body);
    const uid = fields.string('uid', { required: true });
    const token = fields.string('token', { required: true });
    const option = fields.choice('clear_session_option', CLEAR_SESSION_OPTIONS) ?? 'temporary';
    const target = uid ? state.users.get(decodeUid(uid)) : undefined;
    const newPassword = readNewPassword(fields, 'new_password', ['new_password1', 'new_password2'], target ?? {});
    if (uid && !target) fields.add('uid', 'Invalid value');
    if (!fields.valid) return invalid(fields.errors);
    const user = state.consumeKey('password_reset', token!, target!.id);
    if (!user || !user.active) return invalid({ token: ['Invalid value'] });
    user.password = newPassword!;
    state.touch(user);
    state.clearSessions(user.id, option);
    return ok();
  });

  accountEnd(router, ctx, 'deactivate', 'deactivation', (user) => state.deactivate(user));
  accountEnd(router, ctx, 'request-delete', 'deletion', (user) => {
    user.deletionRequested = true;
    state.deactivate(user);
  });
}

/** Deactivation and deletion: a request e-mails a key (always 200), verifying the key ends the account. */
function accountEnd(router: RehiveRouter, ctx: RehiveContext, path: string, purpose: KeyPurpose, end: (user: UserRecord) => void): void {
  router.public('POST', new RegExp(`^/3/auth/${path}/$`), ({ body }) => {
    const fields = new Fields(body);
    const identifier = fields.string('user', { required: true });
    const company = fields.string('company', { required: true });
    if (!fields.valid) return invalid(fields.errors);
    const user = activeUser(ctx, company!, identifier!);
    if (user) {
      const key = ctx.state.issueKey(purpose, user, ctx.keyLifetimeSeconds);
      ctx.outbox.send(user.email ?? user.mobile ?? user.id, purpose, { key, company: user.company });
    }
    return ok();
  });

  router.public('POST', new RegExp(`^/3/auth/${path}/verify/$`), ({ body }) => {
    const fields = new Fields(body);
    const key = fields.string('key', { required: true });
    if (!fields.valid) return invalid(fields.errors);
    const user = ctx.state.consumeKey(purpose, key!);
    if (!user || !user.active) return invalidKey();
    end(user);
    return ok();
  });
}

function activeUser(ctx: RehiveContext, company: string, identifier: string): UserRecord | undefined {
  const user = ctx.state.findUser(company, identifier);
  return user?.active ? user : undefined;
}

const invalidKey = () => fail(400, 'Invalid key.', { key: ['Invalid key.'] });

/** Django's password-reset uid: the user id, base64url-encoded. */
export const encodeUid = (id: string): string => Buffer.from(id).toString('base64url');
const decodeUid = (uid: string): string => Buffer.from(uid, 'base64url').toString('utf8');
