/**
 * Pakistani identity formats and the password rules. Pure functions, heavily tested.
 */

/** CNIC: 13 digits written #####-#######-#; accepts digits with or without dashes. */
export function normalizeCnic(input: string): string | null {
  const digits = input.trim().replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(digits)) return null;
  if (/^0{5}/.test(digits)) return null;
  return `${digits.slice(0, 5)}-${digits.slice(5, 12)}-${digits.slice(12)}`;
}

/** Mobile numbers to +92XXXXXXXXXX: accepts 03001234567, 3001234567, 923001234567, +92 300 1234567. */
export function normalizeMobile(input: string): string | null {
  const digits = input.trim().replace(/[\s\-()]/g, '');
  let national: string | undefined;
  if (/^\+92\d{10}$/.test(digits)) national = digits.slice(3);
  else if (/^0092\d{10}$/.test(digits)) national = digits.slice(4);
  else if (/^92\d{10}$/.test(digits)) national = digits.slice(2);
  else if (/^0\d{10}$/.test(digits)) national = digits.slice(1);
  else if (/^\d{10}$/.test(digits)) national = digits;
  // Pakistani mobile numbers start with 3 (03xx); landlines are not accepted as mobiles.
  if (!national?.startsWith('3')) return null;
  return `+92${national}`;
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'pakistan123',
  'pakistan786',
  'iloveyou123',
  'letmein123',
  'welcome123',
  'markaz123',
  'admin12345',
]);

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Returns the reason a password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (/^(.)\1*$/.test(password)) return 'must not repeat one character';
  if (COMMON.has(password.toLowerCase())) return 'is too common; choose another';
  const lower = password.toLowerCase();
  if (
    context.email &&
    lower.includes(context.email.split('@')[0]!.toLowerCase()) &&
    context.email.split('@')[0]!.length >= 4
  ) {
    return 'must not contain your email address';
  }
  return null;
}
