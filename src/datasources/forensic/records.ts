export type ForensicRole = 'ADMIN' | 'OPERATOR' | 'CLIENT' | 'CLIENT_ADMIN' | 'CLIENT_OPERATOR' | 'CLIENT_SERVICE';

/**
 * A forensic user normalised from either API version (API 5: CLIENT + is_admin/is_service and the
 * `analyse` spellings; API 6: CLIENT_ADMIN/CLIENT_SERVICE and `analysis`).
 */
export interface ForensicUserRecord {
  user_id: string;
  role: ForensicRole;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  middle_name: string | null;
  company_id: string | null;
  is_active: boolean;
  permissions: { biometry: boolean; collection: boolean; documents: boolean; quality: boolean };
}
