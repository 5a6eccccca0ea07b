/**
 * Quick checks before a form is sent, so a slow connection is not spent on an obvious typo.
 * The server checks again and has the last word; these mirror its rules loosely.
 */
export const MOBILE = /^(\+92|0092|92|0)?3\d{9}$/;
export const CNIC = /^\d{5}-?\d{7}-?\d$/;
export const PASSWORD_MIN = 10;

export function stripSpaces(v: string): string {
  return v.replace(/[\s()-]/g, '');
}

export function looksLikeMobile(v: string): boolean {
  return MOBILE.test(stripSpaces(v));
}

export function looksLikeCnic(v: string): boolean {
  return CNIC.test(v.trim().replace(/\s/g, ''));
}

export function looksLikeEmail(v: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());
}
