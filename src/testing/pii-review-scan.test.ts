import { sql } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { seedDemo } from '../demo/seed-demo.ts';
import { createTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000, uploadDir: mkdtempSync(join(tmpdir(), 'pr-scan-')) });
  await seedDemo(t.deps);
}, 600_000);
afterAll(() => t.close());

it('scan', async () => {
  const tables = await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(t.deps.db);
  const pats: [string, RegExp][] = [
    ['cnic', /\b\d{5}-\d{7}-\d\b|(?<![\d.])\d{13}(?![\d.])/g],
    ['mobile', /(\+92|\b0)3\d{2}[ -]?\d{7}\b/g],
    ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g],
    ['iban', /PK\d{2}[A-Z]{4}\d{16}/g],
  ];
  for (const { t: table } of tables.rows) {
    const rows = await sql<{ x: string }>`SELECT r::text AS x FROM ${sql.table(table)} AS r`.execute(t.deps.db);
    const found = new Map<string, Set<string>>();
    for (const r of rows.rows)
      for (const [k, re] of pats)
        for (const m of r.x.matchAll(re)) {
          if (!found.has(k)) found.set(k, new Set());
          found.get(k)!.add(m[0]);
        }
    for (const [k, s] of found) console.log(`HIT ${table} ${k} ${s.size}: ${[...s].slice(0, 6).join(' | ')}`);
  }
}, 600_000);
