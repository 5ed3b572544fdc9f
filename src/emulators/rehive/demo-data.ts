/** Fixed ids so demo sessions and logs read the same on every start. */
export const REHIVE_DEMO_USER_IDS = ['5d7c1a9e-2f43-4b8a-9c61-000000000001', '5d7c1a9e-2f43-4b8a-9c61-000000000002'] as const;
export const REHIVE_DEMO_AUTHENTICATOR_ID = '8e2b4f10-6a1d-4c7e-b3a5-000000000001';

export const REHIVE_DEMO_PROFILES = [
  { first_name: 'Demo', last_name: 'User', mobile: '+15550100001' },
  { first_name: 'Mfa', last_name: 'Demo', mobile: '+15550100002' },
];

