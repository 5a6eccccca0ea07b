import { sql } from 'kysely';
import { z } from 'zod';
import { defineEvent, type EventHandler, on } from '../index.ts';

// Shared by crash.test.ts and the dispatcher process it kills (crash-dispatcher.ts).

export const workDone = defineEvent(
  'test.work_done',
  1,
  z.object({ n: z.number().int() }),
  'Crash test work',
);
export const CHILD_APP_NAME = 'markaz-crash-child';

/**
 * The effect is a row in crash_effects per delivery (no unique key, so a second delivery would
 * show as a second row). With `blockAt`, the blockAt-th delivery this process handles writes its
 * row and then sleeps inside its transaction, until the process is killed.
 */
export function crashHandlers(blockAt = 0): EventHandler[] {
  let handled = 0;
  return [
    on(workDone, 'test.crash-effect', async (_deps, ev, trx) => {
      await sql`INSERT INTO crash_effects (event_id, n) VALUES (${ev.id}::uuid, ${ev.payload.n})`.execute(
        trx,
      );
      handled += 1;
      if (handled === blockAt) {
        // PostgreSQL does not notice a vanished client mid-query unless it is told to look.
        await sql`SET client_connection_check_interval = 100`.execute(trx);
        await sql`SELECT pg_sleep(60)`.execute(trx);
      }
    }),
  ];
}
