import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { addressKey } from '../../shared/client-address.ts';
import { AppError, type FieldIssue, invalidField, notFound } from '../../shared/errors.ts';
import { maskEmail, maskMobile } from '../../shared/mask.ts';
import { normalizeEmail, normalizeMobile } from '../identity/index.ts';
import { complaintChanged } from './complaints.events.ts';
import type {
  ComplaintAnswer,
  ComplaintInput,
  ComplaintStatusView,
  StaffComplaint,
} from './complaints.schema.ts';
import type { ComplaintStatus, ComplaintsTable } from './complaints.table.ts';

/**
 * Complaints (issue 17): anyone files one about a centre or the programme and gets a reference;
 * staff take it up and answer within the service standard of SERVICE_DAYS; each change is audited
 * and raises `complaints.changed`, from which the person hears (notifications area) by the
 * account they were signed in with, or the email or mobile they left (sealed, decision 0038).
 */
export const SERVICE_DAYS = 7;
/** Caps on filing (issue 17 review): per client address (IPv6 per /64), per contact, per account. */
export const FILING_LIMITS = { perAddressHour: 5, perAddressDay: 20, perContactDay: 3, perAccountDay: 10 };
const DAY_MS = 86_400_000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** `C-` and 8 random characters (40 bits): not a count, so references cannot be walked. */
export function newReference(): string {
  const bytes = randomBytes(5);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return `C-${out}`;
}

type Row = Selectable<ComplaintsTable> & { name_en: string | null; name_ur: string | null };

const rows = (db: Kysely<Database>) =>
  db
    .selectFrom('complaints as k')
    .leftJoin('centers as c', 'c.center_id', 'k.center_id')
    .selectAll('k')
    .select(['c.name_en', 'c.name_ur']);

const isOpen = (s: ComplaintStatus) => s === 'received' || s === 'in_progress';

function toStatus(r: Row, now: Date): ComplaintStatusView {
  return {
    reference: r.reference,
    about: r.about,
    centreName: r.name_en,
    centreNameUr: r.name_ur,
    category: r.category,
    body: r.body,
    status: r.status,
    receivedAt: r.received_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    overdue: isOpen(r.status) ? now > r.due_at : (r.answered_at ?? now) > r.due_at,
    answer: r.answer,
    answeredAt: r.answered_at?.toISOString() ?? null,
  };
}

/** Files a complaint; the anonymous must leave an email or a mobile for the answer. */
export async function fileComplaint(
  deps: Deps,
  actor: Actor,
  input: ComplaintInput,
): Promise<ComplaintStatusView> {
  const issues: FieldIssue[] = [];
  if (input.about === 'centre' && !input.centerId)
    issues.push({
      path: 'centerId',
      message: 'is required for a complaint about a centre',
      rule: 'required',
    });
  let email: string | null = null;
  let mobile: string | null = null;
  if (input.email) {
    email = normalizeEmail(input.email);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      issues.push({ path: 'email', message: 'must be an email address', rule: 'email' });
  }
  if (input.mobile) {
    mobile = normalizeMobile(input.mobile);
    if (!mobile)
      issues.push({
        path: 'mobile',
        message: 'must be a Pakistani mobile, e.g. 0300 1234567',
        rule: 'mobile',
      });
  }
  const signedIn = actor.kind === 'user';
  if (!signedIn && !input.email && !input.mobile)
    issues.push({
      path: 'email',
      message: 'leave an email or a mobile number for the answer',
      rule: 'contact_required',
    });
  if (issues.length)
    throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
      fields: issues,
    });
  const now = deps.clock.now();
  const id = randomUUID();
  const cipher = await piiCipher(deps);
  const contactKind = email ? 'email' : mobile ? 'mobile' : null;
  const contact = email ?? mobile;
  await checkFilingLimits(deps, actor, now, contact ? cipher.blind(contactKind!, contact) : null);
  return inTransaction(deps.db, async (trx) => {
    let province: string | null = null;
    if (input.about === 'centre') {
      const c = await trx
        .selectFrom('centers')
        .select(['province_code', 'status'])
        .where('center_id', '=', input.centerId!)
        .executeTakeFirst();
      if (!c) throw invalidField('centerId', 'no such centre', 'not_found');
      province = c.province_code;
    }
    const reference = newReference();
    await trx
      .insertInto('complaints')
      .values({
        complaint_id: id,
        reference,
        about: input.about,
        center_id: input.about === 'centre' ? input.centerId! : null,
        category: input.category,
        body: input.body,
        user_id: signedIn ? actor.userId : null,
        contact_kind: contactKind,
        contact: contact
          ? cipher.seal('contacts', contact, { table: 'complaints', column: 'contact', id })
          : null,
        locale: input.locale,
        province_code: province,
        status: 'received',
        received_at: now,
        due_at: new Date(now.getTime() + SERVICE_DAYS * DAY_MS),
        answer: null,
        answered_at: null,
        answered_by: null,
        updated_at: now,
      })
      .execute();
    return changed(trx, deps, actor, id, undefined);
  });
}

