import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import type { AppError, FieldIssue } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { accountsOf } from './accounts.ts';
import {
  bankOf,
  batchRow,
  consentProblems,
  type Mismatch,
  refusal,
  rememberMismatches,
  toBatch,
} from './batch.service.ts';
import { type CandidateLine, CSV_HEADER, checkLines, csvCell } from './batch-lines.ts';
import { IdleLimit } from './idle-limit.ts';
import { remittancesAttested } from './remittances.events.ts';
import {
  type ConsentRow,
  consentsForAccounts,
  lineKey,
  storedLines,
  upsertLines,
} from './remittances.repository.ts';
import type { Batch } from './remittances.schema.ts';

/** Lines read, checked and written at a time: memory holds one chunk, whatever the file's size. */
export const FILE_CHUNK = 5000;
const MAX_PROBLEMS = 100;
const orNull = (s: string) => (s === '' ? null : s);

const csvProblem = (err: Error & { lines?: number }): FieldIssue => ({
  path: `csv.row ${err.lines ?? 0}`,
  message: err.message,
  rule: 'remit_csv_malformed',
  params: { row: err.lines ?? 0 },
});

/** Thrown inside the transaction to roll it back when the file is one already kept. */
class SameFile {
  constructor(readonly batchId: string) {}
}

/**
 * A bank's month file of any size, read as a stream (`text/csv`, the batch CSV's header and
 * columns): each chunk of lines is checked as a batch's are (format, consent, holder), repeats
 * across the whole file found by the database (a temporary table of the keys seen), and written in
 * multi-row statements, all in one transaction, so the file is kept whole or not at all. The first
 * 100 problems are reported. The same file again (its bytes' SHA-256) changes nothing and answers
 * with the batch that kept it. A file emits one `remittances.attested` event per chunk it changed,
 * and its audit entry holds the counts and the file's hash, not its lines. A body that stops
 * arriving for the idle limit is refused (`request_timeout`) and rolled back like any failed read.
 */
