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

const EMAILS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const CNICS = /(?<!\d)\d{5}-?\d{7}-?\d(?!\d)/g;
const MOBILES = /(?<!\d)(?:(?:\+?92|0)[- ]?)?3\d{2}[- ]?\d{7}(?!\d)/g;

/**
 * A text that came from outside (a mail server's refusal, an SMS gateway's answer) with every
 * email, CNIC and Pakistani mobile number in it masked, before it is stored or logged: gateways
 * echo the number they refused (`invalid number 923001234567`), mail servers the mailbox.
 */
export function scrubIdentifiers(text: string): string {
  return text
    .replace(EMAILS, (e) => maskEmail(e)!)
    .replace(CNICS, (c) => maskCnic(c)!)
    .replace(MOBILES, (m) => maskMobile(m)!);
}
