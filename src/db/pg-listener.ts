/**
 * One LISTEN channel on PostgreSQL, over one connection of its own, that says when it may have
 * missed something. Shared by the public pages' purges (server/purge-channel.ts, decision 0017)
 * and the free-seat index's change feed (decision 0068).
 * - A NOTIFY reaches only sessions listening when it is sent, so after the connection was lost a
 *   listener cannot know what it missed: `onLapse` says so at once, and `onListening` when it hears
 *   again (with `afterLapse` true), so the user can start afresh.
 * - A connection can die without a word (a failover, a NAT or firewall dropping an idle one), and
 *   LISTEN through a transaction-mode pooler succeeds but hears nothing. So the listener asks
 *   itself: a probe NOTIFY right after LISTEN and every `heartbeatMs`, which must come back within
 *   `answerMs`, or the connection counts as lost.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../deps.ts';

export type ListenerOptions = {
  retryMs?: number;
  maxRetryMs?: number;
  heartbeatMs?: number;
  answerMs?: number;
  /** Makes the listener's connection; tests wrap it to play a pooler or a dead link. */
  newClient?: (config: pg.ClientConfig) => pg.Client;
  /** The connection's application_name (pg_stat_activity); default `markaz <label>`. */
  applicationName?: string;
};

export type ListenerHandlers = {
  /** What the channel says (probes excluded), in commit order. */
  onMessage(payload: string): void;
  /** The connection was lost: messages may be missed until `onListening`. */
  onLapse?(): void;
  /** Listening (again); `afterLapse` when messages may have been missed in between. */
  onListening?(afterLapse: boolean): void;
};

export type PgListener = {
  /** Sends on the channel over the listener's own connection (nothing when not connected). */
  send(payload: string): Promise<boolean>;
  /** Settles once the channel is heard (again). */
  listening(): Promise<void>;
  close(): Promise<void>;
};

/** A probe's payload: the channel's users ignore messages of this shape. */
export const isProbe = (payload: string | undefined) => !!payload?.startsWith('{"probe":');

export function pgListener(
  url: string,
  channel: string,
  label: string,
  log: Logger,
  handlers: ListenerHandlers,
  opts: ListenerOptions = {},
): PgListener {
  const self = randomUUID();
  const firstRetryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 30_000;
  const heartbeatMs = opts.heartbeatMs ?? 30_000;
  const answerMs = opts.answerMs ?? 5_000;
  let retryMs = firstRetryMs;
  let client: pg.Client | null = null;
  let connectedAt = 0;
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

  const call = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      log.error({ err }, `${label}: ${what} failed: ${(err as Error).message}`);
    }
  };

  /** Sends a probe on `c` and tells whether it came back within answerMs. */
  const probe = (c: pg.Client): Promise<boolean> =>
    new Promise((done) => {
      const id = `${self}:${++probes}`;
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
      c.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ probe: id })]).catch(
        () => {}, // it will not come back, and the timeout says so
      );
    });

  const lost = (c: pg.Client, why: string) => {
    if (client === c) client = null;
    clearInterval(heartbeat);
    c.removeAllListeners('notification');
    c.end().catch(() => {});
    if (closed || timer) return;
    if (!lapsed) call('the lapse', () => handlers.onLapse?.());
    lapsed = true;
    notListening();
    log.warn({ retryMs }, `${label}: lost the PostgreSQL listener (${why}); retrying in ${retryMs} ms`);
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
      application_name: opts.applicationName ?? `markaz ${label}`,
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
      if (msg.channel !== channel || msg.payload === undefined) return;
      if (isProbe(msg.payload) && msg.payload.includes(`"${self}:`)) {
        try {
          awaiting.get((JSON.parse(msg.payload) as { probe: string }).probe)?.();
        } catch {
          // not ours
        }
        return;
      }
      const payload = msg.payload;
      call('a message', () => handlers.onMessage(payload));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
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
        `${label}: LISTEN hears nothing on this connection. Through a transaction-mode ` +
          'pooler it never will: set DATABASE_LISTEN_URL to the primary or a session-mode pool.',
      );
      onGone('its own probe did not come back');
      return;
    }
    if (gone || closed) return;
    const afterLapse = lapsed;
    lapsed = false;
    call('listening', () => handlers.onListening?.(afterLapse));
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
    async send(payload) {
      const c = client;
      if (!c) return false;
      try {
        await c.query('SELECT pg_notify($1, $2)', [channel, payload]);
        return true;
      } catch (err) {
        log.warn({ err }, `${label}: could not send: ${(err as Error).message}`);
        return false;
      }
    },
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
