/**
 * Money is an integer number of minor units (paisa, cents) with its currency. No floats, ever.
 * All arithmetic, splitting and rounding goes through this file.
 */
export type Currency = 'PKR' | 'USD';
export type Money = Readonly<{ amountMinor: number; currency: Currency }>;

export const MINOR_PER_MAJOR: Record<Currency, number> = { PKR: 100, USD: 100 };

function assertMinor(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`money amount must be a safe integer, got ${n}`);
  return n;
}

export function money(amountMinor: number, currency: Currency = 'PKR'): Money {
  return Object.freeze({ amountMinor: assertMinor(amountMinor), currency });
}

export function pkr(rupees: number): Money {
  return money(assertMinor(rupees) * 100, 'PKR');
}

function same(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  same(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function sum(items: readonly Money[], currency: Currency = 'PKR'): Money {
  return items.reduce((acc, m) => add(acc, m), money(0, currency));
}

export type RoundingMode = 'half_even' | 'half_up' | 'down';

/**
 * Divides an integer numerator by a positive integer denominator with the given rounding,
 * exactly, using BigInt so that intermediate products never lose precision.
 */
export function divideRounded(
  numerator: bigint,
  denominator: bigint,
  mode: RoundingMode = 'half_even',
): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const r = n % denominator;
  const twice = r * 2n;
  if (mode === 'half_up' && twice >= denominator) q += 1n;
  if (mode === 'half_even' && (twice > denominator || (twice === denominator && q % 2n === 1n))) q += 1n;
  return negative ? -q : q;
}

/**
 * Splits an amount into `parts` equal pieces rounded to `unitMinor` (100 = whole rupees),
 * the rounding remainder going to the last piece. Rs 1,250 in 4 whole-rupee parts: 312, 312, 312, 314.
 * The parts always sum exactly to the total, and none has the opposite sign to the total.
 */
export function splitEqually(
  total: Money,
  parts: number,
  unitMinor = 1,
  mode: RoundingMode = 'half_even',
): Money[] {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError('parts must be a positive integer');
  if (!Number.isInteger(unitMinor) || unitMinor < 1)
    throw new RangeError('unitMinor must be a positive integer');
  const denominator = BigInt(parts) * BigInt(unitMinor);
  let each = Number(divideRounded(BigInt(total.amountMinor), denominator, mode)) * unitMinor;
  // Rounding each piece to the nearest unit can overshoot a small total (Rs 2.50 in 4 whole-rupee
  // parts would need Rs 3 for the first three), leaving the last piece with the opposite sign.
  // Then the pieces round toward zero instead, which never overshoots.
  if (Math.abs(each * (parts - 1)) > Math.abs(total.amountMinor)) {
    each = Number(divideRounded(BigInt(total.amountMinor), denominator, 'down')) * unitMinor;
  }
  const out: Money[] = [];
  for (let i = 0; i < parts - 1; i++) out.push(money(each, total.currency));
  out.push(money(total.amountMinor - each * (parts - 1), total.currency));
  return out;
}

/** Formats for people: "Rs 1,250.00" / "$12.50"; the web app has its own locale-aware formatter. */
export function formatMoney(m: Money): string {
  const major = MINOR_PER_MAJOR[m.currency];
  const sign = m.amountMinor < 0 ? '-' : '';
  const abs = Math.abs(m.amountMinor);
  const whole = Math.floor(abs / major).toLocaleString('en-US');
  const frac = String(abs % major).padStart(2, '0');
  return `${sign}${m.currency === 'PKR' ? 'Rs ' : '$'}${whole}.${frac}`;
}

/** Parses "1250", "1,250.5", "1250.50" into minor units; rejects more than two decimals. */
export function parseMajor(text: string, currency: Currency = 'PKR'): Money {
  const cleaned = text.trim().replaceAll(',', '');
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) throw new RangeError(`not an amount: "${text}"`);
  const minor = Number(m[2]) * MINOR_PER_MAJOR[currency] + Number((m[3] ?? '').padEnd(2, '0'));
  return money(m[1] ? -minor : minor, currency);
}