export async function ingestAttestationFile(
  deps: Deps,
  actor: Actor,
  input: Readable,
  opts: {
    fileName?: string | undefined;
    chunk?: number;
    /** Seconds without a byte before the file is refused (default MARKAZ_UPLOAD_IDLE_SECONDS). */
    idleSeconds?: number;
    /** Runs when the idle limit is reached, before the body is destroyed (the route answers then). */
    onIdle?: (error: AppError) => void;
  } = {},
): Promise<Batch> {
  const bankId = bankOf(actor);
  const chunkSize = opts.chunk ?? FILE_CHUNK;
  const now = deps.clock.now();
  const today = karachiDate(now);
  const hash = createHash('sha256');
  const problems: FieldIssue[] = [];
  const mismatches: Mismatch[] = [];
  const totals = { lines: 0, changed: 0, corrected: 0, usdMinor: 0 };
  const months = new Set<string>();
  // Watched for stalls, hashed and parsed in one pipeline from the first byte: a failure anywhere
  // (the connection dropped, the digest did not match, no byte for the idle limit) destroys every
  // stage with it, so the loop below throws and the transaction rolls back. The pipeline hears a
  // body that failed before this function was called too (a small file is read whole into the
  // digest check while the request's signature checks wait on the database): an 'error' listener
  // added now would not, and the loop would wait for lines that never come, its transaction open.
  const idle = new IdleLimit(opts.idleSeconds ?? deps.config.uploadIdleSeconds, opts.onIdle);
  const hashed = new Transform({
    transform(c: Buffer, _enc, done) {
      hash.update(c);
      done(null, c);
    },
  });
  const parser = pipeline(
    input,
    idle,
    hashed,
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      // A malformed record is a problem of the file, not a failure of the read: the parse goes
      // on, so the body is read to its end and the refusal naming the line reaches the client
      // (a failed stage would destroy the request, and its socket with it). A stray quote holds
      // at most this much of the file.
      skip_records_with_error: true,
      max_record_size: 65_536,
      on_skip: (err) => {
        const e = err as (Error & { code?: string; lines?: number }) | undefined;
        if (e) problems.push(csvProblem(e));
        return undefined;
      },
    }),
    // The loop hears the failure when it reads (the parser is destroyed with it); one that comes
    // before the loop starts or after it stopped must not go unheard and end the process.
    () => {},
  );
  try {
    return await inTransaction(deps.db, async (trx) => {
      await sql`CREATE TEMP TABLE remittance_file_keys (k text PRIMARY KEY) ON COMMIT DROP`.execute(trx);
      const { id: batchId } = await trx
        .insertInto('remittance_batches')
        .values({
          bank_id: bankId,
          source: 'csv',
          file_name: opts.fileName ?? null,
          content_sha256: '0'.repeat(64),
          line_count: 1,
          new_lines: 0,
          corrected_lines: 0,
          unchanged_lines: 0,
          usd_minor: 0,
          submitted_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      const flush = async (candidates: CandidateLine[]) => {
        if (!candidates.length) return;
        const { lines, problems: bad } = checkLines(candidates, csvCell, today.slice(0, 7));
        problems.push(...bad);
        const ibans = [...new Set(lines.map((l) => l.iban))];
        // IBANs are sealed: the lines find their accounts by blind index (decision 0060).
        const accounts = await accountsOf({ db: trx, config: deps.config }, bankId, ibans);
        const ibanOf = new Map([...accounts].map(([iban, id]) => [id, iban]));
        const consentOf = new Map<string, ConsentRow>();
        for (const c of await consentsForAccounts(trx, bankId, [...ibanOf.keys()])) {
          const iban = ibanOf.get(c.account_id)!;
          if (!consentOf.has(iban)) consentOf.set(iban, c);
        }
        const refused = lines.flatMap((l) => consentProblems(l, consentOf.get(l.iban), today, csvCell));
        problems.push(...refused);
        const wrongHolder = new Set(
          refused.filter((p) => p.rule === 'remit_holder_mismatch').map((p) => p.params?.row),
        );
        for (const l of lines)
          if (wrongHolder.has(l.row)) mismatches.push({ line: l, consent: consentOf.get(l.iban)!, bankId });
        // Repeats across chunks: the keys go to the temporary table, and one already there is a repeat.
        const keys = lines.map(lineKey);
        const fresh = new Set(
          keys.length
            ? (
                await sql<{ k: string }>`INSERT INTO remittance_file_keys (k) SELECT unnest(${keys}::text[])
                  ON CONFLICT DO NOTHING RETURNING k`.execute(trx)
              ).rows.map((r) => r.k)
            : [],
        );
        for (const l of lines)
          if (!fresh.has(lineKey(l)))
            problems.push({
              path: csvCell(l.row, 'iban'),
              message: 'repeats an earlier line of the file (same account, month and purpose code)',
              rule: 'remit_duplicate',
              params: { row: l.row },
            });
        totals.lines += lines.length;
        if (problems.length) return; // keep reading for the report; write nothing more
        const before = await storedLines(trx, bankId, ibanOf);
        const sameAs = (l: (typeof lines)[number]) => {
          const s = before.get(lineKey(l));
          return (
            !!s &&
            Number(s.usd_minor) === l.usdMinor &&
            s.remittances === l.remittances &&
            (s.retained_usd_minor === null ? null : Number(s.retained_usd_minor)) === l.retainedUsdMinor &&
            (s.converted_usd_minor === null ? null : Number(s.converted_usd_minor)) === l.convertedUsdMinor &&
            s.prc_ref === l.prcRef
          );
        };
        const changed = lines.filter((l) => !sameAs(l));
        const replaced = changed.flatMap((l) => before.get(lineKey(l)) ?? []);
        const matched = changed.map((l) => {
          const c = consentOf.get(l.iban)!;
          return { ...l, freelancerId: c.freelancer_id, consentId: c.id, accountId: c.account_id };
        });
        await upsertLines(trx, bankId, batchId, now, matched, replaced);
        totals.changed += changed.length;
        totals.corrected += replaced.length;
        for (const l of lines) {
          totals.usdMinor += l.usdMinor;
          months.add(l.month);
        }
        if (changed.length)
          await emitEvent(
            trx,
            deps,
            remittancesAttested,
            {
              batchId,
              bankId,
              months: [...new Set(changed.map((l) => l.month))].sort(),
              lineCount: lines.length,
              newLines: changed.length - replaced.length,
              correctedLines: replaced.length,
              freelancerIds: [...new Set(matched.map((l) => l.freelancerId))],
            },
            actor,
          );
      };

      let header = true;
      let chunk: CandidateLine[] = [];
      idle.release();
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: string[];
          info: { lines: number };
        }>) {
          if (problems.length >= MAX_PROBLEMS) continue;
          if (header) {
            header = false;
            if (record.map((n) => n.toLowerCase()).join(',') !== CSV_HEADER) {
              problems.push({
                path: 'csv.row 1',
                message: `the header must be exactly "${CSV_HEADER}"`,
                rule: 'remit_header',
                params: { row: 1, expected: CSV_HEADER },
              });
            }
            continue;
          }
          const row = info.lines;
          if (record.length !== 9) {
            problems.push({
              path: `csv.row ${row}`,
              message: `has ${record.length} cells, the header 9`,
              rule: 'remit_csv_columns',
              params: { row },
            });
            continue;
          }
          const [month, iban, purposeCode, usd, remittances, retainedUsd, convertedUsd, prcRef, holderHash] =
            record as [string, string, string, string, string, string, string, string, string];
          chunk.push({
            row,
            month,
            iban,
            purposeCode,
            usd,
            remittances: orNull(remittances),
            retainedUsd: orNull(retainedUsd),
            convertedUsd: orNull(convertedUsd),
            prcRef: orNull(prcRef),
            holderHash,
          });
          if (chunk.length >= chunkSize) {
            idle.hold(); // the database is writing: the client waits on us, not we on it
            await flush(chunk);
            chunk = [];
            idle.release();
          }
        }
      } catch (e) {
        idle.hold();
        const err = e as Error & { code?: string; lines?: number };
        if (!err.code?.startsWith('CSV_')) throw e;
        problems.push(csvProblem(err));
      }
      if (!problems.length) await flush(chunk);
      if (!problems.length && totals.lines === 0)
        problems.push({ path: 'csv', message: 'has no lines', rule: 'remit_empty' });
      if (problems.length) {
        const error = refusal(problems.slice(0, MAX_PROBLEMS));
        if (mismatches.length) rememberMismatches(error, mismatches);
        throw error;
      }
      const sha = hash.digest('hex');
      if (totals.changed === 0) {
        const earlier = await trx
          .selectFrom('remittance_batches')
          .select('id')
          .where('bank_id', '=', bankId)
          .where('content_sha256', '=', sha)
          .where('id', '<>', batchId)
          .orderBy('submitted_at', 'desc')
          .executeTakeFirst();
        if (earlier) throw new SameFile(earlier.id);
      }
      await trx
        .updateTable('remittance_batches')
        .set({
          content_sha256: sha,
          line_count: totals.lines,
          new_lines: totals.changed - totals.corrected,
          corrected_lines: totals.corrected,
          unchanged_lines: totals.lines - totals.changed,
          usd_minor: totals.usdMinor,
        })
        .where('id', '=', batchId)
        .execute();
      const batch = toBatch(await batchRow(trx, bankId, { id: batchId }), false);
      await recordChange(trx, actor, deps.clock, {
        action: 'remittance_batch.accepted',
        entity: 'remittance_batch',
        entityId: batchId,
        after: { ...batch, fileSha256: sha, months: [...months].sort() },
        details: { lines: batch.lineCount, corrected: batch.correctedLines, streamed: true },
      });
      return batch;
    });
  } catch (e) {
    if (e instanceof SameFile) return toBatch(await batchRow(deps.db, bankId, { id: e.batchId }), true);
    throw e;
  }
}
