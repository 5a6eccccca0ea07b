import type { Kysely } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

/**
 * Migrations are listed statically, so they run the same from source, tests and bundles.
 * Areas are built in parallel, so a migration may land after a later-named one has run on a
 * developer's data folder; each migration touches only its own area's tables, so running the
 * missing one late is safe, and refusing to start would only strand that folder.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    allowUnorderedMigrations: true,
    provider: { getMigrations: async () => migrations as unknown as Record<string, Migration> },
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = result.error instanceof Error ? result.error : new Error(String(result.error));
    err.message = `migration ${failed?.migrationName ?? '?'} failed: ${err.message}`;
    throw err;
  }
  return result;
}
