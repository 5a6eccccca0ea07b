import { sql } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole, requireRole, requireUser } from '../../platform/actor.ts';
import { purposeFor, recordReads } from '../../platform/data-access.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { type PiiCipher, piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { canonicalJson, sha256Hex } from '../../shared/canonical-json.ts';
import { AppError, forbidden, invalidField, notFound } from '../../shared/errors.ts';
import { openIban } from './accounts.ts';
import { maskIban } from './consent.service.ts';
import type {
  AnswerDisputeInput,
  Dispute,
  OpenDisputeInput,
  ResolveDisputeInput,
} from './disputes.schema.ts';
import { disputeAnswered, disputeOpened, disputeResolved } from './remittances.events.ts';

type Db = Deps['db'];

export const disputes = (db: Db) =>
  db
    .selectFrom('remittance_disputes as d')
    .innerJoin('organizations as o', 'o.id', 'd.bank_id')
    .innerJoin('remittance_accounts as a', 'a.id', 'd.account_id')
    .selectAll('d')
    .select([
      'a.iban as iban_sealed',
      'o.code as bank_code',
      sql<string>`to_char(d.month, 'YYYY-MM')`.as('month_text'),
    ]);
export type Row = Awaited<ReturnType<ReturnType<typeof disputes>['executeTakeFirstOrThrow']>>;

const DAY = 86_400_000;
export const toDispute = (r: Row, now: Date, fullIban: boolean, pii: PiiCipher): Dispute => {
  const iban = openIban(pii, r.account_id, r.iban_sealed);
  return disputeOf(r, now, fullIban ? iban : maskIban(iban));
};
const disputeOf = (r: Row, now: Date, account: string): Dispute => ({
  id: r.id,
  bankCode: r.bank_code,
  account,
  month: r.month_text,
  purposeCode: r.purpose_code,
  reason: r.reason,
  claimedUsdMinor: r.claimed_usd_minor === null ? null : Number(r.claimed_usd_minor),
  text: r.text,
  attestedUsdMinor: Number(r.attested_usd_minor),
  status: r.status,
  answerText: r.answer_text,
  correctedUsdMinor: r.corrected_usd_minor === null ? null : Number(r.corrected_usd_minor),
  createdAt: r.created_at.toISOString(),
  answeredAt: r.answered_at?.toISOString() ?? null,
  ageDays: Math.floor(((r.answered_at ?? now).getTime() - r.created_at.getTime()) / DAY),
  reminders: r.reminders,
  lastRemindedAt: r.last_reminded_at?.toISOString() ?? null,
  escalationText: r.escalation_text,
  escalatedAt: r.escalated_at?.toISOString() ?? null,
  resolutionText: r.resolution_text,
});

/** A freelancer disputes one line a bank attested for them: the amount, or that it is theirs at all. */
export async function openDispute(deps: Deps, actor: Actor, input: OpenDisputeInput): Promise<Dispute> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  if (input.reason === 'wrong_amount' && (input.claimedUsdMinor ?? null) === null)
    throw invalidField('claimedUsdMinor', 'say what the bank credited, in US cents', 'remit_dispute_claim');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const pii = await piiCipher(deps, trx);
    const line = await trx
      .selectFrom('remittance_attestations')
      .select(['account_id', 'usd_minor'])
      .where('freelancer_id', '=', actor.userId)
      .where('bank_id', '=', input.bankId)
      .where('month', '=', `${input.month}-01`)
      .where('purpose_code', '=', input.purposeCode)
      .executeTakeFirst();
    if (!line)
      throw invalidField(
        'month',
        'no line from this bank for you in this month and code',
        'remit_dispute_line',
      );
    const inserted = await trx
      .insertInto('remittance_disputes')
      .values({
        bank_id: input.bankId,
        account_id: line.account_id,
        month: `${input.month}-01`,
        purpose_code: input.purposeCode,
        freelancer_id: actor.userId,
        reason: input.reason,
        claimed_usd_minor: input.reason === 'wrong_amount' ? (input.claimedUsdMinor ?? null) : null,
        text: input.text,
        attested_usd_minor: line.usd_minor,
        created_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['bank_id', 'account_id', 'month', 'purpose_code'])
          .where('status', '=', 'open')
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new AppError('conflict', 'This line already has an open dispute', {
        fields: [
          { path: 'month', message: 'already disputed, awaiting the bank', rule: 'remit_dispute_open' },
        ],
      });
    const row = await disputes(trx).where('d.id', '=', inserted.id).executeTakeFirstOrThrow();
    const dispute = toDispute(row, now, false, pii);
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_dispute.opened',
      entity: 'remittance_dispute',
      entityId: dispute.id,
      after: dispute,
    });
    await emitEvent(
      trx,
      deps,
      disputeOpened,
      {
        disputeId: dispute.id,
        freelancerId: actor.userId,
        bankId: input.bankId,
        month: input.month,
        reason: input.reason,
      },
      actor,
    );
    return dispute;
  });
}

