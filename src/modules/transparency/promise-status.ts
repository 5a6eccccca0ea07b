/**
 * The published rule for a promise's status (shown on the portal beside every promise):
 *
 * - **met**: delivered ≥ target.
 * - **missed**: the deadline has passed and delivered < target.
 * - **no data**: the figure that measures delivery is not available yet.
 * - **open**: no deadline was announced, so it cannot be behind; it shows progress only.
 * - **on track**: delivered ≥ target × (days since announcement ÷ days from announcement to deadline).
 * - **behind**: otherwise.
 */
export type PromiseStatus = 'met' | 'missed' | 'no_data' | 'open' | 'on_track' | 'behind';

export const STATUS_RULE_EN =
  'Met: delivered ≥ target. Missed: deadline passed, not met. Open: no deadline announced. On track: delivered ≥ target × share of the time to the deadline already elapsed. Behind: otherwise. No data: the figure is not measured yet.';
export const STATUS_RULE_UR =
  'پورا: فراہم کردہ ≥ ہدف۔ چُوک گیا: آخری تاریخ گزر گئی، ہدف پورا نہیں۔ کھلا: کوئی آخری تاریخ اعلان نہیں ہوئی۔ درست سمت میں: فراہم کردہ ≥ ہدف × گزرا ہوا وقت کا تناسب۔ پیچھے: باقی صورتوں میں۔ ڈیٹا نہیں: یہ عدد ابھی ماپا نہیں جاتا۔';

const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

export function promiseStatus(p: {
  target: number;
  delivered: number | null;
  announcedOn: string;
  deadline: string | null;
  today: string;
}): PromiseStatus {
  if (p.delivered !== null && p.delivered >= p.target) return 'met';
  if (p.deadline && p.today > p.deadline) return 'missed';
  if (p.delivered === null) return 'no_data';
  if (!p.deadline) return 'open';
  const total = dayNumber(p.deadline) - dayNumber(p.announcedOn);
  const elapsed = Math.min(Math.max(dayNumber(p.today) - dayNumber(p.announcedOn), 0), total);
  if (total <= 0) return 'behind';
  // delivered / target ≥ elapsed / total, compared in integers to avoid rounding.
  return BigInt(p.delivered) * BigInt(total) >= BigInt(p.target) * BigInt(elapsed) ? 'on_track' : 'behind';
}
