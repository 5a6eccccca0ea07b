import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { defineHook } from '../../platform/hooks.ts';
import type { CalendarEvent } from './ical.ts';

/**
 * Other areas' entries in a person's iCal feed (a trainee's training sessions): the feed belongs to
 * bookings, which cannot import the areas that depend on it, so they subscribe to this point in
 * their manifests and the feed asks each for the person's entries since a day.
 */
export type CalendarEntries = (db: Kysely<Database>, userId: string, since: Date) => Promise<CalendarEvent[]>;

export const calendarEntries = defineHook<CalendarEntries>('bookings.calendar-entries');
