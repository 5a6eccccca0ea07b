import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { maskCnic, maskEmail } from '../../shared/mask.ts';
import { contactIndexes } from '../identity/index.ts';

/**
 * Staff find a trainer by part of their name, or by their whole email, CNIC (with or without
 * dashes) or mobile (exact, through the blind indexes: these are sealed, decision 0038), to assign
 * them to a centre or a cohort without copying ids. At most 20, by name, CNIC and email masked.
 */
export async function searchTrainers(deps: Deps, actor: Actor, q: string) {
  requireRole(actor, 'program_admin');
  const text = q.trim().toLowerCase();
  const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = `%${escapeLike(text)}%`;
  const pii = await piiCipher(deps);
  const exact = text ? contactIndexes(pii, text) : [];
  let query = deps.db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'cnic'])
    .where('role', '=', 'trainer')
    .where('status', '=', 'active');
  if (text)
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', like), ...exact.map(([col, v]) => eb(col, '=', v))]),
    );
  const rows = await query.orderBy('name').limit(20).execute();
  const at = (column: string, id: string) => ({ table: 'users', column, id });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    // Masked like every list (decision 0050): enough to tell two trainers apart, not to use.
    email: maskEmail(pii.open(r.email, at('email', r.id)))!,
    cnic: maskCnic(pii.openMaybe(r.cnic, at('cnic', r.id))),
  }));
}
