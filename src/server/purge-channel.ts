/**
 * How one Markaz process tells the others which public pages a write changed, so each drops its
 * copy at once instead of serving it for up to a minute (docs/decisions/0017-purge-across-processes.md).
 *
 * On PostgreSQL: LISTEN/NOTIFY on one channel, over one connection of its own per process. A
 * NOTIFY is delivered only to sessions listening when it is sent, so after the connection was
 * lost a process cannot know what it missed: once it listens again it drops every page it holds.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../deps.ts';

export type Purge = readonly string[] | 'all';

export type PurgeChannel = {
  /** Tells the other processes that these pages changed. Never throws; a lost message costs ≤ 60 s. */
  publish(pages: readonly string[]): void;
  /** What the other processes changed; 'all' after a lapse in which messages may have been lost. */
  subscribe(onPurge: (pages: Purge) => void): void;
  close(): Promise<void>;
};

export const PURGE_CHANNEL = 'markaz_public_pages';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a longer list becomes 'all'. */
const MAX_PAYLOAD = 7000;

type Message = { from: string; pages: Purge };

export function postgresPurgeChannel(
  url: string,
  log: Logger,
  opts: { retryMs?: number; maxRetryMs?: number } = {},
): PurgeChannel & { listening: () => Promise<void> } {
  const self = randomUUID();
  const firstRetryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 30_000;
  let retryMs = firstRetryMs;
  let client: pg.Client | null = null;
  let onPurge: ((pages: Purge) => void) | null = null;
  let closed = false;
  let lapsed = false;
  let timer: NodeJS.Timeout | undefined;
  let markListening: () => void = () => {};
  let listening = new Promise<void>((r) => {
    markListening = r;
  });

  const lost = (c: pg.Client, why: string) => {
    if (client === c) client = null;
    c.removeAllListeners('notification');
    c.end().catch(() => {});
    if (closed || timer) return;
    lapsed = true;
    listening = new Promise<void>((r) => {
      markListening = r;
    });
    log.warn({ retryMs }, `public page purges: lost the PostgreSQL listener (${why}); retrying`);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'markaz purge listener' });
    let gone = false;
    const onGone = (why: string) => {
      if (gone) return;
      gone = true;
      lost(c, why);
    };
    c.on('error', (err) => onGone(err.message));
    c.on('end', () => onGone('connection ended'));
    c.on('notification', (msg) => {
      if (msg.channel !== PURGE_CHANNEL || !msg.payload) return;
      let m: Message;
      try {
        m = JSON.parse(msg.payload) as Message;
      } catch {
        return;
      }
      if (m.from !== self) onPurge?.(m.pages);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PURGE_CHANNEL}`);
    } catch (err) {
      onGone((err as Error).message);
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    retryMs = firstRetryMs;
    if (lapsed) {
      lapsed = false;
      onPurge?.('all');
    }
    markListening();
  };
  void connect();

  return {
    publish(pages) {
      const c = client;
      if (!c || pages.length === 0) return;
      let payload = JSON.stringify({ from: self, pages } satisfies Message);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD)
        payload = JSON.stringify({ from: self, pages: 'all' } satisfies Message);
      c.query('SELECT pg_notify($1, $2)', [PURGE_CHANNEL, payload]).catch((err: Error) =>
        log.warn({ err: err.message }, 'public page purges: could not tell the other processes'),
      );
    },
    subscribe(fn) {
      onPurge = fn;
    },
    /** Settles once this process listens (again); for tests and for start-up. */
    listening: () => listening,
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}

/** Channels that reach each other in memory: processes in a test, without PostgreSQL. */
export function memoryPurgeBus(): { channel: () => PurgeChannel } {
  const members = new Set<(pages: Purge) => void>();
  return {
    channel() {
      let mine: ((pages: Purge) => void) | null = null;
      const deliver = (pages: Purge) => mine?.(pages);
      members.add(deliver);
      return {
        publish(pages) {
          for (const m of members) if (m !== deliver) m(pages);
        },
        subscribe(fn) {
          mine = fn;
        },
        async close() {
          members.delete(deliver);
        },
      };
    },
  };
}
