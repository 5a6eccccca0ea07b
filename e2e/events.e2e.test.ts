/**
 * Staff and the outbox's dead letters (issue 13): a delivery that kept failing shows on the Events
 * page with its error; the admin retries it from the page and the dispatcher delivers it.
 * On PostgreSQL, so the journey can put a dead delivery in place beside the running server (an
 * embedded PGlite database belongs to its one process).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADMIN_EMAIL, DESKTOP, journeyFixture, logIn, screenshot } from './harness.ts';

const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `markaz_e2e_events_${process.pid}_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(admin);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

async function onAdminDb<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

// Registered before the fixture's hooks: created before its server starts, dropped after it stops.
beforeAll(() => onAdminDb((c) => c.query(`CREATE DATABASE ${dbName}`)));
afterAll(() => onAdminDb((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));

const journey = journeyFixture({ env: () => ({ DATABASE_URL: dbUrl }) });

test('a dead letter shows with its error; the admin retries it from the Events page and it is delivered', async () => {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    // A decision's delivery to the portal's figures that failed every attempt.
    const eventId = randomUUID();
    await db.query(
      `INSERT INTO domain_events (id, name, version, payload, occurred_at)
       VALUES ($1, 'application.decided', 1, $2, now())`,
      [
        eventId,
        JSON.stringify({
          applicationId: randomUUID(),
          callId: randomUUID(),
          reference: 'EOI-E2E-0001',
          ownerId: randomUUID(),
          outcome: 'shortlisted',
          rank: 1,
        }),
      ],
    );
    await db.query(
      `INSERT INTO event_deliveries (event_id, handler_id, status, attempts, next_attempt_at, last_error)
       VALUES ($1, 'transparency.figures-after-decision', 'dead', 8, now(), 'simulated: lock timeout')`,
      [eventId],
    );

    const page = await journey.newPage(DESKTOP);
    await logIn(page, ADMIN_EMAIL);
    await page.goto('/admin/events');
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    await page.getByText('simulated: lock timeout').waitFor();
    await screenshot(page, 'events-dead-letter');
    await page
      .getByRole('button', { name: 'Retry transparency.figures-after-decision for application.decided' })
      .click();

    // The dispatcher (every 2 s, in the server) delivers it: the handler ran and marked it done.
    await expect
      .poll(
        async () =>
          (await db.query(`SELECT status, attempts FROM event_deliveries WHERE event_id = $1`, [eventId]))
            .rows[0],
        { timeout: 30_000, interval: 500 },
      )
      .toMatchObject({ status: 'done' });
    await page.reload();
    await page.getByText('No dead letters').waitFor();
    await screenshot(page, 'events-retried');
  } finally {
    await db.end();
  }
});
