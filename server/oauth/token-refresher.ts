import { connectorTypeName } from '../../contract/connector-types';
import type { Store } from '../store/store';
import { GrantRefused, refreshTokens } from './oauth-client';

/** Tokens are renewed this long before they expire. */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;
// Held while one process refreshes; after a failure, the wait before the next try.
const LEASE_MS = 60 * 1000;

export function refreshRefusedMessage(connectorType: string, error: string): string {
  return `${connectorTypeName(connectorType)} refused to renew the sign-in (${error})`;
}

export type RefreshOutcome = 'refreshed' | 'refused' | 'failed' | 'skipped';

export function createTokenRefresher(store: Store, log: (line: string) => void = () => {}) {
  /** Refreshes one connector's tokens if they are due and no other process is at it. */
  async function refreshConnector(due: { connectorId: string; orgId: string; connectorType: string }, now = new Date()): Promise<RefreshOutcome> {
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const tokens = await store.connectorTokens.claim(due.connectorId, new Date(now.getTime() + REFRESH_AHEAD_MS), now, leaseUntil);
    if (!tokens) return 'skipped';
    const app = await store.oauthApps.forSignIn(due.orgId, due.connectorType);
    if (!app) {
      log(`connector ${due.connectorId}: tokens not renewed, the org has no ${connectorTypeName(due.connectorType)} OAuth app`);
      return 'failed';
    }
    try {
      const renewed = await refreshTokens(app, tokens, now);
      await store.connectorTokens.replaceClaimed(due.connectorId, leaseUntil, renewed);
      return 'refreshed';
    } catch (error) {
      if (!(error instanceof GrantRefused)) {
        // The lease stays until it runs out: the next try waits for it.
        log(`connector ${due.connectorId}: tokens not renewed, will retry: ${error instanceof Error ? error.message : String(error)}`);
        return 'failed';
      }
      const system = { id: 'system', orgId: due.orgId, role: 'admin' as const };
      await store.connectors.signInLost(system, due.connectorId, {
        code: 'REFRESH_REFUSED',
        message: refreshRefusedMessage(due.connectorType, error.error),
        at: now.toISOString(),
      });
      await store.connectorTokens.remove(due.connectorId);
      log(`connector ${due.connectorId}: signed out, ${refreshRefusedMessage(due.connectorType, error.error)}`);
      return 'refused';
    }
  }

  /** One round: every connector whose tokens expire soon. */
  async function refreshDue(now = new Date()): Promise<RefreshOutcome[]> {
    const due = await store.connectorTokens.due(new Date(now.getTime() + REFRESH_AHEAD_MS), now);
    const outcomes: RefreshOutcome[] = [];
    for (const connector of due) outcomes.push(await refreshConnector(connector, now));
    return outcomes;
  }

  return {
    refreshConnector,
    refreshDue,
    /** Runs a round every `everyMs` until stopped. */
    start(everyMs = 30_000): () => void {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        refreshDue()
          .catch((error: unknown) => log(`token refresh round failed: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => (running = false));
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
