/**
 * The demo accounts every emulator seeds, in one place so that `npm start` can print them and the
 * emulators agree on who is who (HR e-mails match lenel cardholders in a different case).
 */
export const DEMO_PASSWORD = 'Gatehouse-demo-2026';

export const HR_DEMO_USERS = [
  { id: 1, email: 'ana.garcia@example.com', firstName: 'Ana', lastName: 'García', lenelEmail: 'Ana.Garcia@Example.com' },
  { id: 2, email: 'john.doe@example.com', firstName: 'John', lastName: 'Doe', lenelEmail: 'JOHN.DOE@example.com' },
  { id: 3, email: 'mei.chen@example.com', firstName: 'Mei', lastName: 'Chen', lenelEmail: 'mei.chen@EXAMPLE.com' },
  { id: 4, email: 'omar.haddad@example.com', firstName: 'Omar', lastName: 'Haddad', lenelEmail: null },
] as const;

export const LENEL_DEMO_USERS = [
  { username: 'operator', role: 'operator' },
  { username: 'viewer', role: 'viewer' },
  { username: 'gatehouse-service', role: 'viewer' },
] as const;

export const LENEL_SERVICE_ACCOUNT = { username: 'gatehouse-service', password: DEMO_PASSWORD } as const;

export const FORENSIC_DEMO_USERS = [
  { email: 'admin@oz.example.com', role: 'ADMIN' },
  { email: 'company.admin@oz.example.com', role: 'CLIENT_ADMIN' },
  { email: 'operator@oz.example.com', role: 'OPERATOR' },
] as const;

export const REHIVE_DEMO_COMPANY = 'gatehouse-demo';
/** Base32 TOTP secret of the demo MFA user, shown in the README so a person can add it to an authenticator app. */
export const REHIVE_DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const REHIVE_DEMO_USERS = [
  { email: 'demo@rehive.example.com', username: 'demo', mfa: false },
  { email: 'mfa@rehive.example.com', username: 'mfa-demo', mfa: true },
] as const;
