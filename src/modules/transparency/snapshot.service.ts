import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { signer } from '../../platform/keys/index.ts';
import { canonicalJson, sha256Hex } from '../../shared/canonical-json.ts';
import { notFound } from '../../shared/errors.ts';
import { chainAndSign, latestHead } from '../audit/index.ts';
import { currentFigures, refreshFigures } from './figures.service.ts';
import { listPromises } from './promise.service.ts';

export const SNAPSHOT_GENESIS = '0'.repeat(64);

/**
 * The hash of a day's snapshot: sha256(previous day's hash + "\n" + canonical JSON of the content),
 * canonical JSON being JSON with object keys sorted and no spaces. scripts/verify-snapshots.mjs
 * recomputes it with nothing but Node.
 */
export function snapshotHash(prevHash: string, content: unknown): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(content)}`);
}

/** What a day's signature covers (Ed25519 with the published `snapshots` key). */
export function snapshotMessage(day: string, hash: string): string {
  return `markaz-snapshot/v1\n${day}\n${hash}\n`;
}

/**
 * Takes the public snapshot of a day, once: all public figures, the promise register and the
 * audit log's signed tree head at that moment; the day's hash is signed with the snapshots key. Re-running for a day that exists is a no-op.
 */
export async function takeSnapshot(
  deps: Deps,
  day: string,
): Promise<{ day: string; hash: string; created: boolean }> {
  const existing = await deps.db
    .selectFrom('public_snapshots')
    .select(['day', 'hash'])
    .where('day', '=', day)
    .executeTakeFirst();
  if (existing) return { ...existing, created: false };
  await refreshFigures(deps);
  await chainAndSign(deps);
  const head = await latestHead(deps);
  const key = await signer(deps, 'snapshots');
  const figures = await currentFigures(deps);
  const promises = await listPromises(deps);
  const content = {
    format: 'markaz-public-snapshot/1',
    day,
    takenAt: deps.clock.now().toISOString(),
    figures: Object.fromEntries(
      figures
        .filter((f) => f.available)
        .map((f) => [f.key, { total: f.total, byProvince: f.byProvince, unit: f.unit }]),
    ),
    promises: promises.items.map((p) => ({
      ref: p.ref,
      target: p.target,
      unit: p.unit,
      delivered: p.delivered,
      status: p.status,
      supersededBy: p.supersededBy,
    })),
    // The audit log's signed tree head at this moment: verify-snapshots.mjs checks its signature
    // with the published audit key, tying each day to the log witnesses cosign.
    auditTreeHead: head,
  };
  return deps.db.transaction().execute(async (trx) => {
    // One snapshot chain: serialise writers so two processes cannot fork it.
    await sql`SELECT pg_advisory_xact_lock(7311002)`.execute(trx);
    const again = await trx
      .selectFrom('public_snapshots')
      .select(['day', 'hash'])
      .where('day', '=', day)
      .executeTakeFirst();
    if (again) return { ...again, created: false };
    const prev = await trx
      .selectFrom('public_snapshots')
      .select('hash')
      .where('day', '<', day)
      .orderBy('day', 'desc')
      .limit(1)
      .executeTakeFirst();
    const prevHash = prev?.hash ?? SNAPSHOT_GENESIS;
    const hash = snapshotHash(prevHash, content);
    const signature = await key.sign(snapshotMessage(day, hash));
    await trx
      .insertInto('public_snapshots')
      .values({
        day,
        content: canonicalJson(content),
        hash,
        prev_hash: prevHash,
        created_at: deps.clock.now(),
        key_id: key.keyId,
        signature,
      })
      .execute();
    return { day, hash, created: true };
  });
}

export async function listSnapshots(deps: Deps, limit = 366) {
  const rows = await deps.db
    .selectFrom('public_snapshots')
    .select(['day', 'hash', 'prev_hash', 'created_at'])
    .orderBy('day', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    day: r.day,
    hash: r.hash,
    prevHash: r.prev_hash,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function getSnapshot(deps: Deps, day: string) {
  const r = await deps.db
    .selectFrom('public_snapshots')
    .selectAll()
    .where('day', '=', day)
    .executeTakeFirst();
  if (!r) throw notFound(`Snapshot of ${day}`);
  return {
    day: r.day,
    hash: r.hash,
    prevHash: r.prev_hash,
    createdAt: r.created_at.toISOString(),
    keyId: r.key_id,
    signature: r.signature,
    content: r.content as Record<string, unknown>,
  };
}

/** Recomputes every day's hash and link; names the first day that does not match. */
export async function verifySnapshots(deps: Deps) {
  const rows = await deps.db.selectFrom('public_snapshots').selectAll().orderBy('day').execute();
  let prev = SNAPSHOT_GENESIS;
  let checked = 0;
  for (const r of rows) {
    if (r.prev_hash !== prev)
      return {
        ok: false,
        checkedDays: checked,
        broken: { day: r.day, reason: 'does not link to the day before' },
      };
    if (snapshotHash(prev, r.content) !== r.hash)
      return {
        ok: false,
        checkedDays: checked,
        broken: { day: r.day, reason: 'its content does not match its hash' },
      };
    prev = r.hash;
    checked += 1;
  }
  return { ok: true, checkedDays: checked, broken: null };
}

/** Monthly series of a figure: the last snapshot of each month. */
export async function monthlySeries(deps: Deps, key: string) {
  const rows = await sql<{ month: string; total: string | number | null }>`
    SELECT DISTINCT ON (to_char(day, 'YYYY-MM')) to_char(day, 'YYYY-MM') AS month,
           (content -> 'figures' -> ${key} ->> 'total') AS total
    FROM public_snapshots
    ORDER BY to_char(day, 'YYYY-MM'), day DESC`.execute(deps.db);
  return rows.rows.map((r) => ({
    month: r.month,
    total: r.total === null || r.total === undefined ? null : Number(r.total),
  }));
}

/**
 * Every figure's monthly series at once, for the portal's charts: the last snapshot of each of
 * the last `months` months, each month's totals by figure key (null when not measured then).
 */
export async function allMonthlySeries(deps: Deps, months = 24) {
  const rows = await sql<{
    month: string;
    figures: Record<string, { total: number | string | null }> | null;
  }>`
    SELECT * FROM (
      SELECT DISTINCT ON (to_char(day, 'YYYY-MM')) to_char(day, 'YYYY-MM') AS month,
             content -> 'figures' AS figures
      FROM public_snapshots
      ORDER BY to_char(day, 'YYYY-MM') DESC, day DESC
      LIMIT ${months}
    ) m ORDER BY month`.execute(deps.db);
  return rows.rows.map((r) => ({
    month: r.month,
    totals: Object.fromEntries(
      Object.entries(r.figures ?? {}).map(([k, v]) => [
        k,
        v?.total === null || v?.total === undefined ? null : Number(v.total),
      ]),
    ),
  }));
}
