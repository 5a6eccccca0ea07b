/**
 * The programme's calendar day. Every date a person picks or the server checks is a day in
 * Pakistan, whatever zone the phone or laptop is set to: `new Date().toISOString()` gives the
 * UTC day, which is yesterday in Pakistan between midnight and 05:00 PKT.
 */
export function todayInKarachi(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi' }).format(now);
}
