import { type Kysely, sql } from 'kysely';

// Notifications (docs/decisions/0022-notifications.md). One row per (source, person, channel) in
// `notices`: its id is derived from those three, so a second queueing of the same notice is a
// no-op, and the id travels as the email's Message-ID and the SMS gateway's client reference, so
// a resend after a crash is recognised by the peer. In-app notices are rows of channel 'inbox'.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notices (
      id text PRIMARY KEY,
      source_key text NOT NULL,
      kind text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('inbox', 'email', 'sms')),
      user_id uuid REFERENCES users (id) ON DELETE CASCADE,
      address text,
      locale text NOT NULL CHECK (locale IN ('en', 'ur')),
      subject text NOT NULL,
      body_text text NOT NULL,
      body_html text,
      link text,
      mandatory boolean NOT NULL,
      one_time_code boolean NOT NULL DEFAULT false,
      sms_segments integer,
      status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'dead')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz NOT NULL,
      last_error text,
      transport text,
      provider_ref text,
      created_at timestamptz NOT NULL,
      sent_at timestamptz,
      read_at timestamptz,
      CONSTRAINT notices_has_recipient CHECK (user_id IS NOT NULL OR address IS NOT NULL),
      CONSTRAINT notices_inbox_has_user CHECK (channel <> 'inbox' OR user_id IS NOT NULL)
    )`.execute(db);
  // The sender's question: due pending rows, and sending rows whose lease ran out (a crash).
  await sql`CREATE INDEX notices_due ON notices (next_attempt_at)
    WHERE status IN ('pending', 'sending')`.execute(db);
  // A person's inbox, newest first, and its unread count.
  await sql`CREATE INDEX notices_inbox ON notices (user_id, created_at DESC)
    WHERE channel = 'inbox'`.execute(db);
  await sql`CREATE INDEX notices_unread ON notices (user_id)
    WHERE channel = 'inbox' AND read_at IS NULL`.execute(db);
  // The per-person rate limit counts a person's recent notices on a channel.
  await sql`CREATE INDEX notices_recent ON notices (user_id, channel, created_at)
    WHERE channel <> 'inbox' AND NOT mandatory`.execute(db);
  await sql`CREATE INDEX notices_log ON notices (created_at DESC, id) WHERE channel <> 'inbox'`.execute(db);
  // "Was this reminder queued already?" (the reminder job skips what it did before).
  await sql`CREATE INDEX notices_source ON notices (source_key)`.execute(db);
  await sql`CREATE INDEX notices_dead ON notices (created_at) WHERE status = 'dead'`.execute(db);

  // Without MARKAZ_SMTP_URL / MARKAZ_SMS_URL, email and SMS land here, as the peer would get them.
  await sql`
    CREATE TABLE notice_local_outbox (
      message_id text PRIMARY KEY,
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      recipient text NOT NULL,
      subject text,
      body_text text NOT NULL,
      body_html text,
      headers jsonb NOT NULL DEFAULT '{}',
      raw text,
      received_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX notice_local_outbox_received ON notice_local_outbox (received_at DESC)`.execute(db);

  // A person's choices: a row only where they differ from the kind's default.
  await sql`
    CREATE TABLE notice_preferences (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('inbox', 'email', 'sms')),
      enabled boolean NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, kind, channel)
    )`.execute(db);
  await sql`
    CREATE TABLE notice_settings (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      -- "Tell me when a centre opens within nearby_km of this point" (freelancers).
      nearby_km integer CHECK (nearby_km BETWEEN 1 AND 200),
      near_latitude double precision CHECK (near_latitude BETWEEN -90 AND 90),
      near_longitude double precision CHECK (near_longitude BETWEEN -180 AND 180),
      updated_at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS notice_settings`.execute(db);
  await sql`DROP TABLE IF EXISTS notice_preferences`.execute(db);
  await sql`DROP TABLE IF EXISTS notice_local_outbox`.execute(db);
  await sql`DROP TABLE IF EXISTS notices`.execute(db);
}
