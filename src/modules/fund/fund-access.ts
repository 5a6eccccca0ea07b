import { type Actor, actorRole } from '../../platform/actor.ts';
import { AppError, forbidden } from '../../shared/errors.ts';

// Who may do what in the fund: staff (programme admins) run it, auditors read it, evaluators sit
// on the committee, and a founder (a registered freelancer or owner) acts for their own startups.

export const isStaff = (actor: Actor) => actor.kind === 'system' || actorRole(actor) === 'program_admin';
export const canReadAll = (actor: Actor) => isStaff(actor) || actorRole(actor) === 'auditor';
export const isCommittee = (actor: Actor) => actorRole(actor) === 'evaluator';

export function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please log in first');
}

export function requireStaff(actor: Actor): void {
  requireSignedIn(actor);
  if (!isStaff(actor)) throw forbidden('Only the fund’s staff (programme admins) can do this');
}

/** The acting person's id, or null for the system (the demo). */
export const actingUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

/** A founder acting for their startup, or staff. */
export function requireOwnerOrStaff(actor: Actor, ownerId: string): void {
  requireSignedIn(actor);
  if (isStaff(actor)) return;
  if (actor.kind === 'user' && actor.userId === ownerId) return;
  throw forbidden('Only the startup’s founder or the fund’s staff can do this');
}

/** A person who can found a startup: a registered freelancer or owner (or staff, for the demo). */
export function requireFounder(actor: Actor): string {
  requireSignedIn(actor);
  const role = actorRole(actor);
  if (actor.kind === 'user' && (role === 'freelancer' || role === 'owner' || role === 'program_admin'))
    return actor.userId;
  if (actor.kind === 'system') throw new AppError('bad_request', 'A startup needs a founder’s account');
  throw forbidden('Register as a freelancer or owner to apply to the fund');
}

/**
 * No one decides, accepts the proof for, or pays a grant to a startup they founded or whose
 * application they submitted: staff who are also founders stand aside like a conflicted member.
 */
export function requireNotOwnGrant(actor: Actor, parties: readonly string[]): void {
  const me = actingUserId(actor);
  if (me && parties.includes(me))
    throw forbidden('You founded or applied for this startup: another member of staff must do this');
}
