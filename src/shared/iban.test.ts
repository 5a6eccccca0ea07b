import { describe, expect, it } from 'vitest';
import { ibanBankCode, makeIban, maskIban, normaliseIban } from './iban.ts';

const IBAN = makeIban('MEZN', '0012345678901234');

describe('Pakistani IBANs', () => {
  it('takes an IBAN as people type it and refuses a wrong check digit', () => {
    expect(normaliseIban(IBAN.toLowerCase().replace(/(.{4})/g, '$1 '))).toBe(IBAN);
    const wrong = `${IBAN.slice(0, 2)}${IBAN[2] === '9' ? '1' : '9'}${IBAN.slice(3)}`;
    expect(normaliseIban(wrong)).toBeNull();
    expect(normaliseIban('GB29NWBK60161331926819')).toBeNull();
    expect(ibanBankCode(IBAN)).toBe('MEZN');
  });
  it('masks all but the bank and the last four digits', () => {
    const masked = maskIban(IBAN)!;
    expect(masked).toBe(`${IBAN.slice(0, 4)} MEZN **** **** **** 1234`);
    expect(masked).not.toContain('12345678');
    expect(maskIban(null)).toBeNull();
  });
});
