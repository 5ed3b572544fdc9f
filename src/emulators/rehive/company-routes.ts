import type { RehiveContext } from './context.js';
import { errors, ok } from './envelope.js';
import type { RehiveRouter } from './router.js';

/**
 * `GET /3/company/`: the caller's company. The auth section of the original names the company only by its
 * identifier (the user's `company`); Rehive's platform API reads the company itself, its `name` included, here.
 * [decision] only the fields the emulator holds: `id`, `name`, `created`, `updated`.
 */
export function companyRoutes(router: RehiveRouter, ctx: RehiveContext): void {
  router.authed('GET', /^\/3\/company\/$/, ({ caller }) => {
    const company = ctx.state.companies.get(caller.user.company);
    if (!company) return errors.notFound();
    return ok({ id: company.id, name: company.name, created: company.created, updated: company.created });
  });
}
