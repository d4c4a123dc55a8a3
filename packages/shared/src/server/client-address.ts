import { isIPv4, isIPv6 } from 'node:net';

/** An address as a proxy may write it in X-Forwarded-For: `a.b.c.d:port`, `[v6]`, `[v6]:port`. */
const WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail is its last two). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((group) => parseInt(group, 16));
}

/**
 * The address a client is counted as, for limits per address: an IPv6 client controls a whole /64,
 * so that is one address; an IPv4 address written as IPv6 (`::ffff:a.b.c.d`, in full or in hex, or behind NAT64's
 * `64:ff9b::/96`) is the IPv4 one; a port or brackets a proxy wrote are not part of it.
 */
export function addressBucket(address: string | null | undefined): string | null {
  if (!address) return null;
  const bare = address.trim();
  const plain = WITH_PORT.exec(bare)?.[1] ?? BRACKETED.exec(bare)?.[1] ?? bare;
  if (isIPv4(plain)) return plain;
  if (isIPv6(plain)) {
    const groups = ipv6Groups(plain);
    const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
    const mapped = zeros(0, 5) && groups[5] === 0xffff;
    const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6);
    if (mapped || nat64) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
    return `${groups
      .slice(0, 4)
      .map((group) => group.toString(16))
      .join(':')}::/64`;
  }
  return bare.slice(0, 100);
}
