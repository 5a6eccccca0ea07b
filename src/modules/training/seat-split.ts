/**
 * Seats shared between districts by a published rule: in proportion to each district's weight
 * (its population, or 1 each for an equal split), by the largest-remainder method (Hamilton):
 * everyone gets the whole part of their quota, and the seats left go one each to the largest
 * remainders; ties go to the larger weight, then the lower district id. Pure and exact (integers).
 */
export function splitSeats(
  seats: number,
  districts: readonly { districtId: number; weight: number }[],
): Map<number, number> {
  const out = new Map<number, number>();
  if (districts.length === 0) return out;
  const total = districts.reduce((s, d) => s + BigInt(d.weight), 0n);
  if (total <= 0n) throw new RangeError('weights must be positive');
  const parts = districts.map((d) => {
    const num = BigInt(seats) * BigInt(d.weight);
    return { d, whole: Number(num / total), rem: num % total };
  });
  let left = seats - parts.reduce((s, p) => s + p.whole, 0);
  const order = [...parts].sort((a, b) =>
    a.rem === b.rem ? b.d.weight - a.d.weight || a.d.districtId - b.d.districtId : a.rem > b.rem ? -1 : 1,
  );
  for (const p of order) {
    out.set(p.d.districtId, p.whole + (left > 0 ? 1 : 0));
    if (left > 0) left--;
  }
  return out;
}
