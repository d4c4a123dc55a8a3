import { isIPv6 } from 'node:net';

/**
 * The address a client is counted as, for limits per address: an IPv6 client controls a whole /64,
 * so that is one address; an IPv4 address written as IPv6 (`::ffff:a.b.c.d`) is the IPv4 one.
 */
export function addressBucket(address: string | null | undefined): string | null {
  if (!address) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv6(address)) {
    const [head = '', tail = ''] = address.toLowerCase().split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = address.includes('::')
      ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
      : left;
    return `${groups
      .slice(0, 4)
      .map((group) => group.replace(/^0+(?=.)/, ''))
      .join(':')}::/64`;
  }
  return address.slice(0, 100);
}
