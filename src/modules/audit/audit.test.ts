import { createPublicKey, verify } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import { digest } from '../../shared/canonical-json.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { secondConnection } from '../../testing/test-db.ts';
import { emailIndex, registerUser, setUserStatus } from '../identity/index.ts';
import { chainHash, GENESIS_HASH } from './audit.chain.ts';
import { headMessage } from './audit.heads.ts';
import { CHAIN_LOCK, chainAll } from './audit.service.ts';
import type { AuditLogTable } from './audit.table.ts';
import { verifyChain } from './audit.verify.ts';
import { writeCheckpoint } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // A few changes through the services, each leaving an audit entry.
  for (let i = 0; i < 4; i++) await makeUser(t.deps, i % 2 ? 'owner' : 'freelancer');
});
afterAll(() => t.close());

type Row = AuditLogTable & { id: number };

const allRows = async (): Promise<Row[]> =>
  (await t.deps.db.selectFrom('audit_log').selectAll().orderBy('id').execute()) as Row[];

/**
 * What an attacker with database superuser rights can do: switch the append-only trigger off for
 * one transaction (session_replication_role = replica skips ordinary triggers).
 */
async function asSuperuser(work: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  await t.deps.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

/** Puts audit_log back exactly as it was (ids included), so each tampering test starts clean. */
async function restore(rows: Row[]): Promise<void> {
  await asSuperuser(async (trx) => {
    await sql`DELETE FROM audit_log`.execute(trx);
    for (const r of rows) {
      await sql`INSERT INTO audit_log (id, occurred_at, actor_id, actor_kind, action, entity, entity_id,
          before_digest, after_digest, details, request_id, chain_seq, prev_hash, entry_hash)
        OVERRIDING SYSTEM VALUE
        VALUES (${r.id}, ${r.occurred_at}, ${r.actor_id}, ${r.actor_kind}, ${r.action}, ${r.entity},
          ${r.entity_id}, ${r.before_digest}, ${r.after_digest}, ${JSON.stringify(r.details)}, ${r.request_id},
          ${r.chain_seq}, ${r.prev_hash}, ${r.entry_hash})`.execute(trx);
    }
  });
}

async function countEntries(where: { entity_id?: string } = {}) {
  let q = t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
  if (where.entity_id) q = q.where('entity_id', '=', where.entity_id);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('audit entries are written with the change, in its transaction', () => {
  it('a registration leaves one entry naming the actor, the entity and a digest of the new state', async () => {
    const user = await registerUser(t.deps, systemActor('test'), {
      role: 'freelancer',
      name: 'Audit Subject',
      email: 'subject@audit.pk',
      mobile: '03451234567',
      cnic: '61101-7654321-9',
      password: 'a-long-enough-pass',
    });
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.registered',
      entity: 'user',
      actor_kind: 'system',
      actor_id: null,
      before_digest: null,
      after_digest: digest(user),
      details: { role: 'freelancer', system: 'test' },
      chain_seq: null,
    });
    expect(rows[0]!.occurred_at.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('a change that rolls back leaves neither the change nor its entry', async () => {
    const before = await countEntries();
    const err = await t.deps.db
      .transaction()
      .execute(async (trx) => {
        await registerUser({ ...t.deps, db: trx }, systemActor('test'), {
          role: 'owner',
          name: 'Rolled Back',
          email: 'rolled.back@audit.pk',
          mobile: '03451234568',
          cnic: '61101-7654321-8',
          password: 'a-long-enough-pass',
        });
        // The entry is there inside the transaction…
        const inside = await trx.selectFrom('audit_log').select('id').where('action', '=', 'user.registered');
        expect((await inside.execute()).length).toBeGreaterThan(0);
        throw new Error('something later in the same unit of work failed');
      })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    // …and gone with it.
    expect(await countEntries()).toBe(before);
    const user = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('email_bidx', '=', await emailIndex(t.deps, 'rolled.back@audit.pk'))
      .executeTakeFirst();
    expect(user).toBeUndefined();
  });

  it('a change refused half-way leaves no entry', async () => {
    const before = await countEntries();
    await expect(
      setUserStatus(t.deps, systemActor('test'), '00000000-0000-4000-8000-000000000000', 'disabled'),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await countEntries()).toBe(before);
  });
});

describe('the chain', () => {
  it('chainAll chains every pending entry in order, linking each to the one before', async () => {
    await chainAll(t.deps);
    const rows = await allRows();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    let prev = GENESIS_HASH;
    rows.forEach((row, i) => {
      expect(row.chain_seq).toBe(i + 1);
      expect(row.prev_hash).toBe(prev);
      expect(row.entry_hash).toBe(chainHash(prev, row, i + 1));
      prev = row.entry_hash!;
    });
    const result = await verifyChain(t.deps);
    expect(result).toMatchObject({
      ok: true,
      checkedEntries: rows.length,
      unchainedEntries: 0,
      lastSeq: rows.length,
      lastHash: prev,
      broken: null,
    });
  });

  it('entries written after a round are chained by the next round, continuing the sequence', async () => {
    const head = (await allRows()).at(-1)!;
    await makeUser(t.deps, 'freelancer');
    await makeUser(t.deps, 'owner');
    expect((await verifyChain(t.deps)).unchainedEntries).toBe(2);
    expect(await chainAll(t.deps)).toBe(2);
    const rows = await allRows();
    expect(rows.at(-2)).toMatchObject({ chain_seq: head.chain_seq! + 1, prev_hash: head.entry_hash });
    expect((await verifyChain(t.deps)).ok).toBe(true);
    expect(await chainAll(t.deps)).toBe(0);
  });

  it('writers and the chainer running at once: every entry ends up chained exactly once', async () => {
    const before = await countEntries();
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => makeUser(t.deps, i % 2 ? 'owner' : 'freelancer')),
      chainAll(t.deps),
      chainAll(t.deps),
      chainAll(t.deps),
    ]);
    await chainAll(t.deps);
    const rows = await allRows();
    expect(rows).toHaveLength(before + 6);
    expect(rows.map((r) => r.chain_seq).sort((a, b) => a! - b!)).toEqual(rows.map((_, i) => i + 1));
    expect(await verifyChain(t.deps)).toMatchObject({ ok: true, checkedEntries: before + 6 });
  });
});

