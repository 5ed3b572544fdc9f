import { checkParam, type ParamKind } from '../../validation/params.js';

/**
 * Builds an upstream path from a template such as `/api/leave-requests/{id}`: every `{name}` is
 * filled with `params[name] = [value, kind]`, validated and percent-encoded.
 */
export function upstreamPath(template: string, params: Record<string, readonly [string, ParamKind]>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const param = params[name];
    if (!param) throw new Error(`upstreamPath: no value for {${name}} in ${template}`);
    return encodeURIComponent(checkParam(name, param[0], param[1]));
  });
}
