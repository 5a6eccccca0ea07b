// What the audit log costs (issue 18), on PostgreSQL, in one run:
//  1. the write path: a booking-shaped transaction (an INSERT into a GiST exclusion-constrained
//     table) without and with its audit entry (recordChange), alternating in rounds so both see the
//     same machine; and the background chainer's cost per entry (chain, Merkle tree, in batches);
//  2. inclusion proofs at national size: a stored tree of --leaves leaves (default 20 million; every
//     complete subtree stored, as the chainer stores them), p95 of the proof query for random leaves,
//     and of the citizen's lookup by leaf hash.
//   npx tsx bench/audit-log.ts [--leaves 20000000] [--writes 3000]
// Needs PostgreSQL on 127.0.0.1:5432 (user postgres); makes and drops a scratch database.
import '../src/server/app.ts';
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { inclusionProof, leafIndexOf } from '../src/modules/audit/audit.tree.ts';
import { chainAll } from '../src/modules/audit/index.ts';
import { systemActor } from '../src/platform/actor.ts';
import { recordChange } from '../src/platform/record-change.ts';
import { summarize } from './lib/stats.ts';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const LEAVES = arg('--leaves', 20_000_000);
const WRITES = arg('--writes', 3000);
const dbName = `markaz_bench_audit_${process.pid}`;
const psql = (q: string) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-qc', q]);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const clock = { now: () => new Date() };

psql(`CREATE DATABASE ${dbName}`);
const conn = connectPostgres(`postgres://postgres@127.0.0.1:5432/${dbName}`, 4);
const db = conn.db;
try {
  await migrateToLatest(db);
  await sql`CREATE TABLE bench_bookings (seat int NOT NULL, during tstzrange NOT NULL,
    EXCLUDE USING gist (seat WITH =, during WITH &&))`.execute(db);

  // 1. The write path, before and after, alternating rounds of 100.
  const plain: number[] = [];
  const audited: number[] = [];
  let slot = 0;
  const write = async (withAudit: boolean) => {
    const n = slot++;
    const t0 = process.hrtime.bigint();
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO bench_bookings VALUES (${n % 1000},
        tstzrange(now() + ${Math.floor(n / 1000)} * interval '1 hour', now() + (${Math.floor(n / 1000)} + 1) * interval '1 hour'))`.execute(
        trx,
      );
      if (withAudit)
        await recordChange(trx, systemActor('bench'), clock, {
          action: 'booking.created',
          entity: 'booking',
          entityId: String(n),
          after: { seat: n % 1000, hour: Math.floor(n / 1000) },
          details: { seat: n % 1000 },
        });
    });
    (withAudit ? audited : plain).push(ms(t0));
  };
  for (let round = 0; round < WRITES / 200; round++) {
    for (let i = 0; i < 100; i++) await write(false);
    for (let i = 0; i < 100; i++) await write(true);
  }
  const t0 = process.hrtime.bigint();
  const chained = await chainAll({ db } as never);
  const chainMs = ms(t0);
  const p = summarize(plain);
  const a = summarize(audited);
  console.log(
    JSON.stringify({
      writePlainMs: p,
      writeAuditedMs: a,
      addedMeanMs: a.mean - p.mean,
      addedP95Ms: a.p95 - p.p95,
      chainedEntries: chained,
      chainerMsPerEntry: chainMs / chained,
    }),
  );

  // 2. A national-size tree: every complete subtree (level, idx) stored, hashes pseudo-random.
  await sql`TRUNCATE audit_tree_nodes`.execute(db);
  const tb = process.hrtime.bigint();
  for (let level = 0; 2 ** level <= LEAVES; level++) {
    const count = Math.floor(LEAVES / 2 ** level);
    await sql`INSERT INTO audit_tree_nodes (level, idx, hash)
      SELECT ${level}, g, decode(md5(${level}::text || ':' || g) || md5(g || ':' || ${level}::text), 'hex')
        FROM generate_series(0, ${count - 1}::bigint) g`.execute(db);
  }
  await sql`ANALYZE audit_tree_nodes`.execute(db);
  const buildS = ms(tb) / 1000;
  const proofs: number[] = [];
  const lookups: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const idx = Math.floor(Math.random() * LEAVES);
    const t1 = process.hrtime.bigint();
    await inclusionProof(db, idx, LEAVES);
    proofs.push(ms(t1));
    if (i % 4 === 0) {
      const leaf = await sql<{
        hash: Uint8Array;
      }>`SELECT hash FROM audit_tree_nodes WHERE level = 0 AND idx = ${idx}`.execute(db);
      const t2 = process.hrtime.bigint();
      await leafIndexOf(db, Buffer.from(leaf.rows[0]!.hash));
      lookups.push(ms(t2));
    }
  }
  console.log(
    JSON.stringify({
      leaves: LEAVES,
      treeBuildSeconds: buildS,
      proofMs: summarize(proofs),
      byLeafHashMs: summarize(lookups),
    }),
  );
} finally {
  await conn.close();
  psql(`DROP DATABASE IF EXISTS ${dbName}`);
}
