import type { Role } from '../api/client';

export const ROLES: readonly Role[] = [
  'freelancer',
  'owner',
  'evaluator',
  'bank_officer',
  'program_admin',
  'auditor',
  'trainer',
];

/** Who may open which staff page; the server checks again, this only shapes the menu. */
export const CAN = {
  manageAccounts: (r: Role) => r === 'program_admin',
  listUsers: (r: Role) => r === 'program_admin' || r === 'auditor',
  readAudit: (r: Role) => r === 'program_admin' || r === 'auditor',
} as const;
