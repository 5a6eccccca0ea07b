/**
 * Bank-attested earnings (issue 23): a national month's attestations ingested through the real
 * batch path (submitBatch: line checks, consent and holder-hash matching, versions, audit, event),
 * in batches of 20,000 lines (the API's limit) across banks, then the portal's figures computed
 * (the public evidence table by province and by district with complementary suppression, and the
 * two headline figures). PostgreSQL, a scratch database.
 *
 *   npx tsx bench/remittances.ts [--lines 1000000] [--banks 5] [--batch 20000]
 *     [--database-url postgres://postgres@127.0.0.1:5432/postgres]
 *   npx tsx bench/remittances.ts --file [--lines 1000000] [--banks 1]
 *
 * --file sends each bank's lines as ONE CSV file streamed through ingestAttestationFile (the
 * `text/csv` route's path: parsed as it arrives, 5,000 lines at a time, one transaction), and
 * reports lines/s and the process's peak memory (RSS and heap, sampled every 50 ms) above what it
 * held before the ingestion.
 *
 * Creates markaz_bench_remit_<pid> and drops it afterwards.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { areas } from '../src/areas.ts';
import { testConfig } from '../src/config.ts';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Deps } from '../src/deps.ts';
import { silentLogger } from '../src/deps.ts';
import { submitBatch } from '../src/modules/remittances/batch.service.ts';
import { ingestAttestationFile } from '../src/modules/remittances/batch-file.service.ts';
import { CSV_HEADER } from '../src/modules/remittances/batch-lines.ts';
import { earningsEvidence } from '../src/modules/remittances/evidence.service.ts';
import { holderHash, holderKey } from '../src/modules/remittances/holder.ts';
import { makeIban } from '../src/modules/remittances/remittance-rules.ts';
import { remittancesFigures } from '../src/modules/remittances/remittances.figures.ts';
import { piiCipher } from '../src/platform/keys/index.ts';
import type { OrganizationId, UserId } from '../src/shared/ids.ts';

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    banks: { type: 'string', default: '5' },
    batch: { type: 'string', default: '20000' },
    file: { type: 'boolean', default: false },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const LINES = Number(args.lines);
const BANKS = Number(args.banks);
const BATCH = Number(args.batch);
const log = (s: string) => console.log(`[remittances] ${s}`);
const secs = (t0: number) => (performance.now() - t0) / 1000;

/** `work` on each slice of `items`, `size` at a time, one after another. */
async function inChunks<T>(
  items: readonly T[],
  size: number,
  work: (slice: T[], start: number) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size), i);
}

/**
 * One line's figures as a bank sends them, the same by API and by file: every 50th under a code
 * outside the IT-export list (kept, not counted), one to four remittances.
 */
const cellsOf = (l: { iban: string; usd: number; holderHash: string }, row: number) => ({
  month: '2026-10',
  iban: l.iban,
  purposeCode: row % 50 === 0 ? '7001' : '9184',
  usd: l.usd,
  remittances: 1 + (row % 4),
  holderHash: l.holderHash,
});