describe('the database refuses plain changes to the log', () => {
  it('UPDATE and DELETE of a chained entry fail with "append-only"', async () => {
    const [first] = await allRows();
    await expect(
      sql`UPDATE audit_log SET action = 'user.nothing' WHERE id = ${first!.id}`.execute(t.deps.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${first!.id}`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`UPDATE audit_log SET chain_seq = 9999, entry_hash = 'x' WHERE id = ${first!.id}`.execute(t.deps.db),
    ).rejects.toThrow(/append-only/);
    expect((await allRows())[0]).toEqual(first);
  });

  it('an unchained entry may only have its chain columns filled, nothing else', async () => {
    const user = await makeUser(t.deps, 'freelancer');
    await expect(
      sql`UPDATE audit_log SET details = '{"role":"program_admin"}' WHERE entity_id = ${user.id}`.execute(
        t.deps.db,
      ),
    ).rejects.toThrow(/append-only/);
    await chainAll(t.deps);
    expect((await verifyChain(t.deps)).ok).toBe(true);
  });
});

describe('tampering by someone who can switch the trigger off is detected and named', () => {
  let pristine: Row[];
  beforeEach(async () => {
    await chainAll(t.deps);
    pristine = await allRows();
    expect(pristine.length).toBeGreaterThanOrEqual(6);
    expect((await verifyChain(t.deps)).ok).toBe(true);
  });

  it("altering a chained entry's details names that entry", async () => {
    const victim = pristine[2]!;
    await asSuperuser(async (trx) => {
      await sql`UPDATE audit_log SET details = ${JSON.stringify({ role: 'auditor' })} WHERE id = ${victim.id}`.execute(
        trx,
      );
    });
    const result = await verifyChain(t.deps);
    expect(result.ok).toBe(false);
    expect(result.broken).toEqual({
      id: victim.id,
      chainSeq: victim.chain_seq,
      reason: 'its contents were altered after it was chained',
    });
    expect(result.checkedEntries).toBe(victim.chain_seq! - 1);
    await restore(pristine);
    expect((await verifyChain(t.deps)).ok).toBe(true);
  });

  it("altering a chained entry's action (with the trigger disabled) names that entry", async () => {
    const victim = pristine[1]!;
    await t.deps.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
      await sql`UPDATE audit_log SET action = 'user.nothing_happened' WHERE id = ${victim.id}`.execute(trx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(trx);
    });
    // The trigger is back on for everyone else.
    await expect(sql`DELETE FROM audit_log WHERE id = ${victim.id}`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    );
    const result = await verifyChain(t.deps);
    expect(result.broken).toMatchObject({ id: victim.id, chainSeq: victim.chain_seq, reason: /altered/ });
    await restore(pristine);
  });

  it('deleting an entry leaves a gap that is named by its sequence number', async () => {
    const victim = pristine[3]!;
    await asSuperuser(async (trx) => {
      await sql`DELETE FROM audit_log WHERE id = ${victim.id}`.execute(trx);
    });
    const result = await verifyChain(t.deps);
    expect(result).toMatchObject({
      ok: false,
      checkedEntries: victim.chain_seq! - 1,
      broken: {
        id: null,
        chainSeq: victim.chain_seq,
        reason: `entry seq ${victim.chain_seq} is missing (deleted?)`,
      },
    });
    await restore(pristine);
  });

  it('relinking an entry to a different predecessor is named', async () => {
    const victim = pristine[4]!;
    await asSuperuser(async (trx) => {
      await sql`UPDATE audit_log SET prev_hash = ${GENESIS_HASH} WHERE id = ${victim.id}`.execute(trx);
    });
    expect((await verifyChain(t.deps)).broken).toMatchObject({
      id: victim.id,
      reason: 'does not link to the entry before it',
    });
    await restore(pristine);
  });

  /** Rewrites history from `fromSeq` on and recomputes every later hash, as a careful attacker would. */
  async function rewriteConsistently(fromSeq: number, change: (row: Row) => Row | null) {
    await asSuperuser(async (trx) => {
      const rows = (await trx.selectFrom('audit_log').selectAll().orderBy('chain_seq').execute()) as Row[];
      let prev = fromSeq === 1 ? GENESIS_HASH : rows[fromSeq - 2]!.entry_hash!;
      let seq = fromSeq - 1;
      for (const original of rows.slice(fromSeq - 1)) {
        const row = change(original);
        if (!row) {
          await sql`DELETE FROM audit_log WHERE id = ${original.id}`.execute(trx);
          continue;
        }
        seq += 1;
        const hash = chainHash(prev, row, seq);
        await sql`UPDATE audit_log SET action = ${row.action}, details = ${JSON.stringify(row.details)},
            chain_seq = ${seq}, prev_hash = ${prev}, entry_hash = ${hash} WHERE id = ${row.id}`.execute(trx);
        prev = hash;
      }
    });
  }

  it('rewriting the whole chain consistently after a signed head is caught by the stored tree and the head', async () => {
    const cp = await writeCheckpoint(t.deps);
    expect(cp?.treeSize).toBe(pristine.length);
    const victim = pristine[1]!;
    await rewriteConsistently(1, (row) =>
      row.id === victim.id ? { ...row, details: { ...row.details, role: 'program_admin' } } : row,
    );
    // Every link is consistent on its own…
    const rows = await allRows();
    expect(rows[1]!.entry_hash).toBe(chainHash(rows[0]!.entry_hash!, rows[1]!, 2));
    // …but the head no longer matches what was signed.
    const result = await verifyChain(t.deps);
    expect(result.ok).toBe(false);
    // The leaf stored in the Merkle tree when the entry was chained no longer matches.
    expect(result.broken).toMatchObject({
      chainSeq: 2,
      reason: 'the Merkle tree holds a different leaf for it',
    });
    await restore(pristine);
    expect(await verifyChain(t.deps)).toMatchObject({ ok: true, headsChecked: 1 });
  });

  it('dropping signed entries off the end and relinking is caught: the signed head covers missing entries', async () => {
    await writeCheckpoint(t.deps);
    const last = pristine.at(-1)!;
    await rewriteConsistently(last.chain_seq!, () => null);
    const result = await verifyChain(t.deps);
    expect(result.broken).toMatchObject({
      id: null,
      reason: expect.stringMatching(/^the signed tree head of size \d+ covers entries that no longer exist/),
    });
    await restore(pristine);
  });

  it('a forged tree head signature is named', async () => {
    await writeCheckpoint(t.deps);
    const heads = await t.deps.db.selectFrom('audit_tree_heads').selectAll().orderBy('tree_size').execute();
    const forged = heads.at(-1)!;
    // Signed heads are append-only too: only a superuser gets this far.
    await expect(
      sql`UPDATE audit_tree_heads SET signature = 'x' WHERE tree_size = ${forged.tree_size}`.execute(
        t.deps.db,
      ),
    ).rejects.toThrow(/append-only/);
    await asSuperuser(async (trx) => {
      await sql`UPDATE audit_tree_heads SET signature = ${Buffer.alloc(64, 7).toString('base64')}
        WHERE tree_size = ${forged.tree_size}`.execute(trx);
    });
    const result = await verifyChain(t.deps);
    expect(result.broken).toMatchObject({
      chainSeq: forged.tree_size,
      reason: expect.stringMatching(/signature on the tree head of size \d+ is not valid/),
    });
    await asSuperuser(async (trx) => {
      await sql`UPDATE audit_tree_heads SET signature = ${forged.signature} WHERE tree_size = ${forged.tree_size}`.execute(
        trx,
      );
    });
    expect((await verifyChain(t.deps)).ok).toBe(true);
  });
});

describe('the chainer never makes writers wait (PostgreSQL: a second server process)', () => {
  it('a writer commits while another process holds the chain lock and the pending rows', async () => {
    const other = secondConnection(t.conn);
    if (!other) return; // PGlite has one connection: nothing can run beside the chainer there.
    try {
      await makeUser(t.deps, 'freelancer'); // at least one pending entry
      let locked!: () => void;
      let release!: () => void;
      const lockedP = new Promise<void>((r) => {
        locked = r;
      });
      const releaseP = new Promise<void>((r) => {
        release = r;
      });
      // The other process is mid-way through a chain round: it holds the lock and the pending rows.
      const held = other.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
        await sql`SELECT id FROM audit_log WHERE chain_seq IS NULL FOR UPDATE`.execute(trx);
        locked();
        await releaseP;
      });
      await lockedP;
      try {
        const before = await countEntries();
        const deadline = new Promise((_, reject) =>
          setTimeout(() => reject(new Error('a writer was blocked by the chainer')), 5000).unref(),
        );
        await Promise.race([makeUser(t.deps, 'owner'), deadline]);
        expect(await countEntries()).toBe(before + 1);
      } finally {
        release();
        await held;
      }
      await chainAll(t.deps);
      expect(await verifyChain(t.deps)).toMatchObject({ ok: true, unchainedEntries: 0 });
    } finally {
      await other.close();
    }
  });

  it("an entry whose writer commits after a chain round is chained next round, after the round's entries", async () => {
    const other = secondConnection(t.conn);
    if (!other) return;
    try {
      let inserted!: () => void;
      let commit!: () => void;
      const insertedP = new Promise<void>((r) => {
        inserted = r;
      });
      const commitP = new Promise<void>((r) => {
        commit = r;
      });
      // A slow writer in another process: its entry gets a lower id but commits late.
      const slow = other.db.transaction().execute(async (trx) => {
        await registerUser({ ...t.deps, db: trx }, systemActor('slow'), {
          role: 'owner',
          name: 'Slow Writer',
          email: 'slow.writer@audit.pk',
          mobile: '03459999999',
          cnic: '61101-9999999-9',
          password: 'a-long-enough-pass',
        });
        inserted();
        await commitP;
      });
      await insertedP;
      await makeUser(t.deps, 'freelancer');
      expect(await chainAll(t.deps)).toBe(1); // the fast writer's entry; the slow one is not visible yet
      commit();
      await slow;
      expect(await chainAll(t.deps)).toBe(1);
      const rows = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('chain_seq', 'desc')
        .limit(2)
        .execute();
      expect(rows[0]!.details).toMatchObject({ system: 'slow' });
      expect(rows[0]!.id).toBeLessThan(rows[1]!.id); // chained in commit order, not id order
      expect((await verifyChain(t.deps)).ok).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('audit over HTTP', () => {
  it('auditors and admins read entries and verify the chain; freelancers get 403, strangers 401', async () => {
    const auditor = await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email);
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const freelancerUser = await makeUser(t.deps, 'freelancer');
    const freelancer = await loginClient(t.app, freelancerUser.email);
    await chainAll(t.deps);

    for (const client of [auditor, admin]) {
      const page = await client.get(`/api/v1/audit/entries?entity=user&entityId=${freelancerUser.id}`);
      expect(page.statusCode).toBe(200);
      const items = page.json().items as { action: string; entityId: string; chainSeq: number }[];
      expect(items.map((i) => i.action)).toEqual(['session.created', 'user.registered']);
      expect(items.every((i) => i.entityId === freelancerUser.id && i.chainSeq !== null)).toBe(true);

      const verified = await client.post('/api/v1/audit/verify');
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toMatchObject({ ok: true, broken: null });
      expect(verified.json().checkedEntries).toBe((await countEntries()) - verified.json().unchainedEntries);
    }

    const denied = await freelancer.get('/api/v1/audit/entries');
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    expect((await freelancer.post('/api/v1/audit/verify')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify' })).statusCode).toBe(401);
  });

  it('pages backwards through entries with beforeId', async () => {
    const auditor = await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email);
    const first = (await auditor.get('/api/v1/audit/entries?limit=3')).json();
    expect(first.items).toHaveLength(3);
    const second = (await auditor.get(`/api/v1/audit/entries?limit=3&beforeId=${first.nextBeforeId}`)).json();
    const ids = [...first.items, ...second.items].map((i: { id: number }) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6);
    expect((await auditor.get('/api/v1/audit/entries?limit=0')).statusCode).toBe(400);
  });

  it('anyone can fetch the public key and the signed tree head, and check the signature with them', async () => {
    await makeUser(t.deps, 'owner');
    const cp = await writeCheckpoint(t.deps);
    expect(cp).not.toBeNull();
    const key = await t.app.inject({ method: 'GET', url: '/api/v1/audit/public-key' });
    expect(key.statusCode).toBe(200);
    expect(key.json().publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(key.body).not.toContain('PRIVATE');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/tree-head' });
    expect(res.statusCode).toBe(200);
    const latest = res.json().head;
    expect(latest).toMatchObject({ treeSize: cp!.treeSize, rootHash: cp!.rootHash, keyId: key.json().keyId });
    const pub = createPublicKey(key.json().publicKeyPem);
    expect(verify(null, Buffer.from(headMessage(latest)), pub, Buffer.from(latest.signature, 'base64'))).toBe(
      true,
    );
    expect(
      verify(
        null,
        Buffer.from(headMessage({ ...latest, rootHash: GENESIS_HASH })),
        pub,
        Buffer.from(latest.signature, 'base64'),
      ),
    ).toBe(false);
    // The signed head names the chain's real head.
    const head = await t.deps.db
      .selectFrom('audit_log')
      .select(['chain_seq', 'entry_hash'])
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(head).toEqual({ chain_seq: latest.treeSize, entry_hash: latest.chainHash });
  });
});
