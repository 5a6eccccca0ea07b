import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import type { ContinuousJob } from '../../jobs/scheduler.ts';
import { retryDelaySeconds } from '../../platform/events/index.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { scrubIdentifiers } from '../../shared/mask.ts';
import { bookingsNoLongerConfirmed } from './audience.repository.ts';
import { sendsInQuietHours } from './kinds.ts';
import type { OutgoingNotice as NoticesTable } from './notifications.table.ts';
import { afterQuietHours, inQuietHours } from './quiet-hours.ts';
import { configuredTransports, type SendOutcome, type Transport } from './transports.ts';

export type DeliverOptions = {
  /** Rows claimed at once and sent side by side (default 100). */
  batch?: number;
  /**
   * Claim–send–mark loops running side by side in this process (default 4; always 1 on the embedded
   * PGlite): while one batch waits on the peers, another is being claimed or marked. At most
   * `batch × parallel` sends in flight.
   */
  parallel?: number;
  /** At most this many rows per call (default 10,000). */
  limit?: number;
  /** A claimed row not marked within this long is claimed again (a crash mid-send); default 120 s. */
  leaseSeconds?: number;
  /** A notice that failed this many times is dead (default 8). */
  maxAttempts?: number;
  transports?: { email: Transport; sms: Transport };
  /** Tests only: runs after the sends and before they are marked (to simulate a crash there). */
  beforeMark?: () => void | Promise<void>;
};

export type DeliverResult = {
  sent: number;
  failed: number;
  dead: number;
  deferred: number;
  withdrawn: number;
};

/**
 * Claims due email and SMS notices (pending, or sending with an expired lease) with FOR UPDATE
 * SKIP LOCKED, so any number of processes share the queue without taking the same row. The claim
 * commits at once (status 'sending', a lease): no transaction stays open across the network.
 */
