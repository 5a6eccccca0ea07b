import { describe, expect, it } from 'vitest';
import { addressAllowed, formatCidr, parseCidr } from './api-key-limits.ts';

describe('API key address limits', () => {
  it('reads IPv4 and IPv6 blocks and bare addresses, and refuses what is not one', () => {
    expect(formatCidr(parseCidr('203.0.113.0/24')!)).toBe('203.0.113.0/24');
    expect(formatCidr(parseCidr(' 2001:DB8::/32 ')!)).toBe('2001:db8::/32');
    expect(formatCidr(parseCidr('198.51.100.7')!)).toBe('198.51.100.7/32');
    expect(formatCidr(parseCidr('::1')!)).toBe('::1/128');
    for (const bad of [
      '',
      '10.0.0.0/33',
      '2001:db8::/129',
      '10.0.0/8',
      'bank.pk/24',
      '10.0.0.0/8/1',
      '10.0.0.0/-1',
    ])
      expect(parseCidr(bad), bad).toBeNull();
  });

  it('lets in only callers inside a block, IPv4 seen through IPv6 included', () => {
    const cidrs = ['203.0.113.0/24', '2001:db8:10::/48'];
    expect(addressAllowed(cidrs, '203.0.113.77')).toBe(true);
    expect(addressAllowed(cidrs, '::ffff:203.0.113.77')).toBe(true);
    expect(addressAllowed(cidrs, '203.0.114.1')).toBe(false);
    expect(addressAllowed(cidrs, '2001:db8:10:ffff::1')).toBe(true);
    expect(addressAllowed(cidrs, '2001:db8:11::1')).toBe(false);
    expect(addressAllowed(cidrs, undefined)).toBe(false);
    expect(addressAllowed([], '192.0.2.1')).toBe(true);
  });
});
