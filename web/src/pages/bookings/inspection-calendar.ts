/** Days as Pakistan reads them (UTC+5, no daylight saving), for the inspection calendar. */
const PKT = 5 * 3600_000;
const DAY = 86_400_000;

/** The Pakistan date (YYYY-MM-DD) of an instant. */
export const pktDay = (instant: string | number | Date): string =>
  new Date(new Date(instant).getTime() + PKT).toISOString().slice(0, 10);

/** The Pakistan time of day (HH:MM) of an instant. */
export const pktTime = (instant: string): string =>
  new Date(Date.parse(instant) + PKT).toISOString().slice(11, 16);

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The week (Monday to Sunday) or month around a day, and the day a step before or after it. */
export function rangeOf(mode: 'week' | 'month', day: string): { from: string; to: string } {
  if (mode === 'week') {
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    const from = addDays(day, -weekday);
    return { from, to: addDays(from, 6) };
  }
  const from = `${day.slice(0, 7)}-01`;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}

export function step(mode: 'week' | 'month', day: string, by: 1 | -1): string {
  if (mode === 'week') return addDays(day, 7 * by);
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 10);
}

/** Every day of a range, in order. */
export function daysOf(range: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}
