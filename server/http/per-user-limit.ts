import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors';
import { API_PATH } from './api-path';
import type { AppEnv } from './app-env';

/**
 * The requests that can hold a database connection for long: lists and searches whose cost grows with
 * the org, and the bulk toggle. HEAD is served by the GET handlers, so it costs the same.
 */
const expensiveReads = new RegExp(`^${API_PATH}/(connectors(/active|/inactive|/counts|/[^/]+/activity)?|activity|security-events)$`);
const BULK_TOGGLE_PATH = `${API_PATH}/connectors/bulk/toggle`;

/**
 * Of a process's 10 pooled connections, one user's lists hold 4 at most. The dashboard sends two at a
 * time (a list and its counts), so two tabs refreshing together still pass.
 */
export const MAX_EXPENSIVE_IN_FLIGHT_PER_USER = 4;

export function isExpensiveRequest(c: Context): boolean {
  const { method, path } = c.req;
  if (method === 'GET' || method === 'HEAD') return expensiveReads.test(path);
  return method === 'POST' && path === BULK_TOGGLE_PATH;
}

export type PerUserLimitOptions = {
  maxInFlight: number;
  isExpensive?: (c: Context<AppEnv>) => boolean;
};

/**
 * At most `maxInFlight` expensive requests of one user at a time in this process, so one user's heavy
 * lists cannot take the whole connection pool. Per process on purpose: the pool it protects is this
 * process's. A request holds its place until its handler is done, also when its client went away,
 * since the database is still working for it. Runs after authentication; unauthenticated paths pass.
 */
export function limitConcurrentPerUser({ maxInFlight, isExpensive = isExpensiveRequest }: PerUserLimitOptions): MiddlewareHandler<AppEnv> {
  // Users with nothing in flight have no entry, so this holds at most one entry per busy user.
  const inFlight = new Map<string, number>();
  return async (c, next) => {
    const user = c.get('user') as AppEnv['Variables']['user'] | undefined;
    if (!user || !isExpensive(c)) return next();
    const running = inFlight.get(user.id) ?? 0;
    if (running >= maxInFlight) {
      c.header('Retry-After', '1');
      throw new AppError('RATE_LIMITED', `Too many lists, searches or bulk changes at once: at most ${maxInFlight} run together for one user. Wait for one to finish and try again.`);
    }
    inFlight.set(user.id, running + 1);
    try {
      await next();
    } finally {
      const left = (inFlight.get(user.id) ?? 1) - 1;
      if (left > 0) inFlight.set(user.id, left);
      else inFlight.delete(user.id);
    }
  };
}
