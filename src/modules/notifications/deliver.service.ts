import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import type { ContinuousJob } from '../../jobs/scheduler.ts';
import { retryDelaySeconds } from '../../platform/events/index.ts';
import type { NoticesTable as NoticesColumns } from './notifications.table.ts';

type NoticesTable = Selectable<NoticesColumns>;

import { afterQuietHours, inQuietHours } from './quiet-hours.ts';
import { configuredTransports, type SendOutcome, type Transport } from './transports.ts';

export type DeliverOptions = {
  /** Rows claimed at once and sent side by side (default 50). */
  batch?: number;
  /** At most this many rows per call (default 2,000). */
  limit?: number;
  /** A claimed row not marked within this long is claimed again (a crash mid-send); default 120 s. */
  leaseSeconds?: number;
  /** A notice that failed this many times is dead (default 8). */
  maxAttempts?: number;
  transports?: { email: Transport; sms: Transport };
  /** Tests only: runs after the sends and before they are marked (to simulate a crash there). */
  beforeMark?: () => void | Promise<void>;
};

export type DeliverResult = { sent: number; failed: number; dead: number; deferred: number };

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
  return res.rows;
}

async function markSent(deps: Deps, sent: { n: NoticesTable; ref: string | null; transport: string }[]) {
  if (sent.length === 0) return;
  await sql`
    UPDATE notices AS n SET status = 'sent', sent_at = ${deps.clock.now()}, last_error = NULL,
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
  if (n.channel === 'sms' && !n.one_time_code) next = afterQuietHours(next);
  await deps.db
    .updateTable('notices')
    .set({
      attempts,
      transport,
      last_error: out.permanent ? `refused: ${out.error}` : out.error,
      ...(dead ? { status: 'dead' as const } : { status: 'pending' as const, next_attempt_at: next }),
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
  const batch = opts.batch ?? 50;
  const limit = opts.limit ?? 2000;
  const maxAttempts = opts.maxAttempts ?? 8;
  const out: DeliverResult = { sent: 0, failed: 0, dead: 0, deferred: 0 };
  for (let done = 0; done < limit; ) {
    const rows = await claim(deps, Math.min(batch, limit - done), opts.leaseSeconds ?? 120);
    if (rows.length === 0) break;
    done += rows.length;
    const now = deps.clock.now();
    const quiet = rows.filter((n) => n.channel === 'sms' && !n.one_time_code && inQuietHours(now));
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
    const toSend = rows.filter((n) => !quiet.includes(n));
    const results = await Promise.all(
      toSend.map(async (n) => {
        const t = n.channel === 'email' ? transports.email : transports.sms;
        return { n, t, r: await t.send(deps, n) };
      }),
    );
    await opts.beforeMark?.();
    const sent = results.flatMap(({ n, t, r }) => (r.ok ? [{ n, ref: r.ref, transport: t.name }] : []));
    await markSent(deps, sent);
    out.sent += sent.length;
    for (const { n, t, r } of results) {
      if (r.ok) continue;
      deps.log.warn({ noticeId: n.id, kind: n.kind, channel: n.channel, error: r.error }, 'notice not sent');
      out[await markFailed(deps, n, r, t.name, maxAttempts)] += 1;
    }
  }
  return out;
}

/** The sender as a job in every process (SKIP LOCKED shares the queue). */
export const deliverNoticesJob: ContinuousJob = {
  kind: 'continuous',
  name: 'notifications.deliver',
  everySeconds: 2,
  concurrent: true,
  run: (deps) => deliverNotices(deps),
};
