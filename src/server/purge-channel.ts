/**
 * How one Markaz process tells the others which public pages a write changed, so each drops its
 * copy at once instead of serving it for up to a minute (docs/decisions/0017-purge-across-processes.md).
 *
 * On PostgreSQL: LISTEN/NOTIFY on one channel, over one connection of its own per process
 * (db/pg-listener.ts, which probes itself and says when it may have missed messages). After such a
 * lapse a process cannot know which pages changed meanwhile, so it drops every page it holds.
 * Anyone who can connect may NOTIFY; a message of any other shape is ignored, never thrown on.
 */
import { randomUUID } from 'node:crypto';
import { type ListenerOptions, pgListener } from '../db/pg-listener.ts';
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
  opts: ListenerOptions = {},
): PurgeChannel & { listening: () => Promise<void> } {
  const self = randomUUID();
  let onPurge: ((pages: Purge) => void) | null = null;
  const deliver = (pages: Purge) => {
    try {
      onPurge?.(pages);
    } catch (err) {
      log.error({ err }, `public page purges: dropping pages failed: ${(err as Error).message}`);
    }
  };
  const listener = pgListener(
    url,
    PURGE_CHANNEL,
    'public page purges',
    log,
    {
      onMessage(payload) {
        const m = parseMessage(payload);
        if (m && 'pages' in m && m.from !== self) deliver(m.pages);
      },
      onListening(afterLapse) {
        if (afterLapse) deliver('all');
      },
    },
    { applicationName: 'markaz purge listener', ...opts },
  );
  return {
    publish(pages) {
      if (pages.length === 0) return;
      let payload = JSON.stringify({ from: self, pages });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ from: self, pages: 'all' });
      void listener.send(payload);
    },
    subscribe(fn) {
      onPurge = fn;
    },
    /** Settles once this process hears the channel (again); for tests and for start-up. */
    listening: () => listener.listening(),
    close: () => listener.close(),
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
