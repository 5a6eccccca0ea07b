import { type Kysely, sql } from 'kysely';

// Issue 14's security review.
//
// Codes and links are no longer kept in clear in notices or the local outbox (issue 14's security
// review): the words are stored with placeholders, and the secret beside them sealed (AES-256-GCM
// under the notifications key, which lives outside the database). A notice's sealed secret is
// dropped once it is sent or dead. Rows from before kept their codes in clear; those codes expired
// 15 minutes after they were sent, and their text is redacted here rather than sealed.
const SECRET_KINDS = sql`('contact.verify_mobile', 'contact.verify_email', 'password.reset')`;
const redact = (col: string) =>
  sql`regexp_replace(regexp_replace(${sql.ref(col)}, '\\m\\d{6}\\M', '••••••', 'g'), 'token=[A-Za-z0-9_-]+', 'token=…', 'g')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // 'withdrawn': a notice whose subject no longer holds when it comes to be sent (a reminder for
  // a booking cancelled since it was queued) is not sent, and is not a dead letter either.
  await sql`ALTER TABLE notices DROP CONSTRAINT notices_status_check`.execute(db);
  await sql`ALTER TABLE notices ADD CONSTRAINT notices_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'dead', 'withdrawn'))`.execute(db);
  await sql`ALTER TABLE notices ADD COLUMN sealed text`.execute(db);
  await sql`ALTER TABLE notice_local_outbox ADD COLUMN sealed text`.execute(db);
  await sql`
    UPDATE notice_local_outbox
       SET body_text = ${redact('body_text')}, body_html = ${redact('body_html')}, raw = ${redact('raw')}
     WHERE message_id IN (SELECT id FROM notices WHERE kind IN ${SECRET_KINDS})`.execute(db);
  await sql`
    UPDATE notices
       SET body_text = ${redact('body_text')}, body_html = ${redact('body_html')}, link = ${redact('link')}
     WHERE kind IN ${SECRET_KINDS}`.execute(db);
}
