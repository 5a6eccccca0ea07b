import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CliContext } from '../platform/area.ts';
import type { EventDelivery } from '../platform/events/index.ts';

// `markaz events …`: the outbox's deliveries for operators. Only commander and types load here;
// the services (and, for `handlers`, the composed areas) load when a command runs.

const limitArg = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 500)
    throw new InvalidArgumentError('must be a whole number, 1 to 500');
  return n;
};

function line(d: EventDelivery): string {
  const when = d.status === 'pending' && d.nextAttemptAt ? `, next ${d.nextAttemptAt}` : '';
  const head = `${d.status.padEnd(7)} ${d.occurredAt}  ${d.eventName} v${d.eventVersion} ${d.eventId} → ${d.handlerId}`;
  return `${head} (${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${when})${d.lastError ? `\n        ${d.lastError}` : ''}`;
}

const cliActor = async () => (await import('../platform/actor.ts')).systemActor('cli');

export function eventsCli(program: Command, ctx: CliContext): void {
  const events = program.command('events').description('Domain events: deliveries to handlers, dead letters');
  events
    .command('list')
    .description('Deliveries, newest event first')
    .addOption(new Option('--status <status>', 'only these').choices(['pending', 'done', 'dead']))
    .option('--limit <n>', 'how many, 1 to 500', limitArg, 50)
    .option('--json', 'print JSON')
    .action(async (opts: { status?: 'pending' | 'done' | 'dead'; limit: number; json?: boolean }) => {
      const { listDeliveries } = await import('../platform/events/index.ts');
      await ctx.withDeps(async (deps) => {
        const page = await listDeliveries(deps, await cliActor(), { status: opts.status, limit: opts.limit });
        ctx.emit(opts.json, page.items, () =>
          page.items.length ? page.items.map(line) : ['No deliveries.'],
        );
      });
    });
  events
    .command('retry')
    .description('Retry a dead delivery (or every one with --all-dead) now, with a fresh set of attempts')
    .argument('[eventId]', 'the event')
    .argument('[handlerId]', 'the handler, e.g. notifications.booking-cancelled')
    .option('--all-dead', 'every dead delivery')
    .option('--json', 'print JSON')
    .action(
      async (
        eventId: string | undefined,
        handlerId: string | undefined,
        opts: { allDead?: boolean; json?: boolean },
      ) => {
        const ev = await import('../platform/events/index.ts');
        if (opts.allDead) {
          if (eventId) throw new InvalidArgumentError('give either an event and a handler, or --all-dead');
          await ctx.withDeps(async (deps) => {
            const r = await ev.retryAllDead(deps, await cliActor());
            ctx.emit(
              opts.json,
              r,
              () => `Retried ${r.retried} dead deliver${r.retried === 1 ? 'y' : 'ies'}.`,
            );
          });
          return;
        }
        if (!eventId || !handlerId)
          throw new InvalidArgumentError('give an event id and a handler id, or --all-dead');
        const key = ev.EventDeliveryKeySchema.safeParse({ eventId, handlerId });
        if (!key.success)
          throw new InvalidArgumentError(
            key.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        await ctx.withDeps(async (deps) => {
          const d = await ev.retryDelivery(deps, await cliActor(), key.data);
          ctx.emit(opts.json, d, () => line(d));
        });
      },
    );
  events
    .command('handlers')
    .description('Every subscribed handler and the event it reads')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { areas } = await import('../areas.ts');
      const list = areas.handlers.map((h) => ({
        id: h.id,
        event: h.event.name,
        version: h.event.version,
        description: h.event.description,
      }));
      ctx.emit(opts.json, list, () =>
        list.length
          ? list.map((h) => `${h.id}  ←  ${h.event} v${h.version}: ${h.description}`)
          : ['No event handlers are registered.'],
      );
    });
}
