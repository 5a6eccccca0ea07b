import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { defineHook } from '../../platform/hooks.ts';

/**
 * The enrolments holding a valid (issued, unrevoked) certificate. Certificates belong to the
 * credentials area, which depends on this one (it listens for completions), so it answers through
 * this point in its manifest; the portal's `certified` counts come from it.
 */
export type CertifiedEnrolments = (db: Kysely<Database>) => Promise<string[]>;

export const certifiedEnrolments = defineHook<CertifiedEnrolments>('training.certified-enrolments');

/** Every subscriber's certified enrolments, or null when no area issues certificates. */
export async function findCertifiedEnrolments(deps: Pick<Deps, 'areas'>, db: Kysely<Database>) {
  const hooks = deps.areas.hooks(certifiedEnrolments);
  if (hooks.length === 0) return null;
  const ids = new Set<string>();
  for (const h of hooks) for (const id of await h(db)) ids.add(id);
  return [...ids];
}
