import { isIPv6 } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './app-env';

const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** The peer of the request's socket ("in-process" for `app.request`). */
function socketAddress(c: Context): string {
  try {
    return unmapped(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    return 'in-process';
  }
}

/** The client behind trusted proxies: X-Forwarded-For read from the right, up to the first untrusted address. */
export function forwardedClient(socket: string, forwardedFor: string | undefined, trustedProxies: ReadonlySet<string>): string {
  const hops = (forwardedFor ?? '').split(',').map((hop) => unmapped(hop.trim())).filter(Boolean);
  let address = socket;
  while (trustedProxies.has(address) && hops.length > 0) address = hops.pop()!;
  return address;
}

export function clientAddress(c: Context): string {
  return (c as Context<AppEnv>).get('address') ?? socketAddress(c);
}

export function resolveClientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  return forwardedClient(socketAddress(c), c.req.header('x-forwarded-for'), trustedProxies);
}

/** What limits count per address: an IPv6 client commonly holds a whole /64, so that is its address. */
export function limitedAddress(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Who made a request and from where, as the security events record it. */
export function requestedBy(c: Context<AppEnv>) {
  const caller = c.get('caller');
  return { orgId: caller.orgId, actor: { id: caller.id, name: caller.name ?? caller.id }, address: clientAddress(c) };
}
