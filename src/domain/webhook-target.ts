import type * as Net from 'node:net';
import { lazyBuiltin } from './lazy-builtin.js';

const net = lazyBuiltin<typeof Net>('node:net');

/**
 * Addresses a webhook must not reach unless the operator allows it: loopback, "this network",
 * private, carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), multicast and
 * reserved ranges, and their IPv6 counterparts (IPv4-mapped ones included).
 */
function privateRanges(): Net.BlockList {
  const ranges = new (net().BlockList)();
  for (const [subnet, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const) {
    ranges.addSubnet(subnet, prefix, 'ipv4');
  }
  for (const [subnet, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const) {
    ranges.addSubnet(subnet, prefix, 'ipv6');
  }
  return ranges;
}
/** Built on the first check. */
let privateList: Net.BlockList | undefined;

/** Whether an IP address (v4 or v6) is one a webhook may not reach by default. */
export function isPrivateAddress(address: string): boolean {
  privateList ??= privateRanges();
  const family = net().isIP(address);
  if (family === 4) return privateList.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = mappedIpv4(address);
  if (mapped) return privateList.check(mapped, 'ipv4');
  return privateList.check(address, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`), or null. */
function mappedIpv4(address: string): string | null {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return dotted;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const [hi, lo] = [Number.parseInt(hex[1] ?? '0', 16), Number.parseInt(hex[2] ?? '0', 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** The name the operator sets to let webhooks reach private addresses (a receiver on the LAN). */
export const ALLOW_PRIVATE_ENV = 'GOALPOST_WEBHOOK_ALLOW_PRIVATE';

/**
 * Why a webhook URL may not be used, or null when it may: credentials in it (they would be logged
 * and stored; the receiver verifies X-Goalpost-Signature instead), a local name, or a literal
 * private address (the URL parser has already turned decimal, hex and octal forms into dotted
 * ones). Names that resolve to private addresses are caught again at delivery.
 */
export function webhookTargetProblem(url: URL, allowPrivate: boolean): string | null {
  if (url.username !== '' || url.password !== '') {
    return 'no user name or password in the URL: the receiver checks X-Goalpost-Signature instead';
  }
  if (allowPrivate) return null;
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const local = host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local');
  if (local || isPrivateAddress(host)) {
    return `${url.hostname} is a local or private address; webhooks go to public receivers (set ${ALLOW_PRIVATE_ENV}=on to allow private ones)`;
  }
  return null;
}
