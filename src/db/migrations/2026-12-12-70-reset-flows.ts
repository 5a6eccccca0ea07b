import { type Kysely, sql } from 'kysely';

// A password-reset code is bound to the request that asked for it (issue 14, decision 0081): the
// browser that asked gets a random flow id and sends it back with the code; the row keeps only its
// hash. Wrong codes are counted per flow, so someone else's guesses cannot use up the owner's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE account_tokens ADD COLUMN flow_hash text`.execute(db);
  await sql`CREATE INDEX account_tokens_flow ON account_tokens (flow_hash) WHERE flow_hash IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX account_tokens_flow`.execute(db);
  await sql`ALTER TABLE account_tokens DROP COLUMN flow_hash`.execute(db);
}
