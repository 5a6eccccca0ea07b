// Domain events through a transactional outbox: define, record, dispatch, and the staff's
// dead-letter tools. Platform code: it imports no area (docs/decisions/0018-domain-events-outbox.md).
export {
  checkHandlers,
  type DeliveredEvent,
  defineEvent,
  type EventDefinition,
  type EventHandler,
  on,
} from './define-event.ts';
export { listDeliveries, retryAllDead, retryDelivery } from './deliveries.service.ts';
export {
  type DispatchOptions,
  type DispatchResult,
  dispatchEvents,
  eventDispatchJob,
  retryDelaySeconds,
} from './dispatch.ts';
export * from './events.schema.ts';
export { emitEvent, emitEventSql, emitEvents, eventRecord, recordEvent } from './record-event.ts';
