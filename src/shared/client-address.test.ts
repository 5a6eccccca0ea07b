import { describe, expect, it } from 'vitest';
import { addressKey } from './client-address.ts';

describe('addressKey', () => {
  it('counts IPv4 addresses whole, also when written as IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey(undefined)).toBe('unknown');
  });

  it('counts IPv6 clients by their /64, however the address is written', () => {
    const a = addressKey('2001:db8:85a3:1:aaaa:bbbb:cccc:1');
    expect(a).toBe('2001:db8:85a3:1::/64');
    expect(addressKey('2001:0db8:85a3:0001:0000:0000:0000:0002')).toBe(a);
    expect(addressKey('2001:db8:85a3:1::9')).toBe(a);
    expect(addressKey('2001:db8:85a3:2::1')).not.toBe(a);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
