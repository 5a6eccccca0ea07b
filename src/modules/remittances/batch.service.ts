import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { canonicalJson, sha256Hex } from '../../shared/canonical-json.ts';
import { AppError, type FieldIssue, forbidden, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { accountsOf } from './accounts.ts';
import { type AttestationLine, type CandidateLine, type CellPath, checkLines } from './batch-lines.ts';
import { consentStatus, maskIban } from './consent.service.ts';
import { sameHolder } from './holder.ts';
import { remittancesAttested } from './remittances.events.ts';
import {
  batches,
  type ConsentRow,
  consentsForAccounts,
  lineKey,
  type StoredLine,
  storedLines,
  upsertLines,
} from './remittances.repository.ts';
import type { Batch } from './remittances.schema.ts';
import type { RemittanceBatchesTable } from './remittances.table.ts';

type BatchRow = Omit<RemittanceBatchesTable, 'id'> & { id: string; bank_code: string };

export const toBatch = (r: BatchRow, duplicate: boolean, lines: readonly AttestationLine[] = []): Batch => ({
  id: r.id,
  bankCode: r.bank_code,
  source: r.source,
  fileName: r.file_name,
  lineCount: r.line_count,
  newLines: r.new_lines,
  correctedLines: r.corrected_lines,
  unchangedLines: r.unchanged_lines,
  usd: Number(r.usd_minor),
  submittedAt: r.submitted_at.toISOString(),
  duplicate,
  notCounted: lines
    .filter((l) => !l.itExport)
    .map((l) => ({ row: l.row, purposeCode: l.purposeCode, reason: 'not_it_export_code' as const })),
});

export function bankOf(actor: Actor): string {
  requireRole(actor, 'bank_officer');
  if (actor.kind === 'system' || !actor.organizationId)
    throw forbidden('Only a bank’s officer or system submits');
  return actor.organizationId;
}

function refuse(problems: FieldIssue[]): never {
  throw refusal(problems);
}

export function refusal(problems: FieldIssue[]): AppError {
  problems.sort((a, b) => Number(a.params?.row ?? 0) - Number(b.params?.row ?? 0));
  return new AppError(
    'validation_failed',
    `The batch has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was accepted`,
    { fields: problems },
  );
}

/** Whether the consent lets the bank report this line: live, covering its month, its figures in scope. */
export function consentProblems(
  line: AttestationLine,
  consent: ConsentRow | undefined,
  today: string,
  cell: CellPath,
) {
  const at = (column: Parameters<CellPath>[1], message: string, rule: string) => ({
    path: cell(line.row, column),
    message,
    rule,
    params: { row: line.row },
  });
  if (!consent)
    return [at('iban', 'has no consent from its holder for this bank to report', 'remit_no_consent')];
  const status = consentStatus(consent, today);
  if (status !== 'active')
    return [at('iban', `its holder’s consent is ${status.replace('_', ' ')}`, `remit_consent_${status}`)];
  if (line.month < consent.starts_on.slice(0, 7) || line.month > consent.expires_on.slice(0, 7))
    return [at('month', 'is outside the period its holder consented to', 'remit_consent_period')];
  if (!consent.holder_hash)
    return [
      at('iban', 'its holder must renew the consent so the holder can be confirmed', 'remit_consent_renew'),
    ];
  if (!sameHolder(consent.holder_hash, line.holderHash))
    return [
      at(
        'holderHash',
        'does not match the person who consented: the account’s holder at the bank is someone else',
        'remit_holder_mismatch',
      ),
    ];
  const out = [];
  if (line.remittances !== null && !consent.scope.includes('counts'))
    out.push(at('remittances', 'its holder did not consent to counts being reported', 'remit_out_of_scope'));
  if (line.prcRef !== null && !consent.scope.includes('prc'))
    out.push(
      at('prcRef', 'its holder did not consent to PRC references being reported', 'remit_out_of_scope'),
    );
  if (line.retainedUsdMinor !== null && !consent.scope.includes('retention'))
    out.push(
      at('retainedUsd', 'its holder did not consent to the kept/converted split', 'remit_out_of_scope'),
    );
  return out;
}

const sameAs = (l: AttestationLine, s: StoredLine | undefined) =>
  !!s &&
  Number(s.usd_minor) === l.usdMinor &&
  s.remittances === l.remittances &&
  (s.retained_usd_minor === null ? null : Number(s.retained_usd_minor)) === l.retainedUsdMinor &&
  (s.converted_usd_minor === null ? null : Number(s.converted_usd_minor)) === l.convertedUsdMinor &&
  s.prc_ref === l.prcRef;

/**
 * A bank's batch of attested remittances, from its system (JSON) or a file (CSV): every line is
 * checked and matched to a consenting freelancer, then all are kept or none. The same lines sent
 * again are the batch already kept (nothing counted twice); a line for an account, month and
 * purpose code already attested corrects it.
 */
export async function submitBatch(
  deps: Deps,
  actor: Actor,
  input: {
    source: 'api' | 'csv';
    fileName?: string | undefined;
    candidates: CandidateLine[];
    problems: FieldIssue[];
    cell: CellPath;
  },
): Promise<Batch> {
  const bankId = bankOf(actor);
  const now = deps.clock.now();
  const today = karachiDate(now);
  const { lines, problems } = checkLines(input.candidates, input.cell, today.slice(0, 7));
  if (input.problems.length || problems.length) refuse([...input.problems, ...problems]);
  const canonical = lines
    .map(({ row: _row, ...l }) => l)
    .sort((a, b) => lineKey(a).localeCompare(lineKey(b)));
  const hash = sha256Hex(canonicalJson(canonical));
  const ibans = [...new Set(lines.map((l) => l.iban))];
  // IBANs are sealed: the bank's lines find their accounts by blind index (decision 0060).
  const ibanOf = new Map([...(await accountsOf(deps, bankId, ibans))].map(([iban, id]) => [id, iban]));
  const found = await consentsForAccounts(deps.db, bankId, [...ibanOf.keys()]);
  const consentOf = new Map<string, ConsentRow>();
  for (const c of found) {
    const iban = ibanOf.get(c.account_id)!;
    if (!consentOf.has(iban)) consentOf.set(iban, c);
  }
  const refused = lines.flatMap((l) => consentProblems(l, consentOf.get(l.iban), today, input.cell));
  if (refused.length) {
    const error = refusal(refused);
    const rows = new Set(refused.filter((p) => p.rule === 'remit_holder_mismatch').map((p) => p.params?.row));
    mismatchesOf.set(
      error,
      lines.filter((l) => rows.has(l.row)).map((l) => ({ line: l, consent: consentOf.get(l.iban)!, bankId })),
    );
    throw error;
  }
  return inTransaction(deps.db, async (trx) => {
    const before = await storedLines(trx, bankId, ibanOf);
    const changed = lines.filter((l) => !sameAs(l, before.get(lineKey(l))));
    // Nothing would change: the same lines sent again. A batch holding exactly these lines is
    // the answer (nothing counted twice); lines equal to an earlier batch's but not to what is
    // kept now are a correction back to them, and go on below.
    if (changed.length === 0) {
      const earlier = await trx
        .selectFrom('remittance_batches')
        .select('id')
        .where('bank_id', '=', bankId)
        .where('content_sha256', '=', hash)
        .orderBy('submitted_at', 'desc')
        .executeTakeFirst();
      if (earlier) return toBatch(await batchRow(trx, bankId, { id: earlier.id }), true, lines);
    }
    const replaced = changed.flatMap((l) => before.get(lineKey(l)) ?? []);
    const corrected = replaced.length;
    const inserted = await trx
      .insertInto('remittance_batches')
      .values({
        bank_id: bankId,
        source: input.source,
        file_name: input.fileName ?? null,
        content_sha256: hash,
        line_count: lines.length,
        new_lines: changed.length - corrected,
        corrected_lines: corrected,
        unchanged_lines: lines.length - changed.length,
        usd_minor: lines.reduce((s, l) => s + l.usdMinor, 0),
        submitted_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const matched = changed.map((l) => {
      const c = consentOf.get(l.iban)!;
      return { ...l, freelancerId: c.freelancer_id, consentId: c.id, accountId: c.account_id };
    });
    await upsertLines(trx, bankId, inserted.id, now, matched, replaced);
    const batch = toBatch(await batchRow(trx, bankId, { id: inserted.id }), false, lines);
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_batch.accepted',
      entity: 'remittance_batch',
      entityId: batch.id,
      // Never a full IBAN or a holder hash in the audit log: the account's bank and last digits.
      after: {
        ...batch,
        lines: canonical.map(({ iban, holderHash: _h, ...l }) => ({ ...l, account: maskIban(iban) })),
      },
      details: { lines: batch.lineCount, corrected: batch.correctedLines },
    });
    await emitEvent(
      trx,
      deps,
      remittancesAttested,
      {
        batchId: batch.id,
        bankId,
        months: [...new Set(lines.map((l) => l.month))].sort(),
        lineCount: batch.lineCount,
        newLines: batch.newLines,
        correctedLines: batch.correctedLines,
        freelancerIds: [...new Set(matched.map((l) => l.freelancerId))],
      },
      actor,
    );
    return batch;
  });
}

export type Mismatch = { line: AttestationLine; consent: ConsentRow; bankId: string };
/** The lines of a refused batch whose holder did not match, kept with the error that refused it. */
const mismatchesOf = new WeakMap<object, Mismatch[]>();
/** Keeps the holder mismatches that made `error` refuse a batch, for `reportingMismatches`. */
export const rememberMismatches = (error: object, found: Mismatch[]) => mismatchesOf.set(error, found);

/**
 * Runs a batch's submission; when it is refused because an account's holder is not the person who
 * consented, reports that after the refusal has rolled everything else back: staff see it, and the
 * audit log records it (the account masked), so a typed-in IBAN that is someone else's is noticed
 * rather than silently dropped.
 */
export async function reportingMismatches<T>(deps: Deps, actor: Actor, submit: () => Promise<T>): Promise<T> {
  try {
    return await submit();
  } catch (error) {
    const bad = typeof error === 'object' && error ? mismatchesOf.get(error) : undefined;
    if (bad?.length) {
      const now = deps.clock.now();
      await inTransaction(deps.db, async (trx) => {
        await trx
          .insertInto('remittance_holder_mismatches')
          .values(
            bad.map((m) => ({
              bank_id: m.bankId,
              consent_id: m.consent.id,
              freelancer_id: m.consent.freelancer_id,
              month: `${m.line.month}-01`,
              reported_at: now,
            })),
          )
          .execute();
        for (const m of bad)
          await recordChange(trx, actor, deps.clock, {
            action: 'remittance_line.holder_mismatch',
            entity: 'remittance_consent',
            entityId: m.consent.id,
            details: { account: maskIban(m.line.iban), month: m.line.month },
          });
      });
    }
    throw error;
  }
}

export async function batchRow(
  db: Deps['db'],
  bankId: string,
  by: { id?: string; hash?: string },
): Promise<BatchRow> {
  let q = batches(db).where('b.bank_id', '=', bankId);
  if (by.id) q = q.where('b.id', '=', by.id);
  if (by.hash) q = q.where('b.content_sha256', '=', by.hash);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('Batch');
  return row;
}

/** A bank sees its own batches only; staff see every bank's. */
export async function listBatches(deps: Deps, actor: Actor): Promise<Batch[]> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  let q = batches(deps.db).orderBy('b.submitted_at', 'desc').limit(200);
  if (actor.kind !== 'system' && actor.role === 'bank_officer') q = q.where('b.bank_id', '=', bankOf(actor));
  return (await q.execute()).map((r) => toBatch(r, false));
}
