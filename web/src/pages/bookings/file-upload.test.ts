import { beforeAll, describe, expect, it, vi } from 'vitest';
import i18n, { loadLanguage } from '../../i18n';
import { FileUpload } from './FileUpload';

// The app's i18n reads the browser's language when it loads; the test runs in Node.
vi.hoisted(() => {
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: { language: 'en' } });
});
beforeAll(() => loadLanguage('ur'));

describe('the upload control brings its own words', () => {
  it('in English and Urdu, whichever area’s page imports it (a correction’s evidence showed "bk.upload.send")', () => {
    expect(FileUpload).toBeTypeOf('function');
    for (const key of ['bk.upload.send', 'bk.upload.choose', 'bk.upload.done']) {
      expect(i18n.t(key, { lng: 'en' }), key).not.toBe(key);
      expect(i18n.t(key, { lng: 'ur' }), key).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
