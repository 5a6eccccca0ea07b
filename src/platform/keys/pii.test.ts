import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindForm, KeyError, LocalKeyWrapper, PiiCipher, type Sealed } from './index.ts';

const cipher = (index = randomBytes(32)) =>
  new PiiCipher(
    new Map([
      ['identity-1', randomBytes(32)],
      ['contacts-1', randomBytes(32)],
    ]),
    new Map([
      ['identity', 'identity-1'],
      ['contacts', 'contacts-1'],
    ]),
    index,
  );
const at = (id: string, column = 'cnic') => ({ table: 'users', column, id });

describe('personal data cipher', () => {
  it('seals a value so that it opens only in its own table, column and row', () => {
    const pii = cipher();
    const sealed = pii.seal('identity', '35202-1234567-1', at('a'));
    const text = sealed as unknown as string;
    expect(text).toMatch(/^pii1\.identity-1\.[A-Za-z0-9_-]+$/);
    expect(text).not.toContain('35202');
    expect(pii.open(sealed, at('a'))).toBe('35202-1234567-1');
    // The same value twice is two different ciphertexts (random IV).
    expect(pii.seal('identity', '35202-1234567-1', at('a'))).not.toBe(sealed);
    // Moved to another row or column, or altered, it does not open.
    expect(() => pii.open(sealed, at('b'))).toThrow(KeyError);
    expect(() => pii.open(sealed, at('a', 'mobile'))).toThrow(KeyError);
    const flipped = `${text.slice(0, -2)}${text.at(-2) === 'A' ? 'B' : 'A'}${text.at(-1)}`;
    expect(() => pii.open(flipped as unknown as Sealed, at('a'))).toThrow(KeyError);
    // Another database's keys do not open it.
    expect(() => cipher().open(sealed, at('a'))).toThrow(KeyError);
  });

  it('gives one blind index per normalised value, keyed', () => {
    const key = randomBytes(32);
    const pii = cipher(key);
    expect(pii.blind('cnic', '35202-1234567-1')).toBe(pii.blind('cnic', '3520212345671'));
    expect(pii.blind('mobile', '+923001234567')).toBe(pii.blind('mobile', '0300 1234567'));
    expect(pii.blind('email', 'Sana@Example.PK ')).toBe(pii.blind('email', 'sana@example.pk'));
    expect(pii.blind('cnic', '35202-1234567-1')).not.toBe(pii.blind('cnic', '35202-1234567-2'));
    // The kind is part of it, and another key gives another index.
    expect(pii.blind('mobile', '3001234567')).not.toBe(pii.blind('cnic', '3001234567'));
    expect(cipher().blind('cnic', '3520212345671')).not.toBe(pii.blind('cnic', '3520212345671'));
    expect(blindForm('iban', 'pk36 scbl 0000001123456702')).toBe('PK36SCBL0000001123456702');
  });

  it('wraps data keys so that only the same key-encryption key and label unwrap them', async () => {
    const kek = new LocalKeyWrapper(randomBytes(32));
    const dek = randomBytes(32);
    const wrapped = await kek.wrap(dek, 'markaz-pii-key/v1|identity-1|identity');
    expect(await kek.unwrap(wrapped, 'markaz-pii-key/v1|identity-1|identity')).toEqual(dek);
    await expect(kek.unwrap(wrapped, 'markaz-pii-key/v1|identity-2|identity')).rejects.toThrow(KeyError);
    await expect(
      new LocalKeyWrapper(randomBytes(32)).unwrap(wrapped, 'markaz-pii-key/v1|identity-1|identity'),
    ).rejects.toThrow(/does not open with the pii key/);
  });
});
