/**
 * How one Markaz process tells the others which public pages a write changed, so each drops its
 * copy at once instead of serving it for up to a minute (docs/decisions/0017-purge-across-processes.md).
 *
 * On PostgreSQL: LISTEN/NOTIFY on one channel, over one connection of its own per process.
 * - A NOTIFY reaches only sessions listening when it is sent, so after the connection was lost
 *   a process cannot know what it missed: once it hears again it drops every page it holds.
 * - A connection can die without a word (a failover, a NAT or firewall dropping an idle one), and
 *   LISTEN through a transaction-mode pooler succeeds but hears nothing. So the channel asks
 *   itself: a probe NOTIFY right after LISTEN and every `heartbeatMs`, which must come back within
 *   `answerMs`, or the connection counts as lost.
 * - Anyone who can connect may NOTIFY; a message of any other shape is ignored, never thrown on.
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

type Message = { from: string; pages: Purge } | { from: string; probe: string };

/** A payload as Markaz sends it, or null: the channel is open to anyone who can connect. */
export function parseMessage(payload: string | undefined): Message | null {
  if (!payload) return null;
  let m: unknown;
  try {
    m = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  const { from, pages, probe } = m as Record<string, unknown>;
  if (typeof from !== 'string') return null;
  if (typeof probe === 'string') return { from, probe };
  if (pages === 'all') return { from, pages };
  if (Array.isArray(pages) && pages.every((p) => typeof p === 'string')) return { from, pages };
  return null;
}

export function postgresPurgeChannel(
  url: string,
  log: Logger,
  opts: {
    retryMs?: number;
    maxRetryMs?: number;
    heartbeatMs?: number;
    answerMs?: number;
    /** Makes the listener's connection; tests wrap it to play a pooler or a dead link. */
    newClient?: (config: pg.ClientConfig) => pg.Client;
  } = {},
): PurgeChannel & { listening: () => Promise<void> } {
  const self = randomUUID();
  const firstRetryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 30_000;
  const heartbeatMs = opts.heartbeatMs ?? 30_000;
  const answerMs = opts.answerMs ?? 5_000;
  let retryMs = firstRetryMs;
  let client: pg.Client | null = null;
  let connectedAt = 0;
  let onPurge: ((pages: Purge) => void) | null = null;
  let closed = false;
  let lapsed = false;
  let timer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let probes = 0;
  const awaiting = new Map<string, () => void>();
  let listening!: Promise<void>;
  let markListening: (() => void) | null = null;
  const notListening = () => {
    if (markListening) return; // the promise handed out is still pending: keep it
    listening = new Promise<void>((r) => {
      markListening = r;
    });
  };
  notListening();

  const deliver = (pages: Purge) => {
    try {
      onPurge?.(pages);
    } catch (err) {
      log.error({ err }, `public page purges: dropping pages failed: ${(err as Error).message}`);
    }
  };

  /** Sends a probe on `c` and tells whether it came back within answerMs. */
  const probe = (c: pg.Client): Promise<boolean> =>
    new Promise((done) => {
      const id = `${++probes}`;
      const timeout = setTimeout(() => {
        awaiting.delete(id);
        done(false);
      }, answerMs);
      timeout.unref();
      awaiting.set(id, () => {
        clearTimeout(timeout);
        awaiting.delete(id);
        done(true);
      });
      c.query('SELECT pg_notify($1, $2)', [PURGE_CHANNEL, JSON.stringify({ from: self, probe: id })]).catch(
        () => {}, // it will not come back, and the timeout says so
      );
    });

  const lost = (c: pg.Client, why: string) => {
    if (client === c) client = null;
    clearInterval(heartbeat);
    c.removeAllListeners('notification');
    c.end().catch(() => {});
    if (closed || timer) return;
    lapsed = true;
    notListening();
    log.warn(
      { retryMs },
      `public page purges: lost the PostgreSQL listener (${why}); retrying in ${retryMs} ms`,
    );
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  };

  const connect = async () => {
    const c = (opts.newClient ?? ((config) => new pg.Client(config)))({
      connectionString: url,
      application_name: 'markaz purge listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
    });
    let gone = false;
    const onGone = (why: string) => {
      if (gone) return;
      gone = true;
      lost(c, why);
    };
    c.on('error', (err) => onGone(err.message));
    c.on('end', () => onGone('connection ended'));
    c.on('notification', (msg) => {
      if (msg.channel !== PURGE_CHANNEL) return;
      const m = parseMessage(msg.payload);
      if (!m) return;
      if ('probe' in m) {
        if (m.from === self) awaiting.get(m.probe)?.();
        return;
      }
      if (m.from !== self) deliver(m.pages);
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
    connectedAt = Date.now();
    if (!(await probe(c))) {
      if (gone || closed) return;
      log.error(
        {},
        'public page purges: LISTEN hears nothing on this connection. Through a transaction-mode ' +
          'pooler it never will: set DATABASE_LISTEN_URL to the primary or a session-mode pool.',
      );
      onGone('its own probe did not come back');
      return;
    }
    if (gone || closed) return;
    if (lapsed) {
      lapsed = false;
      deliver('all');
    }
    markListening?.();
    markListening = null;
    heartbeat = setInterval(() => {
      void probe(c).then((heard) => {
        if (gone || closed) return;
        if (!heard) return onGone(`no answer to its heartbeat within ${answerMs} ms`);
        // Back-off starts afresh only once a connection has held: one that a proxy keeps cutting
        // is retried ever more slowly, not every second.
        if (Date.now() - connectedAt >= maxRetryMs) retryMs = firstRetryMs;
      });
    }, heartbeatMs);
    heartbeat.unref();
  };
  void connect();

  return {
    publish(pages) {
      const c = client;
      if (!c || pages.length === 0) return;
      let payload = JSON.stringify({ from: self, pages });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ from: self, pages: 'all' });
      c.query('SELECT pg_notify($1, $2)', [PURGE_CHANNEL, payload]).catch((err: Error) =>
        log.warn({ err }, `public page purges: could not tell the other processes: ${err.message}`),
      );
    },
    subscribe(fn) {
      onPurge = fn;
    },
    /** Settles once this process hears the channel (again); for tests and for start-up. */
    listening: () => listening,
    async close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
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
