import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import i18n, { loadLanguage } from '../../i18n';
import { BookedBy } from './BookedBy';
import './manage.i18n';

// The app's i18n reads the browser's language when it loads; the test runs in Node.
vi.hoisted(() => {
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: { language: 'en' } });
});
beforeAll(() => loadLanguage('ur'));

const html = (booker: { name: string; mobile: string | null }) =>
  renderToStaticMarkup(createElement(BookedBy, { booker }));

describe('who booked, on the front desk', () => {
  it('shows the name and the mobile as people write it, a left-to-right link that dials it', () => {
    const out = html({ name: 'Bilal Ahmed', mobile: '+923331234567' });
    expect(out).toContain('<bdi>Bilal Ahmed</bdi>');
    expect(out).toContain('<a href="tel:+923331234567" dir="ltr">0333 1234567</a>');
  });

  it('a name in Urdu keeps its own direction; no mobile, no link', () => {
    const out = html({ name: 'بلال احمد', mobile: null });
    expect(out).toContain('<bdi>بلال احمد</bdi>');
    expect(out).not.toContain('<a');
  });

  it('says “Booked by” in English and in Urdu script', () => {
    for (const key of ['bk.owner.bookedBy', 'bk.owner.owed']) {
      expect(i18n.exists(key, { lng: 'en', fallbackLng: false }), `en ${key}`).toBe(true);
      expect(i18n.exists(key, { lng: 'ur', fallbackLng: false }), `ur ${key}`).toBe(true);
      const ur = i18n.getFixedT('ur')(key);
      expect(ur, key).toMatch(/[\u0600-\u06FF]/);
      expect(ur, key).not.toMatch(/[A-Za-z]/);
    }
    expect(i18n.getFixedT('en')('bk.owner.bookedBy')).toBe('Booked by');
    expect(i18n.getFixedT('ur')('bk.owner.bookedBy')).toBe('بکنگ کرنے والا');
  });
});
