import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from './database';
import { createSecurityEventStore } from './security-events';
import { freshPglite, selectRows } from '../testing/test-database';

let database: Database;
beforeEach(async () => {
  database = await freshPglite();
});
afterEach(() => database.close());

const admin = { id: 'usr_admin', orgId: 'org_acme', role: 'admin' as const };

it("shows an org's admins its own events only, newest first, a page at a time", async () => {
  const events = createSecurityEventStore(database.db);
  for (const name of ['first', 'second', 'third']) await events.record({ orgId: 'org_acme', action: 'signed_in', actor: { id: null, name } });
  await events.record({ orgId: 'org_globex', action: 'signed_in', actor: { id: null, name: 'elsewhere' } });
  await events.record({ orgId: null, action: 'sign_in_failed', actor: { id: null, name: 'nobody@acme.test' }, address: '10.0.0.9' });

  const first = await events.list(admin, { limit: 2 });
  expect(first.events.map((event) => event.actor.name)).toEqual(['third', 'second']);
  const rest = await events.list(admin, { limit: 2, cursor: first.nextCursor! });
  expect(rest).toMatchObject({ events: [{ actor: { name: 'first' } }], nextCursor: null });
  await expect(events.list({ ...admin, role: 'member' }, { limit: 2 })).rejects.toThrow('Only admins');
});

it('forgets events older than the time kept', async () => {
  const events = createSecurityEventStore(database.db);
  await events.record({ orgId: 'org_acme', action: 'sign_in_failed', actor: { id: null, name: 'old' } });
  await events.record({ orgId: 'org_acme', action: 'sign_in_failed', actor: { id: null, name: 'recent' } });
  await selectRows(database, "update security_events set at = now() - interval '401 days' where actor_name = 'old' returning id");
  await events.sweep();
  expect(await selectRows<{ actor_name: string }>(database, 'select actor_name from security_events')).toEqual([{ actor_name: 'recent' }]);
});
