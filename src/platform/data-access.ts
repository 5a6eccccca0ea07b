import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import type { Clock } from '../shared/time.ts';
import { type Actor, actorRole } from './actor.ts';

/**
 * Every look at a person's personal data by someone else is on the record (issue 22,
 * docs/decisions/0050-personal-data-access.md): who, whose, which fields, why, when, through what.
 * The person sees the list; the auditor searches it; one reader looking at many people in an
 * hour raises an alert.
 */
export const ACCESS_PURPOSES = [
  'application_review',
  'loan_servicing',
  'booking_support',
  'booking_refund',
  'training_administration',
  'complaint',
  'fraud_investigation',
  'audit',
  'legal_request',
] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

/** `?purpose=` on reads of another person's data. */
export const PurposeQuerySchema = z.object({
  purpose: z
    .enum(ACCESS_PURPOSES)
    .optional()
    .describe('Why you look at this person’s data (staff must say; an auditor reads for audit)'),
});

/** Records a read of someone else's data through another area's endpoint, with the reader's purpose. */
export async function recordRead(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  read: { subjectUserId: string; fields: string[]; purpose: string | undefined; via: string },
): Promise<void> {
  if (actor.kind === 'user' && actor.userId === read.subjectUserId) return;
  if (actor.kind !== 'user' && actor.kind !== 'api_key') return;
  const purpose = purposeFor(actor, read.purpose);
  await recordDataAccess(db, clock, actor, { ...read, purpose });
}

/** Distinct people one reader may look at within an hour before the auditor is alerted. */
export const ALERT_PEOPLE_PER_HOUR = 100;

/**
 * The purpose a reader gives: staff must choose one; an auditor reads for 'audit' unless they
 * say otherwise. Refuses a missing or unknown purpose with the field named.
 */
export function purposeFor(actor: Actor, given: string | undefined): AccessPurpose {
  if (given !== undefined) {
    if (!(ACCESS_PURPOSES as readonly string[]).includes(given))
      throw new AppError('validation_failed', `purpose: must be one of ${ACCESS_PURPOSES.join(', ')}`, {
        fields: [{ path: 'purpose', message: `must be one of ${ACCESS_PURPOSES.join(', ')}` }],
      });
    return given as AccessPurpose;
  }
  if (actorRole(actor) === 'auditor' || actor.kind === 'system') return 'audit';
  throw new AppError('validation_failed', 'purpose: say why you are looking at this person’s data', {
    fields: [{ path: 'purpose', message: 'is required: say why you are looking at this person’s data' }],
  });
}

/** Records one look (nothing when the reader is the person, or the system). */
export async function recordDataAccess(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  look: { subjectUserId: string; fields: string[]; purpose: AccessPurpose; via: string },
): Promise<void> {
  if (actor.kind !== 'user' && actor.kind !== 'api_key') return;
  if (actor.kind === 'user' && actor.userId === look.subjectUserId) return;
  const at = clock.now();
  await db
    .insertInto('personal_data_access')
    .values({
      at,
      actor_user_id: actor.kind === 'user' ? actor.userId : null,
      actor_api_key_id: actor.kind === 'api_key' ? actor.apiKeyId : null,
      actor_role: actor.role,
      subject_user_id: look.subjectUserId,
      fields: look.fields,
      purpose: look.purpose,
      via: look.via,
    })
    .execute();
  if (actor.kind === 'user') await alertOnVolume(db, at, actor.userId);
}

/** Raises (once per reader and hour) an alert when a reader has looked at many people this hour. */
async function alertOnVolume(db: Kysely<Database>, at: Date, actorUserId: string) {
  const hourStart = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
  const { people } = await db
    .selectFrom('personal_data_access')
    .select(sql<number>`count(DISTINCT subject_user_id)::int`.as('people'))
    .where('actor_user_id', '=', actorUserId)
    .where('at', '>=', hourStart)
    .executeTakeFirstOrThrow();
  if (people < ALERT_PEOPLE_PER_HOUR) return;
  await db
    .insertInto('data_access_alerts')
    .values({ actor_user_id: actorUserId, hour_start: hourStart, people, raised_at: at })
    .onConflict((oc) => oc.columns(['actor_user_id', 'hour_start']).doUpdateSet({ people }))
    .execute();
}

/**
 * Records one reader's look at many people at once (a roster, a CSV export with personal fields):
 * one entry per person, in one statement, then one volume check. Nothing for the people themselves
 * or the system; a reader says why unless the read is their role's own task (`implied`).
 */
export async function recordReads(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  read: { subjectUserIds: readonly string[]; fields: string[]; purpose: string | undefined; via: string },
  implied?: { roles: readonly string[]; purpose: AccessPurpose },
): Promise<void> {
  if (actor.kind !== 'user' && actor.kind !== 'api_key') return;
  const subjects = [...new Set(read.subjectUserIds)].filter(
    (id) => !(actor.kind === 'user' && actor.userId === id),
  );
  if (subjects.length === 0) return;
  // The task's purpose only for the roles whose task it is; anyone else says why (an auditor: audit).
  const purpose =
    read.purpose === undefined && implied?.roles.includes(actorRole(actor) ?? '')
      ? implied.purpose
      : purposeFor(actor, read.purpose);
  const at = clock.now();
  for (let i = 0; i < subjects.length; i += 1000)
    await db
      .insertInto('personal_data_access')
      .values(
        subjects.slice(i, i + 1000).map((subject) => ({
          at,
          actor_user_id: actor.kind === 'user' ? actor.userId : null,
          actor_api_key_id: actor.kind === 'api_key' ? actor.apiKeyId : null,
          actor_role: actor.role,
          subject_user_id: subject,
          fields: read.fields,
          purpose,
          via: read.via,
        })),
      )
      .execute();
  if (actor.kind === 'user') await alertOnVolume(db, at, actor.userId);
}
