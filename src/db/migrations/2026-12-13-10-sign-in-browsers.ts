import { type Kysely, sql } from 'kysely';

// Browsers an account has signed in from, by a long-lived random cookie (issue 14, decision 0081):
// a request for a password reset from one of them is not held by the account's daily ceiling,
// whatever network it comes from. Only a keyed hash of (account, cookie) is kept, under the keyed
// index key outside the database, as trusted devices are (decision 0077). A password change or
// reset deletes an account's rows; a row not seen for a year is pruned.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sign_in_browsers (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, token_hash)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sign_in_browsers`.execute(db);
}