async function claim(deps: Deps, batch: number, leaseSeconds: number): Promise<NoticesTable[]> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + leaseSeconds * 1000);
  const res = await sql<NoticesTable>`
    UPDATE notices SET status = 'sending', next_attempt_at = ${lease}
    WHERE id IN (
      SELECT id FROM notices
      WHERE status IN ('pending', 'sending') AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(deps.db);
  // Decrypted at send time, in memory only.
  const pii = await piiCipher(deps);
  return res.rows.map((n) => ({
    ...n,
    address: pii.openMaybe(n.address, { table: 'notices', column: 'address', id: n.id }),
  }));
}

async function markSent(deps: Deps, sent: { n: NoticesTable; ref: string | null; transport: string }[]) {
  if (sent.length === 0) return;
  await sql`
    UPDATE notices AS n SET status = 'sent', sent_at = ${deps.clock.now()}, last_error = NULL, sealed = NULL,
      provider_ref = s.ref, transport = s.transport, attempts = n.attempts + 1
    FROM unnest(${sent.map((s) => s.n.id)}::text[], ${sent.map((s) => s.ref)}::text[],
                ${sent.map((s) => s.transport)}::text[]) AS s(id, ref, transport)
    WHERE n.id = s.id AND n.status = 'sending'`.execute(deps.db);
}

async function markFailed(
  deps: Deps,
  n: NoticesTable,
  out: Extract<SendOutcome, { ok: false }>,
  transport: string,
  maxAttempts: number,
): Promise<'failed' | 'dead'> {
  const attempts = n.attempts + 1;
  const dead = out.permanent || attempts >= maxAttempts;
  let next = new Date(deps.clock.now().getTime() + retryDelaySeconds(attempts) * 1000);
  if (n.channel === 'sms' && !sendsInQuietHours(n.kind)) next = afterQuietHours(next);
  await deps.db
    .updateTable('notices')
    .set({
      attempts,
      transport,
      last_error: scrubIdentifiers(out.permanent ? `refused: ${out.error}` : out.error),
      // A dead notice's code or link is dropped: a retry by staff sends words without a secret.
      ...(dead
        ? { status: 'dead' as const, sealed: null }
        : { status: 'pending' as const, next_attempt_at: next }),
    })
    .where('id', '=', n.id)
    .where('status', '=', 'sending')
    .execute();
  return dead ? 'dead' : 'failed';
}

/**
 * Sends due email and SMS notices through the configured transports until none is due or `limit`
 * were handled. Delivery is at least once (a crash after sending and before marking sends again),
 * and every resend carries the same stable id as Message-ID / client reference, so the peer
 * recognises it. Non-urgent SMS found due in quiet hours wait for 08:00 again.
 */
export async function deliverNotices(deps: Deps, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const transports = opts.transports ?? configuredTransports(deps);
  const batch = opts.batch ?? 100;
  const limit = opts.limit ?? 10_000;
  const maxAttempts = opts.maxAttempts ?? 8;
  const out: DeliverResult = { sent: 0, failed: 0, dead: 0, deferred: 0, withdrawn: 0 };
  let claimed = 0;
  const loop = async () => {
    for (;;) {
      const want = Math.min(batch, limit - claimed);
      if (want <= 0) return;
      claimed += want; // reserved before the await, so that the loops together stay within limit
      const rows = await claim(deps, want, opts.leaseSeconds ?? 120);
      claimed -= want - rows.length;
      if (rows.length === 0) return;
      await sendBatch(deps, rows, transports, maxAttempts, out, opts.beforeMark);
    }
  };
  // Every loop finishes before the call returns (or throws), so no send outlives its caller.
  // One loop on the embedded PGlite: it has one connection, so loops side by side gain nothing,
  // and a loop waiting on a key load or a transaction of another could wait for ever (review).
  const parallel = deps.config.databaseUrl ? (opts.parallel ?? 4) : 1;
  const ends = await Promise.allSettled(Array.from({ length: Math.max(1, parallel) }, loop));
  const failure = ends.find((e) => e.status === 'rejected');
  if (failure) throw failure.reason;
  return out;
}

/** One claimed batch: quiet-hours SMS put back, cancelled reminders withdrawn, the rest sent and marked. */
async function sendBatch(
  deps: Deps,
  rows: NoticesTable[],
  transports: { email: Transport; sms: Transport },
  maxAttempts: number,
  out: DeliverResult,
  beforeMark: DeliverOptions['beforeMark'],
) {
  const now = deps.clock.now();
  const quiet = rows.filter((n) => n.channel === 'sms' && !sendsInQuietHours(n.kind) && inQuietHours(now));
  const quietIds = new Set(quiet.map((n) => n.id));
  if (quiet.length) {
    await deps.db
      .updateTable('notices')
      .set({ status: 'pending', next_attempt_at: afterQuietHours(now) })
      .where(
        'id',
        'in',
        quiet.map((n) => n.id),
      )
      .execute();
    out.deferred += quiet.length;
  }
  const withdrawn = await withdraw(
    deps,
    rows.filter((n) => !quietIds.has(n.id)),
  );
  out.withdrawn += withdrawn.size;
  const toSend = rows.filter((n) => !quietIds.has(n.id) && !withdrawn.has(n.id));
  const results = await Promise.all(
    toSend.map(async (n) => {
      const t = n.channel === 'email' ? transports.email : transports.sms;
      return { n, t, r: await t.send(deps, n) };
    }),
  );
  await beforeMark?.();
  const sent = results.flatMap(({ n, t, r }) => (r.ok ? [{ n, ref: r.ref, transport: t.name }] : []));
  await markSent(deps, sent);
  out.sent += sent.length;
  for (const { n, t, r } of results) {
    if (r.ok) continue;
    deps.log.warn(
      { noticeId: n.id, kind: n.kind, channel: n.channel, error: scrubIdentifiers(r.error) },
      'notice not sent',
    );
    out[await markFailed(deps, n, r, t.name, maxAttempts)] += 1;
  }
}

/**
 * Checked at send time, not only when queued: a booking's reminder whose booking was cancelled
 * since is withdrawn (not sent, and no dead letter either). Returns the ids withdrawn.
 */
async function withdraw(deps: Deps, rows: NoticesTable[]): Promise<Set<string>> {
  const reminders = rows.filter((n) => n.kind === 'booking.reminder' && n.source_key.startsWith('reminder:'));
  const cancelled = await bookingsNoLongerConfirmed(
    deps.db,
    reminders.map((n) => n.source_key.slice('reminder:'.length)),
  );
  const ids = reminders.filter((n) => cancelled.has(n.source_key.slice('reminder:'.length))).map((n) => n.id);
  if (ids.length > 0)
    await deps.db
      .updateTable('notices')
      .set({ status: 'withdrawn', last_error: 'the booking was cancelled before the reminder went' })
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .execute();
  return new Set(ids);
}

/** The sender as a job in every process (SKIP LOCKED shares the queue). */
export const deliverNoticesJob: ContinuousJob = {
  kind: 'continuous',
  name: 'notifications.deliver',
  everySeconds: 2,
  concurrent: true,
  run: (deps) => deliverNotices(deps),
};
