import { beforeAll, describe, expect, it, vi } from 'vitest';
import i18n, { loadLanguage } from '../../i18n';
import './bookings.i18n';
import { type Booking, paymentState } from './lib';

// The app's i18n reads the browser's language when it loads; the test runs in Node.
vi.hoisted(() => {
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: { language: 'en' } });
});
beforeAll(() => loadLanguage('ur'));

type Money = Pick<Booking, 'status' | 'cancelReason' | 'paid' | 'refundDue' | 'refundedAt'>;
const standing: Money = {
  status: 'confirmed',
  cancelReason: null,
  paid: false,
  refundDue: false,
  refundedAt: null,
};
const closed: Money = { ...standing, status: 'cancelled', cancelReason: 'centre_closed' };

describe('what a booking says about money', () => {
  it('a refund due or made wins over “Paid”; unpaid and centre-cancelled owes nothing', () => {
    expect(paymentState(standing)).toBe('unpaid');
    expect(paymentState({ ...standing, paid: true })).toBe('paid');
    expect(paymentState(closed)).toBe('nothing_owed');
    expect(paymentState({ ...closed, cancelReason: 'centre_suspended' })).toBe('nothing_owed');
    expect(paymentState({ ...closed, paid: true, refundDue: true })).toBe('refund_due');
    expect(paymentState({ ...closed, paid: true, refundedAt: '2026-11-29T05:00:00.000Z' })).toBe('refunded');
    // The booker's own cancellation is not refunded: a paid one stays "Paid".
    expect(paymentState({ ...standing, status: 'cancelled', cancelReason: 'booker', paid: true })).toBe(
      'paid',
    );
  });
});

describe('refund strings, in English and in Urdu', () => {
  const keys = [
    'bk.mine.refundDue',
    'bk.mine.refunded',
    'bk.refund.title',
    'bk.refund.lead',
    'bk.refund.due',
    'bk.refund.refunded',
    'bk.refund.mark',
    'bk.refund.amount',
  ];

  it('says what is due and when it was refunded', () => {
    const en = i18n.getFixedT('en');
    const ur = i18n.getFixedT('ur');
    expect(en('bk.mine.refundDue', { price: 'Rs 800' })).toBe('Refund due: Rs 800');
    expect(en('bk.mine.refunded', { date: '29 Nov 2026' })).toBe('Refunded on 29 Nov 2026');
    expect(en('bk.refund.title', { n: '2' })).toBe('Refunds due (2)');
    expect(en('bk.refund.due')).toBe('Refund due');
    expect(en('bk.refund.refunded')).toBe('Refunded');
    expect(en('bk.refund.mark')).toBe('Mark refunded');
    expect(ur('bk.mine.refundDue', { price: 'Rs 800' })).toBe('رقم کی واپسی واجب الادا: Rs 800');
    expect(ur('bk.mine.refunded', { date: '۲۹ نومبر' })).toBe('۲۹ نومبر کو رقم واپس کر دی گئی');
    expect(ur('bk.refund.title', { n: '۲' })).toBe('واپس کی جانے والی رقوم (۲)');
    expect(ur('bk.refund.mark')).toBe('رقم کی واپسی درج کریں');
  });

  it('every key exists in both languages, and the Urdu is in Urdu script, not English', () => {
    for (const key of keys) {
      expect(i18n.exists(key, { lng: 'en', fallbackLng: false }), `en ${key}`).toBe(true);
      expect(i18n.exists(key, { lng: 'ur', fallbackLng: false }), `ur ${key}`).toBe(true);
      const ur = i18n.getFixedT('ur')(key, { price: '', date: '', n: '' });
      expect(ur, key).not.toBe(i18n.getFixedT('en')(key, { price: '', date: '', n: '' }));
      expect(ur, key).toMatch(/[\u0600-\u06FF]/);
      expect(ur, key).not.toMatch(/[A-Za-z]/);
    }
  });
});
