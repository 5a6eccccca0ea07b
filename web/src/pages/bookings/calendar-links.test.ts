import { describe, expect, test } from 'vitest';
import { calendarLinks } from './calendar-links';

describe('calendar links', () => {
  test('a relative feed becomes absolute, with webcal, Google and Outlook forms', () => {
    const l = calendarLinks('/api/v1/calendar/abc.ics', 'https://markaz.gov.pk');
    expect(l.https).toBe('https://markaz.gov.pk/api/v1/calendar/abc.ics');
    expect(l.webcal).toBe('webcal://markaz.gov.pk/api/v1/calendar/abc.ics');
    expect(l.google).toBe(
      'https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fmarkaz.gov.pk%2Fapi%2Fv1%2Fcalendar%2Fabc.ics',
    );
    expect(l.outlook).toContain('addfromweb?url=https%3A%2F%2Fmarkaz.gov.pk%2Fapi%2Fv1%2Fcalendar%2Fabc.ics');
  });

  test('an absolute feed keeps its own host', () => {
    expect(calendarLinks('https://cal.example.pk/x.ics', 'http://127.0.0.1:8080').webcal).toBe(
      'webcal://cal.example.pk/x.ics',
    );
  });
});
