import { beforeAll, describe, expect, it, vi } from 'vitest';
import i18n, { loadLanguage } from '../../i18n';
import './bookings.i18n';
import { cancelledByCentre, cancelNote } from './lib';

// The app's i18n reads the browser's language when it loads; the test runs in Node.
vi.hoisted(() => {
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: { language: 'en' } });
});
beforeAll(() => loadLanguage('ur'));

describe('a booking the centre cancelled owes nothing', () => {
  it('tells a closure or a suspension from the booker’s own cancellation', () => {
    expect(cancelledByCentre({ status: 'cancelled', cancelReason: 'centre_closed' })).toBe('centre_closed');
    expect(cancelledByCentre({ status: 'cancelled', cancelReason: 'centre_suspended' })).toBe(
      'centre_suspended',
    );
    expect(cancelledByCentre({ status: 'cancelled', cancelReason: 'booker' })).toBeNull();
    expect(cancelledByCentre({ status: 'confirmed', cancelReason: null })).toBeNull();
  });

  it('says so in English and Urdu, never “Owed”', () => {
    const en = i18n.getFixedT('en');
    const ur = i18n.getFixedT('ur');
    expect(en('bk.mine.nothingOwed.centre_closed')).toBe('Nothing owed: cancelled by the centre');
    expect(en('bk.mine.nothingOwed.centre_suspended')).toBe('Nothing owed: cancelled by the programme');
    expect(ur('bk.mine.nothingOwed.centre_closed')).toBe('کچھ واجب الادا نہیں: مرکز نے منسوخ کی');
    expect(ur('bk.mine.nothingOwed.centre_suspended')).toBe('کچھ واجب الادا نہیں: پروگرام نے منسوخ کی');
  });

  it('gives the closure’s reason in Urdu on Urdu pages, where it had one', () => {
    const b = { cancelNote: 'Quaid Day', cancelNoteUr: 'یومِ قائدِ اعظم' };
    expect(cancelNote(b, 'ur')).toBe('یومِ قائدِ اعظم');
    expect(cancelNote(b, 'en')).toBe('Quaid Day');
    expect(cancelNote({ cancelNote: 'Fire safety check failed', cancelNoteUr: null }, 'ur')).toBe(
      'Fire safety check failed',
    );
    const ur = i18n.getFixedT('ur');
    expect(ur('bk.mine.cancelledBy.centre_closed', { note: cancelNote(b, 'ur') })).toContain('یومِ قائدِ اعظم');
  });
});
