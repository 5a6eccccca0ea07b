import { type Command, InvalidArgumentError, Option } from 'commander';
import { systemActor } from '../platform/actor.ts';
import {
  type EventDelivery,
  EventDeliveryKeySchema,
  type EventHandler,
  listDeliveries,
  retryAllDead,
  retryDelivery,
} from '../platform/events/index.ts';
import { AppError } from '../shared/errors.ts';
import { withDeps } from './runtime.ts';

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

/**
 * `markaz events …`: the outbox's deliveries for operators. `handlers` is the composed list of
 * every area's handlers (for `events handlers`, the catalogue); listing and retrying need none.
 */
export function registerEventCommands(program: Command, handlers: () => readonly EventHandler[]): void {
  const events = program.command('events').description('Domain events: deliveries to handlers, dead letters');
  events
    .command('list')
    .description('Deliveries, newest event first')
    .addOption(new Option('--status <status>', 'only these').choices(['pending', 'done', 'dead']))
    .option('--limit <n>', 'how many, 1 to 500', limitArg, 50)
    .option('--json', 'print JSON')
    .action(async (opts: { status?: 'pending' | 'done' | 'dead'; limit: number; json?: boolean }) =>
      withDeps(async (deps) => {
        const page = await listDeliveries(deps, systemActor('cli'), {
          status: opts.status,
          limit: opts.limit,
        });
        if (opts.json) console.log(JSON.stringify(page.items, null, 2));
        else if (page.items.length === 0) console.log('No deliveries.');
        else for (const d of page.items) console.log(line(d));
      }),
    );
  events
    .command('retry')
    .description('Retry a dead delivery (or every one with --all-dead) now, with a fresh set of attempts')
    .argument('[eventId]', 'the event')
    .argument('[handlerId]', 'the handler, e.g. notifications.booking-cancelled')
    .option('--all-dead', 'every dead delivery')
    .action(
      async (eventId: string | undefined, handlerId: string | undefined, opts: { allDead?: boolean }) => {
        if (opts.allDead) {
          if (eventId) throw new InvalidArgumentError('give either an event and a handler, or --all-dead');
          await withDeps(async (deps) => {
            const { retried } = await retryAllDead(deps, systemActor('cli'));
            console.log(`Retried ${retried} dead deliver${retried === 1 ? 'y' : 'ies'}.`);
          });
          return;
        }
        const key = EventDeliveryKeySchema.safeParse({ eventId, handlerId });
        if (!key.success)
          throw new AppError(
            'validation_failed',
            key.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        await withDeps(async (deps) => {
          console.log(line(await retryDelivery(deps, systemActor('cli'), key.data)));
        });
      },
    );
  events
    .command('handlers')
    .description('Every subscribed handler and the event it reads')
    .action(() => {
      const list = handlers();
      if (list.length === 0) console.log('No event handlers are registered.');
      for (const h of list)
        console.log(`${h.id}  ←  ${h.event.name} v${h.event.version}: ${h.event.description}`);
    });
}
