import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { canonicalJson, sha256Hex } from '../../shared/canonical-json.ts';
import { AppError, type FieldIssue, forbidden, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { type AttestationLine, type CandidateLine, type CellPath, checkLines } from './batch-lines.ts';
import { consentStatus } from './consent.service.ts';
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

const toBatch = (r: BatchRow, duplicate: boolean): Batch => ({
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
});

function bankOf(actor: Actor): string {
  requireRole(actor, 'bank_officer');
  if (actor.kind === 'system' || !actor.organizationId)
    throw forbidden('Only a bank’s officer or system submits');
  return actor.organizationId;
}

function refuse(problems: FieldIssue[]): never {
  problems.sort((a, b) => Number(a.params?.row ?? 0) - Number(b.params?.row ?? 0));
  throw new AppError(
    'validation_failed',
    `The batch has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was accepted`,
    { fields: problems },
  );
}

/** Whether the consent lets the bank report this line: live, covering its month, its figures in scope. */
function consentProblems(
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
  return inTransaction(deps.db, async (trx) => {
    const earlier = await trx
      .selectFrom('remittance_batches')
      .select('id')
      .where('bank_id', '=', bankId)
      .where('content_sha256', '=', hash)
      .executeTakeFirst();
    if (earlier) return toBatch(await batchRow(trx, bankId, { id: earlier.id }), true);
    const ibans = [...new Set(lines.map((l) => l.iban))];
    const found = await consentsForAccounts(trx, bankId, ibans);
    const consentOf = new Map<string, ConsentRow>();
    for (const c of found) if (!consentOf.has(c.iban)) consentOf.set(c.iban, c);
    const refused = lines.flatMap((l) => consentProblems(l, consentOf.get(l.iban), today, input.cell));
    if (refused.length) refuse(refused);
    const before = await storedLines(trx, bankId, ibans);
    const changed = lines.filter((l) => !sameAs(l, before.get(lineKey(l))));
    const corrected = changed.filter((l) => before.has(lineKey(l))).length;
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
      .onConflict((oc) => oc.columns(['bank_id', 'content_sha256']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return toBatch(await batchRow(trx, bankId, { hash }), true);
    const matched = changed.map((l) => {
      const c = consentOf.get(l.iban)!;
      return { ...l, freelancerId: c.freelancer_id, consentId: c.id };
    });
    await upsertLines(trx, bankId, inserted.id, now, matched);
    const batch = toBatch(await batchRow(trx, bankId, { id: inserted.id }), false);
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_batch.accepted',
      entity: 'remittance_batch',
      entityId: batch.id,
      after: { ...batch, lines: canonical },
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

async function batchRow(
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
