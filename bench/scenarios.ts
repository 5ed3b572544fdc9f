/**
 * The benchmark's scenarios: one GraphQL query each, sent unchanged to every contestant. The limit
 * dispatches on the query text, so parameters travel as variables.
 */
import { cursorOf } from './peers/shape.js';

/** The emulator's site: exactly 1,000 badges (S5 reads all of them as ten pages) over 300 cardholders. */
export const SITE = { badges: 1_000, employees: 300 } as const;

/** An assigned badge of the generated site (every tenth badge is unassigned). */
export const S2_BADGE_ID = '123';

const S5_PAGES = 10;
const S5_PAGE_SIZE = 100;

export const QUERIES = {
  S1: '{ __typename }',
  S2: 'query S2($id: ID!) { badge(id: $id) { id badgeNumber status statusCode statusName type activatedAt deactivatedAt lastChangedAt employee { id fullName email department } } }',
  S3: '{ badges(first: 100) { edges { node { id employee { fullName } } } } }',
  S4: '{ employees(first: 20) { edges { node { id fullName badges { id status employee { id fullName } } } } } }',
  // Inline selections: GraphQL Armor's cost estimate charges a fragment spread more than the same fields inline.
  S5: [
    `query S5(${range(1, S5_PAGES).map((i) => `$c${i}: String!`).join(', ')}) {`,
    ...range(0, S5_PAGES).map(
      (i) => `  p${i}: badges(first: ${S5_PAGE_SIZE}${i ? `, after: $c${i}` : ''}) { edges { node { id badgeNumber status type employee { id fullName department } } } }`,
    ),
    '}',
  ].join('\n'),
  S7: '{ viewer { signedIn accounts { upstream } } badges(first: 10) { edges { node { id badgeNumber status } } } }',
} as const;

export const S5_PAGE_COUNT = S5_PAGES;
export const S5_PAGE_LENGTH = S5_PAGE_SIZE;

export interface Scenario {
  id: string;
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Open-loop load at a fixed rate (latency without coordinated omission) instead of closed-loop throughput. */
  fixedRate?: boolean;
  /** Emulator latency on every /api/ call while the scenario runs. */
  latencyMs?: number;
}

/** `cursors[i]` is the `after` cursor of S5's page i+1 (the id of badge 100·(i+1)), taken from Gatehouse. */
export function scenarios(cursors: string[]): Scenario[] {
  return [
    { id: 'S1', title: '{ __typename }', query: QUERIES.S1 },
    { id: 'S2', title: `badge(id: ${S2_BADGE_ID}) with its employee`, query: QUERIES.S2, variables: { id: S2_BADGE_ID } },
    { id: 'S3', title: 'badges(first: 100) { id employee { fullName } }', query: QUERIES.S3 },
    { id: 'S4', title: 'employees(first: 20) → badges → employee', query: QUERIES.S4 },
    {
      id: 'S5',
      title: `1,000 badges with employees (${S5_PAGES} aliased pages of ${S5_PAGE_SIZE})`,
      query: QUERIES.S5,
      variables: Object.fromEntries(cursors.map((cursor, i) => [`c${i + 1}`, cursor])),
    },
    { id: 'S6', title: 'S3 at a fixed rate, lenel latency 10 ms', query: QUERIES.S3, fixedRate: true, latencyMs: 10 },
    { id: 'S7', title: 'viewer + badges(first: 10) through session and shield', query: QUERIES.S7 },
  ];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** S5's `after` cursors as the peers spell them (`base64url("Badge:<id>")`), for when Gatehouse's own are not at hand. */
export const fallbackS5Cursors = (): string[] => Array.from({ length: S5_PAGE_COUNT - 1 }, (_, i) => cursorOf('Badge', (i + 1) * S5_PAGE_LENGTH));

/** One scenario by id (`S3`), with the fallback S5 cursors; an unknown id is a clear error. */
export function scenarioById(id: string | undefined): Scenario {
  const scenario = scenarios(fallbackS5Cursors()).find((s) => s.id === id);
  if (!scenario) throw new Error(`unknown scenario ${id}: one of ${scenarios([]).map((s) => s.id).join(', ')}`);
  return scenario;
}
