/**
 * In-transaction hooks: a reaction that is part of the same change (a centre's closure cancels the
 * bookings it hits, in the same transaction, and the owner sees the exact count before confirming).
 * The area that raises the hook defines its point and the handler's shape; the area that reacts
 * declares a subscription in its manifest. Neither imports the other's internals, and nothing is
 * installed by an import's side effect: the composition (src/areas.ts) hands the subscriptions to
 * the registry, and the raising service asks `deps.areas.hooks(point)`.
 *
 * Reactions after the fact (notices, figures, anything another area does later) are domain events
 * through the outbox instead (src/platform/events/).
 */
export type HookPoint<H> = { readonly name: string; readonly __handler?: H };

export function defineHook<H>(name: string): HookPoint<H> {
  return { name };
}

export type HookSubscription = { readonly point: HookPoint<unknown>; readonly handler: unknown };

/** A manifest's subscription to a hook point, typed by the point. */
export function subscribe<H>(point: HookPoint<H>, handler: H): HookSubscription {
  return { point: point as HookPoint<unknown>, handler };
}
