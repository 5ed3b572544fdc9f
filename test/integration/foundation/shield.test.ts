import { createRequire } from 'node:module';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyPermissions, permissions } from '../../../src/permissions/index.js';
import { resolvers } from '../../../src/resolvers/index.js';
import { buildSchema, loadTypeDefs } from '../../../src/server.js';

// graphql-tools loads graphql's CommonJS build; execute with the same instance.
const { execute, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

describe('every root field has an explicit permission', () => {
  it('the permission map names every Query and Mutation field of the built schema, and nothing else', () => {
    const schema = buildSchema();
    for (const root of ['Query', 'Mutation'] as const) {
      const fields = Object.keys((schema.getType(root) as GraphQLObjectType).getFields()).sort();
      const rules = permissions[root] as Record<string, unknown>;
      const missing = fields.filter((field) => !(field in rules));
      expect(missing, `${root} fields without a rule in src/permissions/index.ts`).toEqual([]);
      const stale = Object.keys(rules).filter((field) => !fields.includes(field));
      expect(stale, `${root} rules for fields the schema does not have`).toEqual([]);
      for (const field of fields) expect(rules[field], `${root}.${field}`).toBeDefined();
    }
  });

  it('a root field without a rule is denied with FORBIDDEN (deny by default)', async () => {
    const schema = applyPermissions(
      makeExecutableSchema({
        typeDefs: [...loadTypeDefs(), `extend type Query { "test only" unlisted: String }`],
        resolvers: [...resolvers, { Query: { unlisted: () => 'secret' } }],
      }),
    );
    const result = await execute({ schema, document: parse(`{ unlisted }`), contextValue: { session: undefined, sessionInvalid: false } });
    expect(result.data).toEqual({ unlisted: null });
    expect(result.errors?.map((error) => [error.message, error.extensions.code])).toEqual([['You are not allowed to do this.', 'FORBIDDEN']]);
  });
});
