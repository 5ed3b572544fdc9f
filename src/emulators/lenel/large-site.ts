import { BADGE_TYPES, defaultBadgeNumber, defaultEmployeeNumber, drfDate, STATUS_ACTIVE, STATUS_INACTIVE, type Badge, type Employee } from './model.js';

/** Deterministic bulk data for load tests: a site of the size the contract plans for. */
export interface LargeSiteSpec {
  badges: number;
  employees: number;
  /** Site maximum of active badges per cardholder; the generator never exceeds it. */
  maxActive: number;
  /** First ids to use (the emulator appends after its existing records). */
  firstEmployeeId: number;
  firstBadgeId: number;
}

const FIRST_NAMES = [
  'James', 'Maria', 'Wei', 'Fatima', 'Carlos', 'Anna', 'David', 'Aiko', 'Mohamed', 'Sara',
  'Pedro', 'Olga', 'Samuel', 'Chen', 'Laura', 'Ibrahim', 'Elena', 'Raj', 'Lucia', 'Tom',
  'Ngozi', 'Hans', 'Ines', 'Kenji', 'Zainab', 'Marco', 'Freya', 'Ali', 'Julia', 'Pablo',
];
const LAST_NAMES = [
  'Smith', 'Garcia', 'Wang', 'Khan', 'Silva', 'Müller', 'Rossi', 'Kim', 'Nguyen', 'Lopez',
  'Novak', 'Okoye', 'Jensen', 'Haddad', 'Costa', 'Ivanov', 'Patel', 'Dubois', 'Sato', 'Moreno',
  'Andersen', 'Mensah', 'Kowalski', 'Yilmaz', 'Santos', 'Berg', 'Cohen', 'Reyes', 'Fischer', 'Ali',
];
const DEPARTMENTS: ReadonlyArray<readonly [string, string]> = [
  ['Security', 'Guard'],
  ['Operations', 'Operator'],
  ['Engineering', 'Engineer'],
  ['Logistics', 'Warehouse Clerk'],
  ['Research', 'Scientist'],
  ['Facilities', 'Technician'],
  ['Finance', 'Analyst'],
  ['IT', 'Support Engineer'],
];
/** Status draw for a generated badge: mostly active, the rest spread over the other statuses. */
const STATUS_WHEEL = [1, 1, 1, 1, 1, 4, 4, 2, 3, 5, 7, 1];

const DAY = 86_400_000;
const SITE_OPENED = Date.UTC(2023, 0, 1);

/** A small linear congruential generator: the same spec always yields the same site. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    // The low bits of an LCG cycle quickly: use the high ones.
    return state >>> 8;
  };
}

export function generateEmployees(spec: LargeSiteSpec): Employee[] {
  const employees: Employee[] = new Array<Employee>(spec.employees);
  for (let i = 0; i < spec.employees; i++) {
    const id = spec.firstEmployeeId + i;
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
    const [department, title] = DEPARTMENTS[i % DEPARTMENTS.length]!;
    employees[i] = {
      id,
      first_name: first,
      middle_name: '',
      last_name: last,
      employee_number: defaultEmployeeNumber(id),
      // Every cardholder gets a unique address; some have none, as on a real site.
      email: i % 17 === 16 ? null : i % 23 === 22 ? '' : `${first}.${last}.${id}@site.example.com`.toLowerCase(),
      department,
      title,
      phone: `+1 555 ${String(1_000_000 + id).slice(-7)}`,
      last_changed: drfDate(SITE_OPENED + (i % 700) * DAY),
    };
  }
  return employees;
}

export function generateBadges(spec: LargeSiteSpec): Badge[] {
  const next = random(spec.badges * 31 + spec.employees);
  const active = new Uint16Array(Math.max(spec.employees, 1));
  const badges: Badge[] = new Array<Badge>(spec.badges);
  for (let i = 0; i < spec.badges; i++) {
    const id = spec.firstBadgeId + i;
    const slot = spec.employees > 0 && i % 10 !== 9 ? i % spec.employees : -1;
    let status = STATUS_WHEEL[next() % STATUS_WHEEL.length]!;
    if (status === STATUS_ACTIVE && slot >= 0) {
      if (active[slot]! >= spec.maxActive) status = STATUS_INACTIVE;
      else active[slot]!++;
    }
    const activated = SITE_OPENED + (next() % 700) * DAY;
    const deactivated = status === STATUS_ACTIVE ? null : activated + ((next() % 90) + 1) * DAY;
    const typeDraw = next() % 10;
    badges[i] = {
      id,
      badge_number: defaultBadgeNumber(id),
      employee_id: slot >= 0 ? spec.firstEmployeeId + slot : null,
      status,
      type: BADGE_TYPES[typeDraw < 7 ? 0 : typeDraw < 9 ? 1 : 2]!,
      activation_date: drfDate(activated),
      deactivation_date: deactivated === null ? null : drfDate(deactivated),
      last_changed: drfDate(deactivated ?? activated),
    };
  }
  return badges;
}
