import { describe, expect, it } from 'vitest';
import { addressBucket } from '../src/server/client-address';

describe('the address a sign-in is counted against', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['2001:db8:77:1::5', '2001:db8:77:1::/64'],
    ['2001:0db8:0077:0001:aaaa:bbbb:cccc:dddd', '2001:db8:77:1::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    // As proxies write them in X-Forwarded-For: a port, brackets.
    ['198.51.100.7:51234', '198.51.100.7'],
    ['[2001:db8:77:1::5]:443', '2001:db8:77:1::/64'],
    ['[2001:db8:77:1::5]', '2001:db8:77:1::/64'],
    // IPv4 clients written as IPv6 in other ways: each its own IPv4 address, not one shared /64.
    ['0:0:0:0:0:ffff:198.51.100.7', '198.51.100.7'],
    ['::ffff:c633:6407', '198.51.100.7'],
    ['64:ff9b::198.51.100.7', '198.51.100.7'],
    ['64:ff9b::203.0.113.9', '203.0.113.9'],
    ['2001:db8:77:1:0:ffff:c633:6407', '2001:db8:77:1::/64'],
  ])('counts %s as %s', (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it('has none without an address', () => {
    expect(addressBucket(null)).toBeNull();
  });
});
