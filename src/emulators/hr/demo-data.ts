import { DEMO_PASSWORD, HR_DEMO_USERS } from '../demo-logins.js';
import type { Gender, LeaveStatus, LeaveType } from './model.js';

export interface DemoUser {
  id: number;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  gender: Gender;
  birthDate: string | null;
}

export interface DemoLeaveRequest {
  id: number;
  userId: number;
  start: string;
  end: string;
  description: string;
  type: LeaveType;
  status: LeaveStatus;
  createdAt: string;
}

const PROFILES: Record<number, { gender: Gender; birthDate: string; preferredName: string }> = {
  1: { gender: 'female', birthDate: '1988-03-14', preferredName: '' },
  2: { gender: 'male', birthDate: '1990-05-17', preferredName: 'Johnny' },
  3: { gender: 'female', birthDate: '1993-11-02', preferredName: '' },
  4: { gender: 'male', birthDate: '1985-07-30', preferredName: '' },
};

export const DEMO_USERS: DemoUser[] = HR_DEMO_USERS.map((user) => ({
  id: user.id,
  email: user.email,
  password: DEMO_PASSWORD,
  firstName: user.firstName,
  lastName: user.lastName,
  ...PROFILES[user.id]!,
}));

/** Every user but Omar has every status and every type; ids are stable. */
export const DEMO_LEAVE_REQUESTS: DemoLeaveRequest[] = [
  // Ana García (1)
  { id: 1, userId: 1, start: '2025-08-04T08:00:00Z', end: '2025-08-15T17:00:00Z', description: 'Summer holiday in Asturias.', type: 'VACATION', status: 'APPROVED', createdAt: '2025-06-02T09:14:27.318204Z' },
  { id: 2, userId: 1, start: '2025-11-20T08:00:00Z', end: '2025-11-21T17:00:00Z', description: 'Flu.', type: 'SICK_LEAVE', status: 'APPROVED', createdAt: '2025-11-20T07:02:11.904516Z' },
  { id: 3, userId: 1, start: '2026-02-13T12:00:00Z', end: '2026-02-13T17:00:00Z', description: 'Moving house.', type: 'PERSONAL', status: 'REJECTED', createdAt: '2026-01-28T15:40:02.117390Z' },
  { id: 4, userId: 1, start: '2026-04-06T08:00:00Z', end: '2026-04-10T17:00:00Z', description: 'Easter trip, no longer needed.', type: 'UNPAID', status: 'CANCELLED', createdAt: '2026-02-03T10:25:48.661027Z' },
  { id: 5, userId: 1, start: '2026-12-21T08:00:00Z', end: '2027-01-04T17:00:00Z', description: 'Christmas with family.', type: 'VACATION', status: 'PENDING', createdAt: '2026-03-09T11:03:55.205881Z' },
  // John Doe (2)
  { id: 6, userId: 2, start: '2019-12-02T10:00:00Z', end: '2019-12-03T19:00:00Z', description: 'Gotta chill.', type: 'VACATION', status: 'REJECTED', createdAt: '2019-11-20T08:00:00Z' },
  { id: 7, userId: 2, start: '2025-10-06T08:00:00Z', end: '2025-10-08T17:00:00Z', description: 'Back pain.', type: 'SICK_LEAVE', status: 'APPROVED', createdAt: '2025-10-06T06:45:19.530644Z' },
  { id: 8, userId: 2, start: '2026-03-16T08:00:00Z', end: '2026-03-16T12:00:00Z', description: 'Dentist.', type: 'PERSONAL', status: 'CANCELLED', createdAt: '2026-03-02T13:31:07.008152Z' },
  { id: 9, userId: 2, start: '2026-09-01T08:00:00Z', end: '2026-09-30T17:00:00Z', description: 'Sabbatical month.', type: 'UNPAID', status: 'PENDING', createdAt: '2026-03-10T16:12:40.774309Z' },
  { id: 10, userId: 2, start: '2026-07-20T08:00:00Z', end: '2026-07-31T17:00:00Z', description: 'Beach.', type: 'VACATION', status: 'PENDING', createdAt: '2026-03-11T08:58:21.436918Z' },
  // Mei Chen (3)
  { id: 11, userId: 3, start: '2025-09-12T08:00:00Z', end: '2025-09-12T17:00:00Z', description: 'Graduation ceremony.', type: 'PERSONAL', status: 'APPROVED', createdAt: '2025-08-25T10:05:33.291740Z' },
  { id: 12, userId: 3, start: '2026-01-26T08:00:00Z', end: '2026-02-06T17:00:00Z', description: 'Lunar New Year, moved to later.', type: 'VACATION', status: 'CANCELLED', createdAt: '2025-12-01T09:47:12.580063Z' },
  { id: 13, userId: 3, start: '2026-05-04T08:00:00Z', end: '2026-05-29T17:00:00Z', description: 'Language course.', type: 'UNPAID', status: 'REJECTED', createdAt: '2026-02-17T14:20:45.019377Z' },
  { id: 14, userId: 3, start: '2026-06-15T08:00:00Z', end: '2026-06-16T17:00:00Z', description: 'Minor surgery.', type: 'SICK_LEAVE', status: 'PENDING', createdAt: '2026-03-05T12:09:58.847265Z' },
  // Omar Haddad (4)
  { id: 15, userId: 4, start: '2026-02-09T08:00:00Z', end: '2026-02-10T17:00:00Z', description: '', type: 'SICK_LEAVE', status: 'APPROVED', createdAt: '2026-02-09T07:15:50.651711Z' },
  { id: 16, userId: 4, start: '2026-08-10T08:00:00Z', end: '2026-08-21T17:00:00Z', description: 'Family visit.', type: 'VACATION', status: 'PENDING', createdAt: '2026-03-12T17:44:03.392508Z' },
];