function bankOf(actor: Actor): string {
  requireRole(actor, 'bank_officer');
  if (actor.kind === 'system' || !actor.organizationId) throw forbidden('Only a bank answers');
  return actor.organizationId;
}

/**
 * The bank answers: it confirms its figure, or corrects it (0 withdraws the line). A correction is
 * recorded as a one-line batch of the bank's, the earlier figure kept as a version, so the record
 * of corrections is the same whether it came by file, by API or by answering a dispute.
 */
export async function answerDispute(
  deps: Deps,
  actor: Actor,
  id: string,
  input: AnswerDisputeInput,
): Promise<Dispute> {
  const bankId = bankOf(actor);
  const corrected = input.decision === 'correct' ? (input.correctedUsdMinor ?? null) : null;
  if (input.decision === 'correct' && corrected === null)
    throw invalidField(
      'correctedUsdMinor',
      'give the corrected figure, in US cents',
      'remit_dispute_correction',
    );
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const pii = await piiCipher(deps, trx);
    const before = await disputes(trx)
      .where('d.id', '=', id)
      .where('d.bank_id', '=', bankId)
      .forUpdate('d')
      .executeTakeFirst();
    if (!before) throw notFound('Dispute');
    if (before.status !== 'open') throw new AppError('invalid_state', 'This dispute is already answered');
    if (corrected !== null) await correctLine(trx, bankId, before, corrected, now);
    await trx
      .updateTable('remittance_disputes')
      .set({
        status: corrected === null ? 'confirmed' : 'corrected',
        answer_text: input.text,
        corrected_usd_minor: corrected,
        answered_by: actor.kind === 'user' ? actor.userId : null,
        answered_at: now,
      })
      .where('id', '=', id)
      .execute();
    const after = toDispute(
      await disputes(trx).where('d.id', '=', id).executeTakeFirstOrThrow(),
      now,
      false,
      pii,
    );
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_dispute.answered',
      entity: 'remittance_dispute',
      entityId: id,
      before: toDispute(before, now, false, pii),
      after,
    });
    await emitEvent(
      trx,
      deps,
      disputeAnswered,
      {
        disputeId: id,
        freelancerId: before.freelancer_id,
        bankId,
        month: before.month_text,
        status: after.status === 'corrected' ? 'corrected' : 'confirmed',
      },
      actor,
    );
    return toDispute(await disputes(trx).where('d.id', '=', id).executeTakeFirstOrThrow(), now, true, pii);
  });
}

/**
 * Programme staff close a dispute the bank has not answered (after phoning the bank, or when the
 * freelancer withdraws it), or one the freelancer escalated after the bank confirmed its figure,
 * with a note both sides read. Staff never change a bank's figure: only the bank corrects its
 * lines, so a resolution leaves the attested line as it is. The note is `resolution_text`; on an
 * unanswered dispute it is the answer too, on an escalated one the bank's answer stays beside it.
 */
export async function resolveDispute(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ResolveDisputeInput,
): Promise<Dispute> {
  requireRole(actor, 'program_admin');
  requireUser(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const pii = await piiCipher(deps, trx);
    const before = await disputes(trx).where('d.id', '=', id).forUpdate('d').executeTakeFirst();
    if (!before) throw notFound('Dispute');
    if (before.status !== 'open' && before.status !== 'escalated')
      throw new AppError('invalid_state', 'This dispute is already answered');
    const done = await trx
      .updateTable('remittance_disputes')
      .set(
        before.status === 'open'
          ? {
              status: 'resolved',
              answer_text: input.text,
              resolution_text: input.text,
              answered_by: actor.userId,
              answered_at: now,
            }
          : { status: 'resolved', resolution_text: input.text },
      )
      .where('id', '=', id)
      .where('status', '=', before.status)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('invalid_state', 'This dispute is already answered');
    const after = toDispute(
      await disputes(trx).where('d.id', '=', id).executeTakeFirstOrThrow(),
      now,
      false,
      pii,
    );
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_dispute.resolved',
      entity: 'remittance_dispute',
      entityId: id,
      before: toDispute(before, now, false, pii),
      after,
    });
    await emitEvent(
      trx,
      deps,
      disputeResolved,
      { disputeId: id, freelancerId: before.freelancer_id, bankId: before.bank_id, month: before.month_text },
      actor,
    );
    return after;
  });
}

