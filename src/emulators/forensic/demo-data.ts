import { DEMO_PASSWORD, FORENSIC_DEMO_USERS } from '../demo-logins.js';
import type { AnalysisPermissions, ForensicCompany, ForensicUser } from './model.js';

export const FORENSIC_DEMO_COMPANIES = {
  acme: { companyId: '3f6c1a2e-8b4d-4e9a-9c71-0a5d2b7e4f10', name: 'Acme Biometrics' },
  globex: { companyId: '8d2e7b14-5c3a-4f86-a0b9-6e1f3c9d2a57', name: 'Globex Security' },
} as const satisfies Record<string, ForensicCompany>;

/** The service user of the demo: issue it a service token as the admin or the company admin. */
export const FORENSIC_DEMO_SERVICE_USER = { email: 'svc@oz.example.com', role: 'CLIENT_SERVICE' } as const;

export const FORENSIC_DEMO_USER_IDS = {
  'admin@oz.example.com': '5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d701',
  'company.admin@oz.example.com': '5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d702',
  'operator@oz.example.com': '5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d703',
  'svc@oz.example.com': '5b0e9a3c-1d7f-4a26-8e54-c3f9b1a0d704',
} as const;

const NAMES: Record<keyof typeof FORENSIC_DEMO_USER_IDS, [string, string]> = {
  'admin@oz.example.com': ['Ada', 'Admin'],
  'company.admin@oz.example.com': ['Carl', 'Acme'],
  'operator@oz.example.com': ['Olga', 'Operator'],
  'svc@oz.example.com': ['gatehouse', 'service'],
};

const ALL_ANALYSES: AnalysisPermissions = { biometry: true, collection: true, documents: true, quality: true };

export function demoCompanies(): ForensicCompany[] {
  return Object.values(FORENSIC_DEMO_COMPANIES).map((company) => ({ ...company }));
}

/** The shared demo logins plus the service user; Oz staff (ADMIN, OPERATOR) belong to no company. */
export function demoUsers(): ForensicUser[] {
  return [...FORENSIC_DEMO_USERS, FORENSIC_DEMO_SERVICE_USER].map(({ email, role }) => {
    const [firstName, lastName] = NAMES[email];
    return {
      userId: FORENSIC_DEMO_USER_IDS[email],
      email,
      password: DEMO_PASSWORD,
      userType: role,
      companyId: role === 'ADMIN' || role === 'OPERATOR' ? null : FORENSIC_DEMO_COMPANIES.acme.companyId,
      firstName,
      lastName,
      middleName: '',
      isActive: true,
      canStartAnalysis: { ...ALL_ANALYSES },
    };
  });
}
