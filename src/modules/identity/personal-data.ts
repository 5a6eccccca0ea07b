import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { purposeFor, recordDataAccess } from '../../platform/data-access.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { maskCnic, maskEmail, maskMobile } from '../../shared/mask.ts';
import * as repo from './identity.repository.ts';
import type { User } from './identity.schema.ts';

/** Personal identifiers a reveal can show in full. */
export const REVEALABLE = ['cnic', 'mobile', 'email'] as const;
export type Revealable = (typeof REVEALABLE)[number];

/** A user as lists and other people's views show them: CNIC, mobile and email masked. */
export const masked = (u: User): User => ({
  ...u,
  cnic: maskCnic(u.cnic),
  mobile: maskMobile(u.mobile),
  email: maskEmail(u.email) ?? u.email,
});

/**
 * Staff or an auditor see one person's identifiers in full: only the fields asked for, only with
 * a purpose, and the look goes on the person's record of who looked.
 */
export async function revealUser(
  deps: Deps,
  actor: Actor,
  userId: string,
  input: { fields: Revealable[]; purpose?: string | undefined },
): Promise<Partial<Record<Revealable, string | null>>> {
  requireRole(actor, 'program_admin', 'auditor');
  const purpose = purposeFor(actor, input.purpose);
  const user = await repo.findUserById(deps.db, await piiCipher(deps), userId);
  if (!user) throw notFound('User');
  await recordDataAccess(deps.db, deps.clock, actor, {
    subjectUserId: userId,
    fields: [...new Set(input.fields)],
    purpose,
    via: 'reveal',
  });
  return Object.fromEntries(input.fields.map((f) => [f, user[f]]));
}

type AccessRow = {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string;
  organization_name: string | null;
  subject_user_id: string;
  subject_name: string;
  fields: string[];
  purpose: string;
  via: string;
};

const accessQuery = (deps: Deps) =>
  deps.db
    .selectFrom('personal_data_access as a')
    .leftJoin('users as r', 'r.id', 'a.actor_user_id')
    .leftJoin('api_keys as k', 'k.id', 'a.actor_api_key_id')
    .leftJoin('organizations as o', 'o.id', 'k.organization_id')
    .innerJoin('users as s', 's.id', 'a.subject_user_id')
    .select([
      sql<string>`a.id::text`.as('id'),
      'a.at',
      'a.actor_user_id',
      'r.name as actor_name',
      'a.actor_role',
      'o.name as organization_name',
      'a.subject_user_id',
      's.name as subject_name',
      'a.fields',
      'a.purpose',
      'a.via',
    ]);

const toAccess = (r: AccessRow) => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  reader: { userId: r.actor_user_id, name: r.actor_name ?? r.organization_name ?? '—', role: r.actor_role },
  subject: { userId: r.subject_user_id, name: r.subject_name },
  fields: r.fields,
  purpose: r.purpose,
  via: r.via,
});

/** Who looked at my data, newest first. */
export async function myDataAccess(deps: Deps, actor: Actor, page: { limit: number; offset: number }) {
  requireUser(actor);
  const rows = (await accessQuery(deps)
    .where('a.subject_user_id', '=', actor.userId)
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()) as AccessRow[];
  return { items: rows.map(toAccess) };
}

/** The auditor's search of every look: by reader, by person, by time. */
export async function searchDataAccess(
  deps: Deps,
  actor: Actor,
  q: {
    readerId?: string | undefined;
    subjectId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  requireRole(actor, 'auditor');
  if (q.from && q.to && q.from > q.to)
    throw new AppError('validation_failed', 'to: must not be before from', {
      fields: [{ path: 'to', message: 'must not be before from' }],
    });
  let query = accessQuery(deps);
  if (q.readerId) query = query.where('a.actor_user_id', '=', q.readerId);
  if (q.subjectId) query = query.where('a.subject_user_id', '=', q.subjectId);
  if (q.from) query = query.where('a.at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where('a.at', '<', new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000));
  const rows = (await query
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute()) as AccessRow[];
  return { items: rows.map(toAccess) };
}

/** Hours in which one reader looked at unusually many people, unreviewed first. */
export async function dataAccessAlerts(deps: Deps, actor: Actor) {
  requireRole(actor, 'auditor');
  const rows = await deps.db
    .selectFrom('data_access_alerts as al')
    .innerJoin('users as r', 'r.id', 'al.actor_user_id')
    .leftJoin('users as v', 'v.id', 'al.reviewed_by')
    .select([
      'al.id',
      'al.actor_user_id',
      'r.name as actor_name',
      'r.role as actor_role',
      'al.hour_start',
      'al.people',
      'al.raised_at',
      'v.name as reviewer_name',
      'al.reviewed_at',
      'al.review_note',
    ])
    .orderBy(sql`al.reviewed_at IS NOT NULL`)
    .orderBy('al.hour_start', 'desc')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      reader: { userId: r.actor_user_id, name: r.actor_name, role: r.actor_role },
      hourStart: new Date(r.hour_start).toISOString(),
      people: r.people,
      raisedAt: new Date(r.raised_at).toISOString(),
      review: r.reviewed_at
        ? { by: r.reviewer_name, at: new Date(r.reviewed_at).toISOString(), note: r.review_note }
        : null,
    })),
  };
}

/** The auditor closes an alert with what they found. */
export async function reviewDataAccessAlert(deps: Deps, actor: Actor, alertId: string, note: string) {
  requireRole(actor, 'auditor');
  requireUser(actor);
  const now = deps.clock.now();
  const done = await deps.db
    .updateTable('data_access_alerts')
    .set({ reviewed_by: actor.userId, reviewed_at: now, review_note: note })
    .where('id', '=', alertId)
    .where('reviewed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!done) {
    const exists = await deps.db
      .selectFrom('data_access_alerts')
      .select('id')
      .where('id', '=', alertId)
      .executeTakeFirst();
    if (!exists) throw notFound('Alert');
    throw new AppError('invalid_state', 'This alert was already reviewed');
  }
  await recordChange(deps.db, actor, deps.clock, {
    action: 'data_access.alert_reviewed',
    entity: 'data_access_alert',
    entityId: alertId,
    details: { note },
  });
  return { id: alertId, reviewedAt: now.toISOString() };
}
