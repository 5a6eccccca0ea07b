import { AppError } from '../shared/errors.ts';
import type { OrganizationId, UserId } from '../shared/ids.ts';

/** The roles people and bank systems act in; permissions are checked against them in services. */
export const ROLES = [
  'freelancer',
  'owner',
  'evaluator',
  'bank_officer',
  'program_admin',
  'auditor',
  'trainer',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking. Services check permissions against this and the resource, never routes alone. */
export type Actor =
  | { kind: 'anonymous'; requestId?: string; ip?: string }
  | {
      kind: 'user';
      userId: UserId;
      role: Role;
      organizationId: OrganizationId | null;
      requestId?: string;
      ip?: string;
    }
  | {
      kind: 'api_key';
      apiKeyId: string;
      role: 'bank_officer';
      organizationId: OrganizationId;
      requestId?: string;
      ip?: string;
    }
  | { kind: 'system'; name: string; requestId?: string };

export type AuthenticatedActor = Extract<Actor, { kind: 'user' } | { kind: 'api_key' }>;

export const systemActor = (name: string): Actor => ({ kind: 'system', name });
export const anonymousActor: Actor = { kind: 'anonymous' };

export function actorRole(actor: Actor): Role | null {
  return actor.kind === 'user' || actor.kind === 'api_key' ? actor.role : null;
}

/** Throws 401 for the anonymous and 403 for the wrong role; system actors pass. */
export function requireRole(
  actor: Actor,
  ...roles: Role[]
): asserts actor is AuthenticatedActor | Extract<Actor, { kind: 'system' }> {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please log in first');
  if (!roles.includes(actor.role)) {
    throw new AppError('forbidden', `This needs one of the roles: ${roles.join(', ')}`);
  }
}

export function requireUser(actor: Actor): asserts actor is Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Please log in first');
}
