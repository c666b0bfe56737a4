import type { Context } from 'hono';
import type { AppEnv } from './app-env';
import { getConnInfo } from '@hono/node-server/conninfo';

/** The network address a request came from, as the socket saw it ("in-process" for `app.request`). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}

/** Who made a request and from where, as the security events record it. */
export function requestedBy(c: Context<AppEnv>) {
  const caller = c.get('caller');
  return { orgId: caller.orgId, actor: { id: caller.id, name: caller.name ?? caller.id }, address: clientAddress(c) };
}
