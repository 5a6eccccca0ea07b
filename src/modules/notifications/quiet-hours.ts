import { addDays, karachiDate, karachiMidnight, karachiTime } from '../../shared/time.ts';

/** No SMS from 22:00 to 08:00 Pakistan time, except one-time codes. */
export const QUIET_FROM = '22:00';
export const QUIET_UNTIL = '08:00';

export function inQuietHours(now: Date): boolean {
  const t = karachiTime(now);
  return t >= QUIET_FROM || t < QUIET_UNTIL;
}

/** The next 08:00 in Asia/Karachi at or after `now` when `now` is in quiet hours, else `now`. */
export function afterQuietHours(now: Date): Date {
  if (!inQuietHours(now)) return now;
  const today = karachiDate(now);
  const day = karachiTime(now) >= QUIET_FROM ? addDays(today, 1) : today;
  return new Date(karachiMidnight(day).getTime() + 8 * 3600_000);
}
