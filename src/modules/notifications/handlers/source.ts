/** The source key of a notice raised by a domain event: a re-delivery of the event adds nothing. */
export const eventSource = (eventId: string) => `event:${eventId}`;
