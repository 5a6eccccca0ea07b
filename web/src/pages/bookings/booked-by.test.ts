import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import i18n, { loadLanguage } from '../../i18n';
import { BookedBy } from './BookedBy';
import './booker-mobile.i18n';
import './manage.i18n';

// The app's i18n reads the browser's language when it loads; the test runs in Node.
vi.hoisted(() => {
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: { language: 'en' } });
});
beforeAll(() => loadLanguage('ur'));

const html = (
  booker: { name: string; mobile: string | null },
  purpose: 'booking_support' | 'booking_refund',
) =>
  renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement(BookedBy, { booker, centreId: 'c1', bookingId: 'b1', purpose }),
    ),
  );

describe('who booked, on the front desk', () => {
  it('shows the name and the masked mobile left to right, with “Show number” and the recorded reason', () => {
    const out = html({ name: 'Bilal Ahmed', mobile: '+92 333 ***4567' }, 'booking_refund');
    expect(out).toContain('<bdi>Bilal Ahmed</bdi>');
    expect(out).toContain('<span dir="ltr">+92 333 ***4567</span>');
    // Nothing to dial until the number is opened.
    expect(out).not.toContain('tel:');
    expect(out).toContain('>Show number</button>');
    expect(out).toContain('title="Recorded on Bilal Ahmed’s record as “Paying back a refund”."');
  });

  it('a name in Urdu keeps its own direction; no mobile, no number to show', () => {
    const out = html({ name: 'بلال احمد', mobile: null }, 'booking_support');
    expect(out).toContain('<bdi>بلال احمد</bdi>');
    expect(out).not.toContain('<a');
    expect(out).not.toContain('<button');
  });

  it('names the button with its visible words first (WCAG 2.5.3), in English and Urdu', () => {
    for (const lng of ['en', 'ur']) {
      const t = i18n.getFixedT(lng);
      expect(t('bkMobile.showFor', { name: 'Ali Raza' }).startsWith(t('bkMobile.show')), lng).toBe(true);
    }
  });

  it('says “Booked by” in English and in Urdu script', () => {
    for (const key of [
      'bk.owner.bookedBy',
      'bk.owner.owed',
      'bkMobile.show',
      'bkMobile.showFor',
      'bkMobile.recorded',
      'bkMobile.none',
      'dataAccess.purposes.booking_refund',
      'dataAccess.via.front_desk',
    ]) {
      expect(i18n.exists(key, { lng: 'en', fallbackLng: false }), `en ${key}`).toBe(true);
      expect(i18n.exists(key, { lng: 'ur', fallbackLng: false }), `ur ${key}`).toBe(true);
      const ur = i18n.getFixedT('ur')(key, { name: 'بلال', purpose: 'مدد', centre: 'مرکز' });
      expect(ur, key).toMatch(/[\u0600-\u06FF]/);
      expect(ur, key).not.toMatch(/[A-Za-z]/);
    }
    expect(i18n.getFixedT('en')('bk.owner.bookedBy')).toBe('Booked by');
    expect(i18n.getFixedT('ur')('bk.owner.bookedBy')).toBe('بکنگ کرنے والا');
  });
});
