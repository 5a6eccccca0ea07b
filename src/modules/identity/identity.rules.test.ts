import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeCnic,
  normalizeEmail,
  normalizeMobile,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordProblem,
} from './identity.rules.ts';

describe('normalizeCnic', () => {
  it('writes 13 digits as #####-#######-#, with or without dashes or spaces', () => {
    expect(normalizeCnic('3520212345671')).toBe('35202-1234567-1');
    expect(normalizeCnic('35202-1234567-1')).toBe('35202-1234567-1');
    expect(normalizeCnic(' 35202 1234567 1 ')).toBe('35202-1234567-1');
  });

  it('refuses wrong lengths, letters, non-ASCII digits and an all-zero area code', () => {
    for (const bad of [
      '',
      '352021234567',
      '35202-123456-1',
      '35202123456712',
      '3520A-1234567-1',
      '٣٥٢٠٢-١٢٣٤٥٦٧-١',
      '00000-1234567-1',
      '35202.1234567.1',
    ]) {
      expect(normalizeCnic(bad), bad).toBeNull();
    }
  });

  it('property: any 13 digits (not starting 00000) normalise, and normalising is idempotent', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{12}$/), (digits) => {
        const once = normalizeCnic(digits);
        expect(once).toMatch(/^\d{5}-\d{7}-\d$/);
        expect(once!.replaceAll('-', '')).toBe(digits);
        expect(normalizeCnic(once!)).toBe(once);
      }),
    );
  });
});

describe('normalizeMobile', () => {
  it('accepts the ways Pakistanis write a mobile number', () => {
    for (const input of [
      '03001234567',
      '0300 1234567',
      '0300-1234567',
      '(0300) 123-4567',
      '3001234567',
      '923001234567',
      '+923001234567',
      '+92 300 1234567',
      '00923001234567',
    ]) {
      expect(normalizeMobile(input), input).toBe('+923001234567');
    }
  });

  it('refuses landlines, foreign numbers and wrong lengths', () => {
    for (const bad of [
      '0421234567',
      '042 35761234',
      '+92421234567',
      '+4420794601234',
      '+13001234567',
      '0300123456',
      '030012345678',
      '',
      'not a phone',
    ]) {
      expect(normalizeMobile(bad), bad).toBeNull();
    }
  });

  it('property: every normalised number is +92 3xx and normalising is idempotent', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^3\d{9}$/),
        fc.constantFrom('0', '92', '+92', '0092', ''),
        (n, prefix) => {
          const once = normalizeMobile(`${prefix}${n}`);
          expect(once).toBe(`+92${n}`);
          expect(normalizeMobile(once!)).toBe(once);
        },
      ),
    );
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Sana@Example.PK ')).toBe('sana@example.pk');
  });
});

describe('passwordProblem', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('correct-horse-battery')).toBeNull();
    expect(passwordProblem(`${'x'.repeat(PASSWORD_MIN - 1)}y`)).toBeNull();
  });

  it('names the rule a password breaks', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem(`${'x'.repeat(PASSWORD_MIN - 2)}y`)).toMatch(/at least/);
    expect(passwordProblem(`${'ab'.repeat(PASSWORD_MAX / 2)}c`)).toMatch(/at most 128/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/repeat/);
    expect(passwordProblem('Password123')).toMatch(/too common/);
    expect(passwordProblem('PAKISTAN786')).toMatch(/too common/);
  });

  it('refuses a password containing the email name (4+ characters)', () => {
    expect(passwordProblem('my-sana.javed-pass', { email: 'sana.javed@example.pk' })).toMatch(/email/);
    expect(passwordProblem('SANA.JAVED-9999', { email: 'sana.javed@example.pk' })).toMatch(/email/);
    // A very short local part is too common a substring to forbid.
    expect(passwordProblem('abc-long-password', { email: 'abc@example.pk' })).toBeNull();
  });

  it('property: any 10–128 character string that is not one repeated character and not common passes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }), (pw) => {
        fc.pre(!/^(.)\1*$/.test(pw) && ![...pw].some((c) => c.length !== 1));
        const problem = passwordProblem(pw);
        if (problem) expect(problem).toMatch(/common/);
      }),
    );
  });
});
