import { type Kysely, sql } from 'kysely';

// Domain events through a transactional outbox (docs/decisions/0018-domain-events-outbox.md).
// A service records an event in the transaction of its change: one row in domain_events and, in
// the same statement, one row per subscribed handler in event_deliveries. The dispatcher claims
// due pending deliveries with FOR UPDATE SKIP LOCKED and marks each done in the transaction that
// runs its handler.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE domain_events (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      request_id text,
      -- Set for a fact that must be recorded once whatever re-runs it (an instalment falling
      -- overdue, when a close of business re-runs earlier days): a second record is skipped.
      dedupe_key text UNIQUE
    )`.execute(db);
  // Staff list deliveries newest event first.
  await sql`CREATE INDEX domain_events_occurred ON domain_events (occurred_at, id)`.execute(db);

  await sql`
    CREATE TABLE event_deliveries (
      event_id uuid NOT NULL REFERENCES domain_events (id) ON DELETE CASCADE,
      handler_id text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz NOT NULL,
      last_error text,
      delivered_at timestamptz,
      PRIMARY KEY (event_id, handler_id),
      CONSTRAINT event_deliveries_done_when_delivered CHECK ((status = 'done') = (delivered_at IS NOT NULL))
    )`.execute(db);
  // What the dispatcher asks every few seconds: the due pending deliveries, oldest first. Partial,
  // so it stays as small as the backlog however many deliveries are done.
  await sql`CREATE INDEX event_deliveries_due ON event_deliveries (next_attempt_at)
    WHERE status = 'pending'`.execute(db);
  // The dead-letter list and "retry all dead".
  await sql`CREATE INDEX event_deliveries_dead ON event_deliveries (event_id)
    WHERE status = 'dead'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS event_deliveries`.execute(db);
  await sql`DROP TABLE IF EXISTS domain_events`.execute(db);
}
