import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { chainAndSign } from './audit.service.ts';
import type { Transport } from './audit.witness.ts';

// Helpers for the insider-attack tests (tests only).

/** A witness's transport that talks to a test app in process (tests only). */
export const injectTransport = (t: TestApp): Transport => ({
  get: async (url) => {
    const r = await t.app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json() };
  },
  post: async (url, body) => {
    const r = await t.app.inject({ method: 'POST', url, payload: body as object });
    return { status: r.statusCode, body: r.json() };
  },
});

/** Works as a database superuser would: with every trigger off (session_replication_role = replica). */
export async function asSuperuser(t: TestApp, work: (trx: Kysely<Database>) => Promise<void>) {
  await t.deps.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

/** The rewrite from the issue: edit entry n, un-chain everything from n, drop the tree and heads from n, let the job re-sign. */
export async function rewriteFrom(t: TestApp, n: number) {
  await asSuperuser(t, async (trx) => {
    await sql`UPDATE audit_log SET details = '{"decision":"rejected"}' WHERE chain_seq = ${n}`.execute(trx);
    await sql`UPDATE audit_log SET chain_seq = NULL, prev_hash = NULL, entry_hash = NULL WHERE chain_seq >= ${n}`.execute(
      trx,
    );
    await sql`DELETE FROM audit_tree_nodes WHERE (idx + 1) * (1::bigint << level) > ${n - 1}`.execute(trx);
    await sql`DELETE FROM audit_tree_heads WHERE tree_size >= ${n}`.execute(trx);
    await sql`DELETE FROM audit_checkpoints WHERE chain_seq >= ${n}`.execute(trx);
    await sql`DELETE FROM audit_witness_cosignatures WHERE tree_size >= ${n}`.execute(trx);
  });
  // The background job (or the insider with the key file) re-chains and re-signs.
  await chainAndSign(t.deps);
}
