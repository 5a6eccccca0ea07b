/** Largest amount the API accepts: Rs 1,000,000,000 (100,000,000,000 paisa). */
const MAX_PAISA = 100_000_000_000n;

/**
 * Rupees as people type them ("12,345.67", "12345", "Rs 1,000", Urdu digits too) → integer
 * paisa, with no floating point: the whole and fractional parts are read as separate digit
 * strings. Returns null for anything that is not a positive amount with at most two decimals.
 */
export function rupeesToPaisa(input: string): number | null {
  const ascii = input
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/^\s*(rs\.?|pkr|روپے)\s*/i, '')
    .replace(/[,\s٬]/g, '')
    .replace('٫', '.');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(ascii);
  if (!m) return null;
  const whole = BigInt(m[1] ?? '0');
  const frac = BigInt((m[2] ?? '').padEnd(2, '0'));
  const paisa = whole * 100n + frac;
  if (paisa <= 0n || paisa > MAX_PAISA) return null;
  return Number(paisa);
}

/** Paisa → a plain rupee string for an input's starting value: 1234500 → "12345", 1234567 → "12345.67". */
export function paisaToInput(paisa: number): string {
  const whole = Math.trunc(paisa / 100);
  const frac = paisa % 100;
  return frac ? `${whole}.${String(frac).padStart(2, '0')}` : String(whole);
}

export { todayInKarachi } from '../../lib/dates';

/** A whole number of at most `digits` digits typed by a person (ASCII or Urdu digits), or null. */
export function wholeNumber(input: string, digits = 4): number | null {
  const ascii = input.trim().replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return ascii.length <= digits && /^\d+$/.test(ascii) ? Number.parseInt(ascii, 10) : null;
}