const tooMany = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'Too many complaints from here; please try again later', {
    retryAfterSeconds,
  });

/** Refuses a filing past the caps: per address (hour, day), per contact left (day), per account (day). */
async function checkFilingLimits(deps: Deps, actor: Actor, now: Date, contactIndex: string | null) {
  const checks: [string, number, number][] =
    actor.kind === 'user'
      ? [[`complaint:user:${actor.userId}`, FILING_LIMITS.perAccountDay, 86_400]]
      : [
          [
            `complaint:ip:${addressKey(actor.kind === 'anonymous' ? actor.ip : undefined)}`,
            FILING_LIMITS.perAddressHour,
            3600,
          ],
          [
            `complaint:ip-day:${addressKey(actor.kind === 'anonymous' ? actor.ip : undefined)}`,
            FILING_LIMITS.perAddressDay,
            86_400,
          ],
        ];
  if (contactIndex) checks.push([`complaint:to:${contactIndex}`, FILING_LIMITS.perContactDay, 86_400]);
  for (const [key, limit, window] of checks) {
    const r = await consumeRateLimit(deps.db, key, limit, window, now);
    if (!r.allowed) throw tooMany(r.retryAfterSeconds);
  }
}

async function changed(
  trx: Kysely<Database>,
  deps: Deps,
  actor: Actor,
  id: string,
  before: ComplaintStatusView | undefined,
): Promise<ComplaintStatusView> {
  const row = await rows(trx).where('k.complaint_id', '=', id).executeTakeFirstOrThrow();
  const view = toStatus(row, deps.clock.now());
  await recordChange(trx, actor, deps.clock, {
    action: before ? `complaint.${row.status}` : 'complaint.filed',
    entity: 'complaint',
    entityId: id,
    // The free text stays out of the permanent log (names and numbers people write there).
    ...(before ? { before: { ...before, body: undefined } } : {}),
    after: { ...view, body: undefined },
    details: { reference: row.reference, status: row.status },
  });
  await emitEvent(
    trx,
    deps,
    complaintChanged,
    { complaintId: id, reference: row.reference, status: row.status, userId: row.user_id },
    actor,
  );
  return view;
}

/** By reference: anyone holding it (the reference is the key; 40 random bits). */
export async function complaintByReference(deps: Deps, reference: string): Promise<ComplaintStatusView> {
  const row = await rows(deps.db).where('k.reference', '=', reference).executeTakeFirst();
  if (!row) throw notFound('Complaint');
  return toStatus(row, deps.clock.now());
}

/** A signed-in person's own complaints, newest first. */
export async function myComplaints(deps: Deps, actor: Actor): Promise<ComplaintStatusView[]> {
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Please log in first');
  const list = await rows(deps.db)
    .where('k.user_id', '=', actor.userId)
    .orderBy('k.received_at', 'desc')
    .limit(100)
    .execute();
  const now = deps.clock.now();
  return list.map((r) => toStatus(r, now));
}

