import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import DataLoader from 'dataloader';
import { DateTimeResolver } from 'graphql-scalars';
import { LenelClient } from './lenel-client.js';
import { badgeFields, badgeStatus, connection, employeeFields, peerViewer, type LenelBadgeRecord, type LenelEmployeeRecord } from './shape.js';
import { peerTypeDefs } from './schema.js';
import type { Peer } from '../runner.js';

/**
 * The good-Apollo peer: Apollo Server 5 + per-request DataLoaders + undici, no shield. Each list is
 * read at most once per request and indexed; relations batch through the loaders.
 */
class LenelLoaders {
  private badgeList: Promise<LenelBadgeRecord[]> | undefined;
  private employeeList: Promise<LenelEmployeeRecord[]> | undefined;

  readonly employeeById = new DataLoader<number, LenelEmployeeRecord | null>(async (ids) => {
    const byId = new Map((await this.employees()).map((employee) => [employee.id, employee]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  readonly badgesByEmployee = new DataLoader<number, LenelBadgeRecord[]>(async (ids) => {
    const byEmployee = new Map<number, LenelBadgeRecord[]>(ids.map((id) => [id, []]));
    for (const badge of await this.badges()) if (badge.employee_id !== null) byEmployee.get(badge.employee_id)?.push(badge);
    return ids.map((id) => byEmployee.get(id)!);
  });

  constructor(
    private readonly client: LenelClient,
    private readonly authorization: string | undefined,
  ) {}

  badges(): Promise<LenelBadgeRecord[]> {
    return (this.badgeList ??= this.client.badges(this.authorization));
  }

  employees(): Promise<LenelEmployeeRecord[]> {
    return (this.employeeList ??= this.client.employees(this.authorization));
  }
}

interface Context {
  authorization: string | undefined;
  lenel: LenelLoaders;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const resolvers = {
  DateTime: DateTimeResolver,
  Query: {
    viewer: (_: unknown, __: unknown, { authorization }: Context) => peerViewer(authorization),
    badges: async (_: unknown, args: PageArgs, { lenel }: Context) => connection(await lenel.badges(), args, 'Badge'),
    badge: async (_: unknown, { id }: { id: string }, { lenel }: Context) => (await lenel.badges()).find((badge) => String(badge.id) === id) ?? null,
    employees: async (_: unknown, args: PageArgs, { lenel }: Context) => connection(await lenel.employees(), args, 'Employee'),
    employee: (_: unknown, { id }: { id: string }, { lenel }: Context) => lenel.employeeById.load(Number(id)),
  },
  Badge: {
    ...badgeFields,
    employee: (badge: LenelBadgeRecord, _: unknown, { lenel }: Context) => (badge.employee_id === null ? null : lenel.employeeById.load(badge.employee_id)),
  },
  Employee: {
    ...employeeFields,
    badges: async (employee: LenelEmployeeRecord, { status }: { status?: string | null }, { lenel }: Context) =>
      (await lenel.badgesByEmployee.load(employee.id)).filter((badge) => !status || badgeStatus(badge.status) === status),
  },
};

export async function start(env: NodeJS.ProcessEnv): Promise<Peer> {
  const client = new LenelClient(env.LENEL_URL!);
  const server = new ApolloServer<Context>({ typeDefs: peerTypeDefs, resolvers });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization, lenel: new LenelLoaders(client, req.headers.authorization) }),
  });
  return {
    url: url.replace(/\/$/, ''),
    async close() {
      await server.stop();
      await client.close();
    },
  };
}