const adminUrl = args['database-url']!;
const dbName = `markaz_bench_remit_${process.pid}`;
const admin = connectPostgres(adminUrl, 1);
await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin.db);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const conn = connectPostgres(url.toString(), 4);
const load0 = loadavg();
try {
  await migrateToLatest(conn.db);
  const deps: Deps = {
    areas,
    db: conn.db,
    clock: { now: () => new Date('2026-11-28T05:00:00Z') },
    config: testConfig({}),
    log: silentLogger,
  };
  let t0 = performance.now();
  // One line per freelancer (a month), spread over the banks; home cities across the country.
  await sql`
    INSERT INTO users (email, name, mobile, cnic, role, password_hash, created_at, updated_at)
    SELECT 'r' || g || '@bench.pk', 'Remitter ' || g, '+923' || lpad(g::text, 9, '0'),
           '35' || lpad((g / 10000000)::text, 3, '0') || '-' || lpad((g % 10000000)::text, 7, '0') || '-' || (g % 10)::text,
           'freelancer', 'x', now(), now()
      FROM generate_series(1, ${LINES}) g`.execute(conn.db);
  await sql`
    INSERT INTO freelancer_profiles (user_id, home_city_id, updated_at)
    SELECT u.id, c.id, now()
      FROM (SELECT id, row_number() OVER (ORDER BY email) AS k FROM users) u
      JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n FROM cities) c
        ON c.k = u.k % c.n`.execute(conn.db);
  // The CNICs were written in clear above (the bench skips sealing), from their number g.
  const rows = await conn.db.selectFrom('users').select(['id', 'email']).execute();
  const cnicOf = (g: number) =>
    `35${String(Math.floor(g / 10_000_000)).padStart(3, '0')}-${String(g % 10_000_000).padStart(7, '0')}-${g % 10}`;
  const people = rows
    .map((r) => ({ id: r.id, g: Number(/^r(\d+)@/.exec(String(r.email))![1]) }))
    .sort((a, b) => a.g - b.g)
    .map((p) => ({ id: p.id, cnic: cnicOf(p.g) }));
  log(`${LINES.toLocaleString()} freelancers in ${secs(t0).toFixed(1)} s`);

  t0 = performance.now();
  const banks: { id: string; letters: string; key: Buffer }[] = [];
  for (let b = 0; b < BANKS; b++) {
    const code = `BK${b}`;
    const letters = `Q${String.fromCharCode(65 + b)}BK`;
    const { id } = await conn.db
      .insertInto('organizations')
      .values({ kind: 'bank', code, name: `Bench bank ${b}`, created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await conn.db
      .insertInto('remittance_banks')
      .values({ bank_id: id, iban_code: letters, updated_at: new Date() })
      .execute();
    banks.push({ id, letters, key: await holderKey(deps, id) });
  }
  const lines = people.map((p, i) => {
    const bank = banks[i % BANKS]!;
    return {
      bank,
      freelancerId: p.id,
      iban: makeIban(bank.letters, String(i).padStart(16, '0')),
      holderHash: holderHash(bank.key, p.cnic!),
      usd: 10_000 + ((i * 7919) % 500_000),
    };
  });
  // IBANs sealed in their account rows (decision 0060), found by blind index.
  const pii = await piiCipher(deps);
  const accountIds = lines.map(() => randomUUID());
  await inChunks(lines, 5000, (slice, i) =>
    conn.db
      .insertInto('remittance_accounts')
      .values(
        slice.map((l, k) => {
          const id = accountIds[i + k]!;
          const place = { table: 'remittance_accounts', column: 'iban', id };
          return {
            id,
            bank_id: l.bank.id,
            iban: pii.seal('finance', l.iban, place) as unknown as string,
            iban_bidx: pii.blind('iban', l.iban),
          };
        }),
      )
      .execute(),
  );
  await inChunks(lines, 5000, (slice, i) =>
    conn.db
      .insertInto('remittance_consents')
      .values(
        slice.map((l, k) => ({
          freelancer_id: l.freelancerId,
          bank_id: l.bank.id,
          account_id: accountIds[i + k]!,
          scope: ['counts'],
          starts_on: '2026-01-01',
          expires_on: '2027-12-31',
          created_at: new Date(),
          holder_hash: l.holderHash,
        })),
      )
      .execute(),
  );
  log(`${LINES.toLocaleString()} consents in ${secs(t0).toFixed(1)} s`);

  // The month's batches: each bank sends its lines, BATCH at a time, as its system would; or,
  // with --file, all of them as one streamed CSV file.
  const mem0 = process.memoryUsage();
  const peak = { rss: mem0.rss, heap: mem0.heapUsed };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  }, 50);
  t0 = performance.now();
  let sent = 0;
  for (const bank of banks) {
    const mine = lines.filter((l) => l.bank === bank);
    const officer = {
      kind: 'user' as const,
      userId: people[0]!.id as UserId,
      role: 'bank_officer' as const,
      organizationId: bank.id as OrganizationId,
    };
    if (args.file) {
      // The file is produced as it is read, 1,000 lines a piece: never whole in memory.
      const csv = Readable.from(
        (function* () {
          yield `${CSV_HEADER}\r\n`;
          for (let i = 0; i < mine.length; i += 1000)
            yield mine
              .slice(i, i + 1000)
              .map((l, k) => {
                const c = cellsOf(l, i + k);
                return `${c.month},${c.iban},${c.purposeCode},${(c.usd / 100).toFixed(2)},${c.remittances},,,,${c.holderHash}\r\n`;
              })
              .join('');
        })(),
      );
      const b = await ingestAttestationFile(deps, officer, csv, { fileName: `${bank.letters}-2026-10.csv` });
      sent += b.lineCount;
      continue;
    }
    await inChunks(mine, BATCH, async (slice, i) => {
      await submitBatch(deps, officer, {
        source: 'api',
        candidates: slice.map((l, row) => ({
          row,
          ...cellsOf(l, i + row),
          retainedUsd: null,
          convertedUsd: null,
          prcRef: null,
        })),
        problems: [],
        cell: (row, column) => `lines.${row}.${column}`,
      });
      sent += slice.length;
    });
  }
  const ingest = secs(t0);
  clearInterval(sampler);
  const mb = (b: number) => Math.round(b / 1048576);
  log(
    `${sent.toLocaleString()} lines ingested${args.file ? ' as streamed files' : ''} in ${ingest.toFixed(1)} s (${Math.round(sent / ingest)} lines/s); peak RSS ${mb(peak.rss)} MB (+${mb(peak.rss - mem0.rss)}), heap ${mb(peak.heap)} MB (+${mb(peak.heap - mem0.heapUsed)})`,
  );

  const timed = async (name: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    log(`${name}: ${secs(t).toFixed(2)} s`);
    return secs(t);
  };
  await sql`ANALYZE`.execute(conn.db);
  const byProvince = await timed('public table by province', () => earningsEvidence(deps, 'province'));
  const byDistrict = await timed('public table by district', () => earningsEvidence(deps, 'district'));
  const figures = await timed('headline figures', async () => {
    for (const f of remittancesFigures) await f.compute?.(conn.db, deps.clock.now());
  });
  const load1 = loadavg();
  console.log(
    JSON.stringify({
      date: new Date().toISOString().slice(0, 10),
      lines: sent,
      banks: BANKS,
      batch: args.file ? 'file' : BATCH,
      peakRssMb: mb(peak.rss),
      rssGrowthMb: mb(peak.rss - mem0.rss),
      peakHeapMb: mb(peak.heap),
      heapGrowthMb: mb(peak.heap - mem0.heapUsed),
      ingestSeconds: Number(ingest.toFixed(1)),
      linesPerSecond: Math.round(sent / ingest),
      byProvinceSeconds: Number(byProvince.toFixed(2)),
      byDistrictSeconds: Number(byDistrict.toFixed(2)),
      figuresSeconds: Number(figures.toFixed(2)),
      loadBefore: load0.map((x) => x.toFixed(1)),
      loadAfter: load1.map((x) => x.toFixed(1)),
    }),
  );
} finally {
  await conn.close();
  await sql`DROP DATABASE ${sql.id(dbName)} WITH (FORCE)`.execute(admin.db);
  await admin.close();
}
