import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { InboxPageSchema, InboxQuerySchema } from './notifications.schema.ts';
import { newestPage } from './page.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function unreadCount(deps: Deps, actor: Actor): Promise<{ unread: number }> {
  requireUser(actor);
  const r = await deps.db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', actor.userId)
    .where('channel', '=', 'inbox')
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: Number(r.n) };
}

/** The person's own in-app notices, newest first. */
export async function listInbox(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof InboxQuerySchema>,
): Promise<z.infer<typeof InboxPageSchema>> {
  requireUser(actor);
  const { page, nextBefore } = await newestPage(
    deps.db
      .selectFrom('notices')
      .select(['id', 'kind', 'subject', 'body_text', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', actor.userId)
      .where('channel', '=', 'inbox'),
    { time: 'created_at', id: 'id' },
    q,
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      text: r.body_text,
      link: r.link,
      createdAt: r.created_at.toISOString(),
      readAt: iso(r.read_at),
    })),
    unread: (await unreadCount(deps, actor)).unread,
    nextBefore,
  };
}

/** Marks one of the person's own notices read; someone else's is not found. */
export async function markRead(deps: Deps, actor: Actor, id: string): Promise<{ unread: number }> {
  requireUser(actor);
  const res = await deps.db
    .updateTable('notices')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(deps.clock.now())) }))
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .where('channel', '=', 'inbox')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('not_found', 'No such notice in your inbox');
  return unreadCount(deps, actor);
}

export async function markAllRead(deps: Deps, actor: Actor): Promise<{ unread: number }> {
  requireUser(actor);
  await deps.db
    .updateTable('notices')
    .set({ read_at: deps.clock.now() })
    .where('user_id', '=', actor.userId)
    .where('channel', '=', 'inbox')
    .where('read_at', 'is', null)
    .execute();
  return { unread: 0 };
}
