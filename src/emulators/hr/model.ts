/** The hr backend's choices, as its Django models define them. */
export const GENDERS = ['male', 'female', 'other'] as const;
export const LEAVE_TYPES = ['VACATION', 'SICK_LEAVE', 'PERSONAL', 'UNPAID'] as const;
export const LEAVE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED'] as const;

export type Gender = (typeof GENDERS)[number] | '';
export type LeaveType = (typeof LEAVE_TYPES)[number];
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
