import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QUERIES, S5_PAGE_COUNT, S5_PAGE_LENGTH } from '../scenarios.js';
import { LenelClient } from './lenel-client.js';
import { badgeStatus, fullName, globalId, isoDate, pageOf, peerViewer, type LenelBadgeRecord, type LenelEmployeeRecord } from './shape.js';
import type { Peer } from '../runner.js';

/**
 * The limit: a hand-written node:http handler per scenario that makes the same upstream calls as a
 * gateway must (each list once per request, fetched in parallel when both are needed) and builds the
 * same JSON without GraphQL. Nothing is cached between requests.
 */
type Variables = Record<string, string>;
type Handler = (lenel: LenelClient, authorization: string | undefined, variables: Variables) => Promise<unknown>;

const byId = (employees: LenelEmployeeRecord[]) => new Map(employees.map((employee) => [employee.id, employee]));

const HANDLERS = new Map<string, Handler>([
  [QUERIES.S1, async () => ({ __typename: 'Query' })],
  [
    QUERIES.S2,
    async (lenel, auth, { id }) => {
      const [badges, employees] = await Promise.all([lenel.badges(auth), lenel.employees(auth)]);
      const badge = badges.find((b) => String(b.id) === id);
      if (!badge) return { badge: null };
      const employee = badge.employee_id === null ? undefined : byId(employees).get(badge.employee_id);
      return {
        badge: {
          id: globalId('Badge', badge.id),
          badgeNumber: badge.badge_number,
          status: badgeStatus(badge.status),
          statusCode: badge.status,
          statusName: badge.status_name,
          type: badge.type || null,
          activatedAt: isoDate(badge.activation_date),
          deactivatedAt: isoDate(badge.deactivation_date),
          lastChangedAt: isoDate(badge.last_changed),
          employee: employee ? { id: globalId('Employee', employee.id), fullName: fullName(employee), email: employee.email || null, department: employee.department || null } : null,
        },
      };
    },
  ],
  [
    QUERIES.S3,
    async (lenel, auth) => {
      const [badges, employees] = await Promise.all([lenel.badges(auth), lenel.employees(auth)]);
      const index = byId(employees);
      const edges = pageOf(badges, 100, null).map((badge) => {
        const employee = badge.employee_id === null ? undefined : index.get(badge.employee_id);
        return { node: { id: globalId('Badge', badge.id), employee: employee ? { fullName: fullName(employee) } : null } };
      });
      return { badges: { edges } };
    },
  ],
  [
    QUERIES.S4,
    async (lenel, auth) => {
      const [badges, employees] = await Promise.all([lenel.badges(auth), lenel.employees(auth)]);
      const index = byId(employees);
      const byEmployee = new Map<number, LenelBadgeRecord[]>();
      for (const badge of badges) {
        if (badge.employee_id === null) continue;
        const list = byEmployee.get(badge.employee_id);
        if (list) list.push(badge);
        else byEmployee.set(badge.employee_id, [badge]);
      }
      const edges = pageOf(employees, 20, null).map((employee) => ({
        node: {
          id: globalId('Employee', employee.id),
          fullName: fullName(employee),
          badges: (byEmployee.get(employee.id) ?? []).map((badge) => {
            const holder = index.get(badge.employee_id!);
            return { id: globalId('Badge', badge.id), status: badgeStatus(badge.status), employee: holder ? { id: globalId('Employee', holder.id), fullName: fullName(holder) } : null };
          }),
        },
      }));
      return { employees: { edges } };
    },
  ],
  [
    QUERIES.S5,
    async (lenel, auth, variables) => {
      const [badges, employees] = await Promise.all([lenel.badges(auth), lenel.employees(auth)]);
      const index = byId(employees);
      const data: Record<string, unknown> = {};
      for (let i = 0; i < S5_PAGE_COUNT; i++) {
        const edges = pageOf(badges, S5_PAGE_LENGTH, i ? variables[`c${i}`] : null).map((badge) => {
          const employee = badge.employee_id === null ? undefined : index.get(badge.employee_id);
          return {
            node: {
              id: globalId('Badge', badge.id),
              badgeNumber: badge.badge_number,
              status: badgeStatus(badge.status),
              type: badge.type || null,
              employee: employee ? { id: globalId('Employee', employee.id), fullName: fullName(employee), department: employee.department || null } : null,
            },
          };
        });
        data[`p${i}`] = { edges };
      }
      return data;
    },
  ],
  [
    QUERIES.S7,
    async (lenel, auth) => {
      const edges = pageOf(await lenel.badges(auth), 10, null).map((badge) => ({
        node: { id: globalId('Badge', badge.id), badgeNumber: badge.badge_number, status: badgeStatus(badge.status) },
      }));
      return { viewer: peerViewer(auth), badges: { edges } };
    },
  ],
]);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function start(env: NodeJS.ProcessEnv): Promise<Peer> {
  const lenel = new LenelClient(env.LENEL_URL!);
  const server = createServer((req, res) => {
    void (async () => {
      let status = 200;
      let payload: unknown;
      try {
        const { query, variables } = JSON.parse(await readBody(req)) as { query: string; variables?: Variables };
        const handler = HANDLERS.get(query);
        if (!handler) {
          status = 400;
          payload = { errors: [{ message: 'The limit only knows the benchmark scenarios.' }] };
        } else {
          payload = { data: await handler(lenel, req.headers.authorization, variables ?? {}) };
        }
      } catch {
        status = 502;
        payload = { errors: [{ message: 'failed' }] };
      }
      const body = JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lenel.close();
    },
  };
}
