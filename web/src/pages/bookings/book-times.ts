/**
 * The start and end the booking form shows, sends and prices: always times the day offers.
 * A remembered choice that the day does not offer (09:00 at a centre that opens at 14:00) gives
 * way to the first time it does, and the end follows three hours later or at closing, so the form
 * never shows one window and sends another.
 */
export function bookableWindow(
  times: readonly string[],
  from: string,
  to: string,
): { from: string; to: string } {
  if (times.length < 2) return { from, to };
  const lastStart = times.length - 2;
  let start = times.indexOf(from);
  if (start < 0 || start > lastStart) {
    const nine = times.indexOf('09:00');
    start = nine >= 0 && nine <= lastStart ? nine : 0;
  }
  let end = times.indexOf(to);
  // The list runs in time order through midnight, so a later position is a later time.
  if (end <= start) end = Math.min(start + 12, times.length - 1);
  return { from: times[start]!, to: times[end]! };
}

/** Minutes from a start to an end; an end at or before the start is the next morning. */
export function spanMinutes(from: string, to: string): number {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return (m(to) - m(from) + 24 * 60) % (24 * 60);
}
