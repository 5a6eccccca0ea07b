import { type Kysely, sql } from 'kysely';

// A centre's public phone (landline or mobile, +92 and 9–10 digits), shown on its page and on a
// freelancer's booking. Nullable, no default: instant at any size.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE centers ADD COLUMN phone text CHECK (phone ~ '^\\+92[0-9]{9,10}$')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE centers DROP COLUMN phone`.execute(db);
}
