import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { type Connection, connectPglite, connectPostgres, createPglite } from '../db/connect.ts';

/**
 * A fresh, migrated database for one test file: PGlite by default, PostgreSQL when
 * TEST_DATABASE_URL is set. Nothing is shared between files.
 */
export async function createTestDb(): Promise<Connection> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const template = inject('pgTemplate');
    const name = `markaz_t_${process.ppid}_${randomBytes(6).toString('hex')}`;
    const admin = connectPostgres(pgUrl, 1);
    // CREATE DATABASE … TEMPLATE needs the template to have no other sessions; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(template)}`.execute(admin.db);
        break;
      } catch (err) {
        if (attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await admin.close();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const conn = connectPostgres(url.toString(), 10);
    return {
      ...conn,
      close: async () => {
        await conn.close();
        const a = connectPostgres(pgUrl, 1);
        // pool.end() resolves before the server has seen every connection go; dropping WITH (FORCE)
        // at once would kill those backends mid-goodbye and their clients would raise an unhandled
        // error. Give them a moment (bounded) to leave first.
        for (let i = 0; i < 50; i++) {
          const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = ${name} AND pid <> pg_backend_pid()`.execute(a.db);
          if (left.rows[0]!.n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(a.db);
        await a.close();
      },
    };
  }
  const file = inject('pgliteTemplate');
  const pglite = await createPglite({ loadDataDir: new Blob([readFileSync(file)]) });
  return connectPglite(pglite);
}

/** A second connection to the same database, as a second server process would have (PostgreSQL only). */
export function secondConnection(conn: Connection): Connection | null {
  return conn.kind === 'postgres' && conn.url ? connectPostgres(conn.url, 10) : null;
}
