import type { AreaManifest, Authenticator, PublicPages } from './area.ts';
import { checkHandlers, type EventDefinition, type EventHandler } from './events/index.ts';
import type { FigureProvider } from './figures.ts';
import type { HookPoint } from './hooks.ts';

/**
 * The areas, composed once (src/areas.ts) and handed to everything that loops over them: the
 * server, the scheduler, the portal's figures, the demo, the CLI. Services reach it as
 * `deps.areas`, for the figures and for in-transaction hooks.
 */
export type AreaRegistry = {
  readonly list: readonly AreaManifest[];
  readonly figures: readonly FigureProvider[];
  readonly publicPages: Required<PublicPages>;
  readonly authenticator: Authenticator;
  /** Every domain event the areas record, and every handler subscribed to one (the outbox's fan-out). */
  readonly events: readonly EventDefinition[];
  readonly handlers: readonly EventHandler[];
  /** The ids of the handlers subscribed to an event, worked out once here, not at every record. */
  subscribers(eventName: string): readonly string[];
  /** Every subscriber's handler for a hook point, in list order. */
  hooks<H>(point: HookPoint<H>): H[];
};

export function composeAreas(list: readonly AreaManifest[]): AreaRegistry {
  const names = new Set<string>();
  for (const a of list) {
    if (names.has(a.name)) throw new Error(`area ${a.name} is listed twice`);
    names.add(a.name);
  }
  const authenticators = list.filter((a) => a.authenticator);
  if (authenticators.length !== 1)
    throw new Error(`exactly one area must provide sign-in; found ${authenticators.length}`);
  const figureKeys = new Set<string>();
  const figures = list
    .flatMap((a) => a.figures ?? [])
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.order ?? 1000) - (b.f.order ?? 1000) || a.i - b.i)
    .map(({ f }) => f);
  for (const f of figures) {
    if (figureKeys.has(f.key)) throw new Error(`figure ${f.key} is declared twice`);
    figureKeys.add(f.key);
  }
  const events = list.flatMap((a) => a.events ?? []);
  const eventNames = new Set<string>();
  for (const e of events) {
    if (eventNames.has(e.name)) throw new Error(`event ${e.name} is declared twice`);
    eventNames.add(e.name);
  }
  const handlers = list.flatMap((a) => a.handlers ?? []);
  checkHandlers(handlers);
  const subscribers = new Map<string, string[]>();
  for (const h of handlers) subscribers.set(h.event.name, [...(subscribers.get(h.event.name) ?? []), h.id]);
  for (const h of handlers)
    if (!eventNames.has(h.event.name))
      throw new Error(`handler ${h.id} listens to ${h.event.name}, which no area declares in its manifest`);
  const pages = list.flatMap((a) => (a.publicPages ? [a.publicPages] : []));
  const hooksByPoint = new Map<string, unknown[]>();
  for (const a of list)
    for (const h of a.hooks ?? []) {
      const handlers = hooksByPoint.get(h.point.name) ?? [];
      handlers.push(h.handler);
      hooksByPoint.set(h.point.name, handlers);
    }
  return Object.freeze({
    list,
    figures,
    events,
    handlers,
    subscribers: (name: string) => subscribers.get(name) ?? [],
    authenticator: authenticators[0]!.authenticator!,
    publicPages: {
      routes: pages.flatMap((p) => p.routes),
      changedBy: (route: string, params: Record<string, string | undefined>) => [
        ...new Set(pages.flatMap((p) => p.changedBy?.(route, params) ?? [])),
      ],
    },
    hooks: <H>(point: HookPoint<H>) => (hooksByPoint.get(point.name) ?? []) as H[],
  });
}
