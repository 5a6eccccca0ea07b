/**
 * Hearing the database's NOTIFY messages, the same way on both databases: the embedded PGlite
 * (its own listeners, in this process) and PostgreSQL (a connection of its own, db/pg-listener.ts,
 * which says when it may have missed messages). `caughtUp` sends a probe and resolves once it comes
 * back: every message of a transaction committed before it has then been heard (NOTIFY is
 * delivered in commit order).
 */
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../deps.ts';
import { isProbe, type ListenerHandlers, pgListener } from './pg-listener.ts';

export type Listening = { caughtUp(): Promise<void>; close(): Promise<void> };
export type Listen = (channel: string, label: string, handlers: ListenerHandlers) => Promise<Listening>;

/** Resolves probes as they come back; everything else goes to the handlers. */
function probes(handlers: ListenerHandlers) {
  const waiting = new Map<string, () => void>();
  return {
    waiting,
    onMessage(payload: string) {
      if (!isProbe(payload)) return handlers.onMessage(payload);
      try {
        waiting.get((JSON.parse(payload) as { probe: string }).probe)?.();
      } catch {
        // not ours
      }
    },
    wait(send: (payload: string) => Promise<unknown>): Promise<void> {
      const id = `c:${randomUUID()}`;
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, () => {
          waiting.delete(id);
          resolve();
        });
        send(JSON.stringify({ probe: id })).catch((err: unknown) => {
          waiting.delete(id);
          reject(err);
        });
      });
    },
  };
}

export function pgliteListen(pglite: PGlite): Listen {
  return async (channel, _label, handlers) => {
    const p = probes(handlers);
    const unlisten = await pglite.listen(channel, (payload) => p.onMessage(payload));
    handlers.onListening?.(false);
    return {
      caughtUp: () => p.wait((payload) => pglite.query('SELECT pg_notify($1, $2)', [channel, payload])),
      close: () => unlisten(),
    };
  };
}

export function postgresListen(url: string, log: Logger): Listen {
  return async (channel, label, handlers) => {
    const p = probes(handlers);
    const listener = pgListener(url, channel, label, log, { ...handlers, onMessage: (m) => p.onMessage(m) });
    await listener.listening();
    return {
      caughtUp: async () => {
        await listener.listening();
        await p.wait(async (payload) => {
          if (!(await listener.send(payload))) throw new Error(`${label}: not listening`);
        });
      },
      close: () => listener.close(),
    };
  };
}
