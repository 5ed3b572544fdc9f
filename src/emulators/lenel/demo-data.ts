import { HR_DEMO_USERS } from '../demo-logins.js';
import { defaultBadgeNumber, defaultEmployeeNumber, drfDate, type Badge, type Employee } from './model.js';

/**
 * The demo site: 36 cardholders and 60 badges. Ids are positions in these tables (1-based).
 * The HR demo users are cardholders here with the e-mail case HR_DEMO_USERS gives as `lenelEmail`
 * (Omar Haddad has no e-mail on the badge system). Every status of the site appears, some badges
 * are unassigned, and no cardholder has more than 2 active badges (John Doe, #6, has exactly 2 plus
 * an inactive one, so activating badge 39 shows the limit error).
 */

/** Records of the demo site that demos and tests refer to. */
export const LENEL_DEMO_IDS = {
  employees: { anaGarcia: 5, johnDoe: 6, meiChen: 7, omarHaddad: 8 },
  badges: {
    /** Ana García's inactive temporary badge: activating it succeeds. */
    activatable: 37,
    /** John Doe's inactive visitor badge: activating it hits the limit of 2 active badges. */
    overLimit: 39,
    /** An active, unassigned visitor badge. */
    unassignedActive: 56,
    /** A badge in the site-specific status 7 "Suspended". */
    suspended: 33,
  },
} as const;

const hrEmail = (id: number): string | null => HR_DEMO_USERS.find((u) => u.id === id)!.lenelEmail;

// [first, middle, last, department, title, email override (undefined = first.last@example.com)]
type EmployeeRow = [string, string, string, string, string, (string | null)?];

const EMPLOYEES: EmployeeRow[] = [
  ['Lucas', '', 'Martin', 'Security', 'Security Supervisor'],
  ['Sofia', '', 'Rossi', 'Facilities', 'Facilities Manager'],
  ['Kwame', '', 'Mensah', 'IT', 'Network Engineer'],
  ['Priya', '', 'Natarajan', 'Finance', 'Accountant'],
  ['Ana', '', 'García', 'Security', 'Guard', hrEmail(1)],
  ['John', 'Michael', 'Doe', 'Operations', 'Shift Lead', hrEmail(2)],
  ['Mei', '', 'Chen', 'Research', 'Lab Technician', hrEmail(3)],
  ['Omar', '', 'Haddad', 'Logistics', 'Driver', hrEmail(4)],
  ['Elena', '', 'Petrova', 'Human Resources', 'HR Specialist'],
  ['Tomás', '', 'Álvarez', 'Security', 'Guard'],
  ['Fatima', 'Zahra', 'Benali', 'Legal', 'Counsel'],
  ['Hiroshi', '', 'Tanaka', 'Engineering', 'Mechanical Engineer'],
  ['Grace', '', "O'Connor", 'Reception', 'Receptionist'],
  ['Mateo', '', 'Fernández', 'Operations', 'Operator'],
  ['Aisha', '', 'Bello', 'Research', 'Scientist'],
  ['Jan', '', 'Kowalski', 'Maintenance', 'Technician', ''],
  ['Chloé', '', 'Dubois', 'Marketing', 'Designer'],
  ['Ravi', '', 'Kumar', 'IT', 'Systems Administrator'],
  ['Ingrid', '', 'Johansson', 'Finance', 'Controller'],
  ['Diego', '', 'Silva', 'Logistics', 'Warehouse Clerk'],
  ['Nadia', '', 'Rahman', 'Engineering', 'Electrical Engineer'],
  ['Liam', '', 'Walsh', 'Security', 'Control Room Operator'],
  ['Yuki', '', 'Sato', 'Research', 'Intern'],
  ['Carlos', '', 'Mendes', 'Facilities', 'Cleaner', null],
  ['Olga', '', 'Ivanova', 'Operations', 'Planner'],
  ['Samuel', '', 'Okafor', 'Maintenance', 'Electrician'],
  ['Emma', '', 'Schmidt', 'Human Resources', 'Recruiter'],
  ['Ahmed', '', 'Karim', 'Logistics', 'Dock Supervisor'],
  ['Lucía', '', 'Romero', 'Legal', 'Paralegal'],
  ['Noah', '', 'Cohen', 'Engineering', 'Project Manager'],
  ['Zanele', '', 'Dlamini', 'Health & Safety', 'Safety Officer'],
  ['Pierre', '', 'Lefèvre', 'Executive', 'Site Director'],
  ['Marta', '', 'Nowak', 'Reception', 'Visitor Coordinator', ''],
  ['Ethan', '', 'Brooks', 'IT', 'Help Desk Analyst', null],
  ['Leila', '', 'Haddad', 'Research', 'Chemist'],
  ['Ana', '', 'Souza', 'Finance', 'Analyst'],
];

