import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { RESTDataSource, type AugmentedRequest } from '@apollo/datasource-rest';
import { DateTimeResolver } from 'graphql-scalars';
import { badgeFields, badgeStatus, connection, employeeFields, peerViewer, type LenelBadgeRecord, type LenelEmployeeRecord } from './shape.js';
import { peerTypeDefs } from './schema.js';
import type { Peer } from '../runner.js';

/**
 * The naive peer: Apollo Server 5 + RESTDataSource, one resolver per field, the way the Apollo
 * tutorials do it — no DataLoader, every relation asks the datasource again. The client's
 * `Authorization: Bearer <lenel access token>` is forwarded as is.
 */
class LenelAPI extends RESTDataSource {
  constructor(
    override baseURL: string,
    private readonly authorization: string | undefined,
  ) {
    super();
  }

  protected override willSendRequest(_path: string, request: AugmentedRequest): void {
    if (this.authorization) request.headers.authorization = this.authorization;
  }

  getBadges(): Promise<LenelBadgeRecord[]> {
    return this.get<LenelBadgeRecord[]>('api/badges/');
  }

  async getBadge(id: string): Promise<LenelBadgeRecord | null> {
    return (await this.getBadges()).find((badge) => String(badge.id) === id) ?? null;
  }

  getEmployees(): Promise<LenelEmployeeRecord[]> {
    return this.get<LenelEmployeeRecord[]>('api/employees/');
  }

  async getEmployee(id: number): Promise<LenelEmployeeRecord | null> {
    return (await this.getEmployees()).find((employee) => employee.id === id) ?? null;
  }
}

interface Context {
  authorization: string | undefined;
  dataSources: { lenel: LenelAPI };
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const resolvers = {
  DateTime: DateTimeResolver,
  Query: {
    viewer: (_: unknown, __: unknown, { authorization }: Context) => peerViewer(authorization),
    badges: async (_: unknown, args: PageArgs, { dataSources }: Context) => connection(await dataSources.lenel.getBadges(), args, 'Badge'),
    badge: (_: unknown, { id }: { id: string }, { dataSources }: Context) => dataSources.lenel.getBadge(id),
    employees: async (_: unknown, args: PageArgs, { dataSources }: Context) => connection(await dataSources.lenel.getEmployees(), args, 'Employee'),
    employee: (_: unknown, { id }: { id: string }, { dataSources }: Context) => dataSources.lenel.getEmployee(Number(id)),
  },
  Badge: {
    ...badgeFields,
    employee: (badge: LenelBadgeRecord, _: unknown, { dataSources }: Context) =>
      badge.employee_id === null ? null : dataSources.lenel.getEmployee(badge.employee_id),
  },
  Employee: {
    ...employeeFields,
    badges: async (employee: LenelEmployeeRecord, { status }: { status?: string | null }, { dataSources }: Context) =>
      (await dataSources.lenel.getBadges()).filter((badge) => badge.employee_id === employee.id && (!status || badgeStatus(badge.status) === status)),
  },
};

export async function start(env: NodeJS.ProcessEnv): Promise<Peer> {
  const lenelUrl = env.LENEL_URL!;
  const server = new ApolloServer<Context>({ typeDefs: peerTypeDefs, resolvers });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization, dataSources: { lenel: new LenelAPI(`${lenelUrl}/`, req.headers.authorization) } }),
  });
  return { url: url.replace(/\/$/, ''), close: () => server.stop() };
}
