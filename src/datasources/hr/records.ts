/** `GET /api/auth/me/` */
export interface HrUserRecord {
  id: number;
  email: string;
  gender: 'male' | 'female' | 'other' | '' | null;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  birth_date: string | null;
}

export type HrLeaveType = 'VACATION' | 'SICK_LEAVE' | 'PERSONAL' | 'UNPAID';
export type HrLeaveStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

/** `/api/leave-requests/` objects */
export interface HrLeaveRequestRecord {
  id: number;
  start: string;
  end: string;
  description: string;
  type: HrLeaveType;
  status: HrLeaveStatus;
  created_at?: string | null;
}
