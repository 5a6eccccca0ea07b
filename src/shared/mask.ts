/**
 * Masked forms of personal identifiers for lists and search results (issue 22): enough to tell
 * two people apart and to confirm with the person, not enough to use. The full value is shown only
 * on request, with a purpose, and the look is recorded (src/platform/data-access.ts).
 */

/** `35202-1234567-1` → `35202-*****67-1`. */
export function maskCnic(cnic: string | null): string | null {
  if (!cnic) return cnic;
  const d = cnic.replace(/\D/g, '');
  if (d.length !== 13) return '*'.repeat(Math.min(cnic.length, 15));
  return `${d.slice(0, 5)}-*****${d.slice(10, 12)}-${d.slice(12)}`;
}

/** `+923001234567` → `+92 300 ***4567`. */
export function maskMobile(mobile: string | null): string | null {
  if (!mobile) return mobile;
  const d = mobile.replace(/\D/g, '');
  if (d.length < 7) return '*'.repeat(mobile.length);
  const national = d.startsWith('92') ? d.slice(2) : d.replace(/^0/, '');
  return `+92 ${national.slice(0, 3)} ***${national.slice(-4)}`;
}

/** `ayesha.khan@example.pk` → `a*********@example.pk`. */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.lastIndexOf('@');
  if (at < 1) return '*'.repeat(email.length);
  return `${email[0]}${'*'.repeat(Math.max(at - 1, 3))}${email.slice(at)}`;
}
