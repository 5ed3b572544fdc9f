/** `GET /api/badges/` items */
export interface LenelBadgeRecord {
  id: number;
  badge_number: string;
  employee_id: number | null;
  status: number;
  status_name: string;
  type: string | null;
  activation_date: string | null;
  deactivation_date: string | null;
  last_changed: string | null;
}

/** `GET /api/employees/` items */
export interface LenelEmployeeRecord {
  id: number;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  employee_number: string | null;
  email: string | null;
  department: string | null;
  title: string | null;
  phone: string | null;
  last_changed: string | null;
}
