/**
 * The ways to add a calendar feed: its absolute https address (to copy), webcal: (a phone's
 * calendar app subscribes on a tap), and Google Calendar's and Outlook's subscribe pages. A feed
 * given as a path is made absolute against the page's origin.
 */
export function calendarLinks(
  feed: string,
  origin: string,
): { https: string; webcal: string; google: string; outlook: string } {
  const https = new URL(feed, origin).href;
  const webcal = https.replace(/^https?:/, 'webcal:');
  return {
    https,
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=Markaz`,
  };
}