// [employee id or null (unassigned), status, type]
type BadgeRow = [number | null, number, 'Permanent' | 'Temporary' | 'Visitor'];

/** One permanent badge per cardholder (ids 1–36), mostly active, then reissues, temporaries and visitor cards. */
const PERMANENT_STATUS: Record<number, number> = { 8: 4, 16: 2, 20: 4, 24: 3, 29: 5, 33: 7 };

const EXTRA_BADGES: BadgeRow[] = [
  [5, 4, 'Temporary'], // 37: Ana García can activate it (1 active so far)
  [6, 1, 'Temporary'], // 38: John Doe's second active badge
  [6, 4, 'Visitor'], // 39: activating it exceeds John Doe's limit
  [7, 2, 'Temporary'],
  [8, 3, 'Temporary'],
  [16, 1, 'Temporary'], // replaces the lost permanent badge
  [24, 1, 'Permanent'], // reissued after the returned one
  [12, 1, 'Temporary'],
  [3, 5, 'Temporary'],
  [14, 7, 'Temporary'],
  [29, 1, 'Permanent'], // reissued after the destroyed one
  [33, 4, 'Temporary'],
  [18, 4, 'Visitor'],
  [22, 1, 'Temporary'],
  [31, 3, 'Temporary'],
  [35, 4, 'Temporary'],
  [10, 2, 'Temporary'],
  [null, 4, 'Visitor'], // 54–60: the visitor desk's stock
  [null, 4, 'Visitor'],
  [null, 1, 'Visitor'],
  [null, 3, 'Visitor'],
  [null, 2, 'Visitor'],
  [null, 4, 'Temporary'],
  [null, 5, 'Visitor'],
];

const DAY = 86_400_000;
const SITE_OPENED = Date.UTC(2024, 0, 1);

function asciiEmail(first: string, last: string): string {
  const plain = `${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f']/g, '');
  return `${plain.toLowerCase()}@example.com`;
}

export function demoEmployees(): Employee[] {
  return EMPLOYEES.map(([first, middle, last, department, title, email], index) => {
    const id = index + 1;
    return {
      id,
      first_name: first,
      middle_name: middle,
      last_name: last,
      employee_number: defaultEmployeeNumber(id),
      email: email === undefined ? asciiEmail(first, last) : email,
      department,
      title,
      phone: id % 11 === 0 ? '' : `+44 20 7946 0${String(100 + id * 7).padStart(3, '0')}`,
      last_changed: drfDate(SITE_OPENED + (600 + id * 3) * DAY + id * 3_600_000),
    };
  });
}

export function demoBadges(): Badge[] {
  const rows: BadgeRow[] = [
    ...EMPLOYEES.map((_, index): BadgeRow => [index + 1, PERMANENT_STATUS[index + 1] ?? 1, 'Permanent']),
    ...EXTRA_BADGES,
  ];
  return rows.map(([employeeId, status, type], index) => {
    const id = index + 1;
    const activated = SITE_OPENED + (id * 5 % 400) * DAY + 8 * 3_600_000;
    // Visitor-desk stock that was never handed out has never been activated.
    const neverActivated = employeeId === null && status === 4;
    const deactivated = status === 1 || neverActivated ? null : activated + (30 + id * 11 % 300) * DAY;
    return {
      id,
      badge_number: defaultBadgeNumber(id),
      employee_id: employeeId,
      status,
      type,
      activation_date: neverActivated ? null : drfDate(activated),
      deactivation_date: deactivated === null ? null : drfDate(deactivated),
      last_changed: drfDate(deactivated ?? activated),
    };
  });
}