/** Staff's queue: open ones soonest due first (overdue flagged), or those of a status. */
export async function listComplaints(
  deps: Deps,
  actor: Actor,
  q: { status: ComplaintStatus | 'open'; overdue?: boolean; limit: number },
): Promise<StaffComplaint[]> {
  requireRole(actor, 'program_admin', 'auditor');
  const now = deps.clock.now();
  let query = rows(deps.db);
  query =
    q.status === 'open'
      ? query.where('k.status', 'in', ['received', 'in_progress'])
      : query.where('k.status', '=', q.status);
  if (q.overdue === true) query = query.where('k.due_at', '<', now);
  if (q.overdue === false) query = query.where('k.due_at', '>=', now);
  const list = await query
    .orderBy(q.status === 'open' ? 'k.due_at' : 'k.updated_at', q.status === 'open' ? 'asc' : 'desc')
    .limit(q.limit)
    .execute();
  const cipher = await piiCipher(deps);
  return list.map((r) => {
    const contact = r.contact
      ? cipher.open(r.contact, { table: 'complaints', column: 'contact', id: r.complaint_id })
      : null;
    return {
      ...toStatus(r, now),
      id: r.complaint_id,
      centerId: r.center_id,
      provinceCode: r.province_code,
      signedIn: r.user_id !== null,
      contactKind: r.contact_kind,
      contact: r.contact_kind === 'email' ? maskEmail(contact) : maskMobile(contact),
      locale: r.locale,
    };
  });
}

/** Staff take a complaint up, or answer it (resolved or rejected, with the answer the person reads). */
export async function answerComplaint(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ComplaintAnswer,
): Promise<ComplaintStatusView> {
  requireRole(actor, 'program_admin');
  if (input.status !== 'in_progress' && !input.answer)
    throw invalidField('answer', 'is required to resolve or reject a complaint', 'required');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await rows(trx).where('k.complaint_id', '=', id).forUpdate('k').executeTakeFirst();
    if (!row) throw notFound('Complaint');
    if (!isOpen(row.status)) throw new AppError('invalid_state', `This complaint is already ${row.status}`);
    if (input.status === 'in_progress' && row.status === 'in_progress')
      throw new AppError('invalid_state', 'This complaint is already in progress');
    const done = input.status !== 'in_progress';
    await trx
      .updateTable('complaints')
      .set({
        status: input.status,
        updated_at: now,
        ...(done
          ? {
              answer: input.answer!,
              answered_at: now,
              answered_by: actor.kind === 'user' ? actor.userId : null,
            }
          : {}),
      })
      .where('complaint_id', '=', id)
      .execute();
    return changed(trx, deps, actor, id, toStatus(row, now));
  });
}

/** The public figures: counts, overdue, and the median days from filing to answer. */
export async function complaintStats(db: Kysely<Database>, asOf: Date) {
  const r = await db
    .selectFrom('complaints')
    .select([
      sql<number>`count(*)`.as('received'),
      sql<number>`count(*) FILTER (WHERE status IN ('received','in_progress'))`.as('open'),
      sql<number>`count(*) FILTER (WHERE status IN ('received','in_progress') AND due_at < ${asOf})`.as(
        'overdue',
      ),
      sql<number>`count(*) FILTER (WHERE status = 'resolved')`.as('resolved'),
      sql<number>`count(*) FILTER (WHERE status = 'rejected')`.as('rejected'),
      sql<number>`count(*) FILTER (WHERE answered_at IS NOT NULL AND answered_at <= due_at)`.as('within'),
      sql<
        number | null
      >`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - received_at) / 86400)
        FILTER (WHERE answered_at IS NOT NULL AND answered_at > ${asOf}::timestamptz - interval '365 days')`.as(
        'median',
      ),
    ])
    .where('received_at', '<=', asOf)
    .executeTakeFirstOrThrow();
  return {
    received: Number(r.received),
    open: Number(r.open),
    overdue: Number(r.overdue),
    resolved: Number(r.resolved),
    rejected: Number(r.rejected),
    // Whole days, rounded once here: the complaints page and the portal's figure show the same number.
    medianDaysToAnswer: r.median === null ? null : Math.round(Number(r.median)),
    answeredWithinStandard: Number(r.within),
    standardDays: SERVICE_DAYS,
  };
}
