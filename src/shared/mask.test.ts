import { describe, expect, it } from 'vitest';
import { maskCnic, maskEmail, maskMobile, scrubIdentifiers } from './mask.ts';

describe('masking personal identifiers', () => {
  it('keeps the district prefix and the last three digits of a CNIC', () => {
    expect(maskCnic('35202-1234567-1')).toBe('35202-*****67-1');
    expect(maskCnic('3520212345671')).toBe('35202-*****67-1');
    expect(maskCnic(null)).toBeNull();
  });
  it('keeps the network code and the last four digits of a mobile', () => {
    expect(maskMobile('+923001234567')).toBe('+92 300 ***4567');
    expect(maskMobile('03001234567')).toBe('+92 300 ***4567');
  });
  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('ayesha@example.pk')).toBe('a*****@example.pk');
    expect(maskEmail('ab@x.pk')).toBe('a***@x.pk');
  });
  it('never returns the middle digits', () => {
    const masked = [maskCnic('35202-9876543-1'), maskMobile('+923009876543')].join(' ');
    expect(masked).not.toMatch(/98765|9876543/);
  });
});

describe('scrubbing a text from outside before it is stored or logged', () => {
  it('masks every email, CNIC and mobile in it, in each spelling, and leaves the rest', () => {
    expect(scrubIdentifiers('550 <ayesha@example.pk>: no such mailbox')).toBe(
      '550 <a*****@example.pk>: no such mailbox',
    );
    expect(scrubIdentifiers('invalid number 923001234567')).toBe('invalid number +92 300 ***4567');
    expect(scrubIdentifiers('to 3001234567 failed')).toBe('to +92 300 ***4567 failed');
    expect(scrubIdentifiers('bad msisdn +923001234567; 03001234567; 0300-1234567')).toBe(
      'bad msisdn +92 300 ***4567; +92 300 ***4567; +92 300 ***4567',
    );
    expect(scrubIdentifiers('holder 35202-1234567-1 / 3520212345671')).toBe(
      'holder 35202-*****67-1 / 35202-*****67-1',
    );
    expect(scrubIdentifiers('gateway answered 503: busy, retry in 30 s')).toBe(
      'gateway answered 503: busy, retry in 30 s',
    );
  });
});
