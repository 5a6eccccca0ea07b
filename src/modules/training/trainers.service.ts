import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';

/**
 * Staff find a trainer by part of their name, email, CNIC (with or without dashes) or mobile, to
 * assign them to a centre or a cohort without copying ids. At most 20, by name.
 */
export async function searchTrainers(deps: Deps, actor: Actor, q: string) {
  requireRole(actor, 'program_admin');
  const text = q.trim().toLowerCase();
  const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = `%${escapeLike(text)}%`;
  const digits = text.replace(/\D/g, '');
  let query = deps.db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'cnic'])
    .where('role', '=', 'trainer')
    .where('status', '=', 'active');
  if (text)
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', like),
        eb(eb.fn('lower', ['email']), 'like', like),
        ...(digits.length >= 4
          ? [
              eb(eb.fn('replace', ['cnic', eb.val('-'), eb.val('')]), 'like', `%${digits}%`),
              eb(eb.fn('replace', ['mobile', eb.val(' '), eb.val('')]), 'like', `%${digits}%`),
            ]
          : []),
      ]),
    );
  const rows = await query.orderBy('name').limit(20).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, cnic: r.cnic }));
}
