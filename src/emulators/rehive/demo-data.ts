import { DEMO_PASSWORD, REHIVE_DEMO_COMPANY, REHIVE_DEMO_TOTP_SECRET, REHIVE_DEMO_USERS } from '../demo-logins.js';
import type { RehiveEmulator } from './index.js';

/** Fixed ids so demo sessions and logs read the same on every start. */
export const REHIVE_DEMO_USER_IDS = ['5d7c1a9e-2f43-4b8a-9c61-000000000001', '5d7c1a9e-2f43-4b8a-9c61-000000000002'] as const;
export const REHIVE_DEMO_AUTHENTICATOR_ID = '8e2b4f10-6a1d-4c7e-b3a5-000000000001';

const PROFILES = [
  { first_name: 'Demo', last_name: 'User', mobile: '+15550100001' },
  { first_name: 'Mfa', last_name: 'Demo', mobile: '+15550100002' },
];

/** Company `REHIVE_DEMO_COMPANY` with both demo users, verified; the `mfa` one has a verified TOTP authenticator. */
export function seedDemoData(emulator: RehiveEmulator): void {
  emulator.addCompany(REHIVE_DEMO_COMPANY, 'Gatehouse demo');
  REHIVE_DEMO_USERS.forEach((demo, index) => {
    emulator.addUser({
      id: REHIVE_DEMO_USER_IDS[index],
      email: demo.email,
      username: demo.username,
      company: REHIVE_DEMO_COMPANY,
      password: DEMO_PASSWORD,
      verified: true,
      ...PROFILES[index],
      ...(demo.mfa ? { totpSecret: REHIVE_DEMO_TOTP_SECRET, totpAuthenticatorId: REHIVE_DEMO_AUTHENTICATOR_ID } : {}),
    });
  });
}