async function correctLine(trx: Db, bankId: string, d: Row, usdMinor: number, now: Date) {
  const line = await trx
    .selectFrom('remittance_attestations')
    .selectAll()
    .where('bank_id', '=', bankId)
    .where('account_id', '=', d.account_id)
    .where('month', '=', `${d.month_text}-01`)
    .where('purpose_code', '=', d.purpose_code)
    .executeTakeFirst();
  if (!line) throw new AppError('invalid_state', 'The disputed line is no longer attested');
  const { id: batchId } = await trx
    .insertInto('remittance_batches')
    .values({
      bank_id: bankId,
      source: 'api',
      file_name: `dispute ${d.id}`,
      content_sha256: sha256Hex(canonicalJson({ dispute: d.id, usdMinor })),
      line_count: 1,
      new_lines: 0,
      corrected_lines: 1,
      unchanged_lines: 0,
      usd_minor: usdMinor,
      submitted_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('remittance_attestation_versions')
    .values({
      bank_id: bankId,
      account_id: line.account_id,
      month: `${d.month_text}-01`,
      purpose_code: line.purpose_code,
      revision: line.revision,
      batch_id: line.batch_id,
      usd_minor: line.usd_minor,
      remittances: line.remittances,
      retained_usd_minor: line.retained_usd_minor,
      converted_usd_minor: line.converted_usd_minor,
      prc_ref: line.prc_ref,
      replaced_by: batchId,
      replaced_at: now,
    })
    .execute();
  if (usdMinor === 0)
    await trx
      .deleteFrom('remittance_attestations')
      .where('bank_id', '=', bankId)
      .where('account_id', '=', line.account_id)
      .where('month', '=', `${d.month_text}-01`)
      .where('purpose_code', '=', line.purpose_code)
      .execute();
  else
    await trx
      .updateTable('remittance_attestations')
      .set({
        usd_minor: usdMinor,
        // The kept/converted split no longer adds up to a corrected amount: the bank resends it.
        retained_usd_minor: null,
        converted_usd_minor: null,
        revision: sql`revision + 1`,
        batch_id: batchId,
        updated_at: now,
      })
      .where('bank_id', '=', bankId)
      .where('account_id', '=', line.account_id)
      .where('month', '=', `${d.month_text}-01`)
      .where('purpose_code', '=', line.purpose_code)
      .execute();
}

/** Whose disputes: a freelancer's own, a bank's about its lines, or every one with its age (staff). */
export async function listDisputes(deps: Deps, actor: Actor, given?: string): Promise<Dispute[]> {
  requireRole(actor, 'freelancer', 'bank_officer', 'program_admin', 'auditor');
  // Staff see every freelancer's disputed figures: only with a purpose from the fixed list, and
  // each person shown sees the look on their data-access record (decision 0050).
  const isStaff = actorRole(actor) === 'program_admin' || actorRole(actor) === 'auditor';
  const purpose = isStaff ? purposeFor(actor, given) : undefined;
  const now = deps.clock.now();
  // What waits on someone first: escalated (staff), then open (the bank), then the closed ones.
  let q = disputes(deps.db)
    .orderBy(sql`CASE d.status WHEN 'escalated' THEN 0 WHEN 'open' THEN 1 ELSE 2 END`)
    .orderBy('d.created_at')
    .limit(500);
  if (actor.kind === 'user' && actor.role === 'freelancer') q = q.where('d.freelancer_id', '=', actor.userId);
  const isBank = (actor.kind === 'user' || actor.kind === 'api_key') && actor.role === 'bank_officer';
  if (isBank) q = q.where('d.bank_id', '=', bankOf(actor));
  const pii = await piiCipher(deps);
  const rows = await q.execute();
  if (purpose)
    await recordReads(deps.db, deps.clock, actor, {
      subjectUserIds: rows.map((r) => r.freelancer_id),
      fields: ['earnings_dispute'],
      purpose,
      via: 'remittance_disputes',
    });
  return rows.map((r) => toDispute(r, now, isBank, pii));
}
