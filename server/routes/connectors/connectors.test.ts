import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiAs, idOf, type Api } from '../../testing/api';
import { freshDatabase, selectRows, type Backend } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

const postgresUrl = inject('postgresUrl');
const backends: Backend[] = ['pglite', 'postgres'];

type Actor = 'admin' | 'creator' | 'other';
type Action = 'read' | 'toggle sync' | 'toggle agent' | 'PATCH' | 'change_status' | 'rename' | 'configure' | 'delete';
const actors: Record<Actor, string> = { admin: 'admin@acme.test', creator: 'alice@acme.test', other: 'bob@acme.test' };

// Team connectors: the org reads, admins change. Personal: the creator alone, and it is hidden from
// everyone else exactly like a missing connector.
const expected: Record<'team' | 'personal', Record<Actor, Record<'read' | 'change', number>>> = {
  team: { admin: { read: 200, change: 200 }, creator: { read: 200, change: 403 }, other: { read: 200, change: 403 } },
  personal: { admin: { read: 404, change: 404 }, creator: { read: 200, change: 200 }, other: { read: 404, change: 404 } },
};
// Both are configured, signed in and of agent-capable types, so only permission decides.
const subjects = { team: 'Engineering Slack', personal: 'Alice Drive' } as const;
const createdBy = { team: 'admin', personal: 'creator' } as const satisfies Record<string, Actor>;

function perform(api: Api, action: Action, id: string, version: number) {
  switch (action) {
    case 'read':
      return api('GET', `/connectors/${id}`);
    case 'toggle sync':
      return api('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: false });
    case 'toggle agent':
      return api('POST', `/connectors/${id}/toggle`, { type: 'agent', enabled: true });
    case 'PATCH':
      return api('PATCH', `/connectors/${id}`, { status: 'inactive' }, { 'if-match': `"${version}"` });
    case 'change_status':
      return api('POST', '/connectors/change_status', {
        new_status: 'inactive',
        connectorID: id,
        data_loader_config: { source: 'changed://x', batch_size: 10, auth: { username: 'u', password: '' } },
      });
    case 'rename':
      return api('PUT', `/connectors/${id}/name`, { instanceName: 'Renamed' });
    case 'configure':
      return api('PUT', `/connectors/${id}/config`, { sync: { batchSize: 7 } }, { 'if-match': `"${version}"` });
    case 'delete':
      return api('DELETE', `/connectors/${id}`);
  }
}

for (const backend of backends) {
  describe.skipIf(backend === 'postgres' && !postgresUrl)(`connector API on ${backend}`, () => {
    let server: TestServer;
    const api = {} as Record<Actor | 'anonymous', Api>;

    beforeEach(async () => {
      server = await startTestServer({ database: await freshDatabase(backend, postgresUrl) });
      for (const [actor, email] of Object.entries(actors)) api[actor as Actor] = apiAs(server, await server.token(email));
      api.anonymous = apiAs(server);
    });
    afterEach(() => server.close());

    describe('permission matrix', () => {
      const actions: Action[] = ['read', 'toggle sync', 'toggle agent', 'PATCH', 'change_status', 'rename', 'configure', 'delete'];
      for (const scope of ['team', 'personal'] as const) {
        for (const actor of Object.keys(actors) as Actor[]) {
          for (const action of actions) {
            const status = expected[scope][actor][action === 'read' ? 'read' : 'change'];
            it(`${actor} ${action} on a ${scope} connector -> ${status}`, async () => {
              const owner = api[createdBy[scope]];
              const id = await idOf(owner, subjects[scope]);
              const before = (await owner('GET', `/connectors/${id}`)).body.connector;

              const result = await perform(api[actor], action, id, before.version);

              expect(result.status).toBe(status);
              const after = (await owner('GET', `/connectors/${id}`)).body.connector;
              if (status === 200 && action === 'delete') {
                expect(after).toBeUndefined();
              } else if (status === 200 && action !== 'read') {
                expect(after.version).toBe(before.version + 1);
              } else {
                expect(after).toEqual(before);
              }
              if (status === 403) {
                expect(result.body.error.code).toBe('FORBIDDEN');
                expect(result.body.error.message).toBe(
                  scope === 'team' ? 'Only admins can change team connectors' : 'Only the creator can change a personal connector',
                );
              }
              if (status === 404) {
                const missing = await perform(api[actor], action, 'conn_does_not_exist', before.version);
                expect(result.body).toEqual(missing.body);
              }
            });
          }
        }
      }
    });

    describe('prerequisites for enabling', () => {
      it.each([
        ['Product Notion', 'sync', 'NOT_CONFIGURED', 'Configure this connector before enabling sync'],
        ['Data Lake', 'agent', 'NOT_CONFIGURED', 'Configure this connector before enabling the agent'],
        ['Marketing Drive', 'sync', 'NOT_AUTHENTICATED', 'Sign in to Google Drive before enabling sync'],
        ['Analytics Warehouse', 'agent', 'AGENT_NOT_SUPPORTED', 'PostgreSQL connectors do not support the agent'],
      ])('%s: enabling %s answers %s and changes nothing', async (name, type, code, message) => {
        const id = await idOf(api.admin, name);
        const before = (await api.admin('GET', `/connectors/${id}`)).body.connector;
        const result = await api.admin('POST', `/connectors/${id}/toggle`, { type, enabled: true });
        expect(result.status).toBe(400);
        expect(result.body).toEqual({ success: false, error: { code, message } });
        expect((await api.admin('GET', `/connectors/${id}`)).body.connector).toEqual(before);
      });

      it('a flip that would enable checks the same prerequisites', async () => {
        const id = await idOf(api.admin, 'Product Notion');
        const result = await api.admin('POST', `/connectors/${id}/toggle`, { type: 'sync' });
        expect(result.body.error.code).toBe('NOT_CONFIGURED');
      });

      it('turning off never needs the prerequisites', async () => {
        const id = await idOf(api.admin, 'Public Website');
        await server.database.db.execute(`update connectors set sync_enabled = true, is_configured = false where id = '${id}'`);
        const result = await api.admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: false });
        expect(result.status).toBe(200);
        expect(result.body.connector.syncEnabled).toBe(false);
      });
    });

    describe('toggle', () => {
      it('sets the state idempotently and reports it', async () => {
        const id = await idOf(api.admin, 'Support Jira');
        const first = await api.admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true });
        expect(first.status).toBe(200);
        expect(first.body.message).toBe('Sync enabled for Support Jira');
        expect(first.body.connector).toMatchObject({ syncEnabled: true, isActive: true, version: 2 });

        const again = await api.admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true });
        expect(again.status).toBe(200);
        expect(again.body.message).toBe('Sync was already enabled for Support Jira');
        expect(again.body.connector).toEqual(first.body.connector);
      });

      it('flips when no state is given', async () => {
        const id = await idOf(api.admin, 'Support Jira');
        const on = await api.admin('POST', `/connectors/${id}/toggle`, { type: 'agent' });
        const off = await api.admin('POST', `/connectors/${id}/toggle`, { type: 'agent' });
        expect([on.body.connector.agentEnabled, off.body.connector.agentEnabled]).toEqual([true, false]);
        expect(off.body.connector).toMatchObject({ isActive: false, version: 3 });
      });
    });

    describe('PATCH with If-Match', () => {
      it('applies the edit, bumps the version and returns the new ETag', async () => {
        const id = await idOf(api.admin, 'Support Jira');
        const result = await api.admin(
          'PATCH',
          `/connectors/${id}`,
          { instanceName: 'Support Jira (EU)', status: 'inactive', dataLoaderConfig: { source: 'https://eu.acme.net', batchSize: 250, auth: { username: 'eu-bot', password: 'eu-token' } } },
          { 'if-match': '"1"' },
        );
        expect(result.status).toBe(200);
        expect(result.headers.get('etag')).toBe('"2"');
        expect(result.body.connector).toMatchObject({
          instanceName: 'Support Jira (EU)',
          status: 'inactive',
          version: 2,
          isConfigured: true,
          dataLoaderConfig: { source: 'https://eu.acme.net', batchSize: 250, auth: { username: 'eu-bot', hasPassword: true } },
        });
      });

      it('refuses to send a stored password to a new source unless it is typed again', async () => {
        const id = await idOf(api.admin, 'Analytics Warehouse');
        const moved = await api.admin(
          'PATCH',
          `/connectors/${id}`,
          { dataLoaderConfig: { source: 'postgres://attacker.example/db', batchSize: 100, auth: { username: 'reader' } } },
          { 'if-match': '"1"' },
        );
        expect(moved.status).toBe(400);
        expect(moved.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: ['auth', 'password'], message: 'Enter the password again: it would go to the new source' }] });
        const changeStatus = await api.admin('POST', '/connectors/change_status', {
          new_status: 'active',
          connectorID: id,
          data_loader_config: { source: 'postgres://attacker.example/db', batch_size: 100, auth: { username: 'reader', password: '' } },
        });
        expect(changeStatus.status).toBe(400);
        expect((await api.admin('GET', `/connectors/${id}`)).body.connector).toMatchObject({ version: 1, dataLoaderConfig: { source: 'postgres://warehouse.acme.internal/analytics' } });
        // With the password typed again, or leaving the source where it is, the edit goes through.
        expect((await api.admin('PATCH', `/connectors/${id}`, { dataLoaderConfig: { source: 'postgres://warehouse.acme.internal/analytics', batchSize: 50, auth: { username: 'reader' } } }, { 'if-match': '"1"' })).status).toBe(200);
        expect((await api.admin('PUT', `/connectors/${id}/config`, { sync: { source: 'postgres://replica.acme.internal/analytics' }, auth: { password: 'typed-again' } })).status).toBe(200);
      });

      it('refuses a stale version with 412, the current connector, and no change', async () => {
        const id = await idOf(api.admin, 'Support Jira');
        await api.admin('PATCH', `/connectors/${id}`, { status: 'inactive' }, { 'if-match': '"1"' });
        const stale = await api.admin('PATCH', `/connectors/${id}`, { instanceName: 'Mine' }, { 'if-match': '"1"' });
        expect(stale.status).toBe(412);
        expect(stale.body.error.code).toBe('VERSION_CONFLICT');
        expect(stale.body.error.details.connector).toMatchObject({ version: 2, status: 'inactive', instanceName: 'Support Jira' });
        expect((await api.admin('GET', `/connectors/${id}`)).body.connector.instanceName).toBe('Support Jira');
      });

      it('needs If-Match, in a form it understands', async () => {
        const id = await idOf(api.admin, 'Support Jira');
        const missing = await api.admin('PATCH', `/connectors/${id}`, { status: 'inactive' });
        const garbled = await api.admin('PATCH', `/connectors/${id}`, { status: 'inactive' }, { 'if-match': 'yesterday' });
        expect([missing.status, garbled.status]).toEqual([400, 400]);
        expect(missing.body.error.code).toBe('VALIDATION_ERROR');
        expect(garbled.body.error.message).toMatch(/If-Match/);
      });

      it('configuring a connector makes it configured, and it can then sync', async () => {
        const id = await idOf(api.admin, 'Data Lake');
        const patch = await api.admin(
          'PATCH',
          `/connectors/${id}`,
          { dataLoaderConfig: { source: 's3://acme-data-lake', batchSize: 100, auth: { username: '', password: 'new-s3-secret-123' } } },
          { 'if-match': '"1"' },
        );
        expect(patch.body.connector).toMatchObject({ isConfigured: true, dataLoaderConfig: { auth: { hasPassword: true } } });
        const toggle = await api.admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true });
        expect(toggle.status).toBe(200);
      });
    });

    describe('change_status (seed 002)', () => {
      it('answers in the seed document shape, with the x-api-key header', async () => {
        const id = await idOf(api.admin, 'Support Jira');
        const token = await server.token('admin@acme.test');
        const body = {
          new_status: 'pending',
          connectorID: id,
          data_loader_config: { source: 'mongodb', batch_size: 100, auth: { username: 'admin', password: 'secure123' } },
        };
        const result = await apiAs(server)('POST', '/connectors/change_status', body, { 'x-api-key': token });
        expect(result.status).toBe(200);
        expect(result.body).toEqual({ status: 'success', message: `Updated connector status to pending for connectorID ${id}` });
        const after = (await api.admin('GET', `/connectors/${id}`)).body.connector;
        expect(after).toMatchObject({ status: 'pending', dataLoaderConfig: { source: 'mongodb', batchSize: 100, auth: { username: 'admin', hasPassword: true } } });
      });

      it('rejects a body that is not the seed shape', async () => {
        const id = await idOf(api.admin, 'Support Jira');
        const result = await api.admin('POST', '/connectors/change_status', { new_status: 'paused', connectorID: id });
        expect(result.status).toBe(400);
        expect(result.body.error.code).toBe('VALIDATION_ERROR');
        expect(result.body.error.details.map((issue: { path: string[] }) => issue.path.join('.'))).toEqual(
          expect.arrayContaining(['new_status', 'data_loader_config']),
        );
      });
    });

    describe('secrets', () => {
      it('never returns or logs a stored password, and stores it sealed', async () => {
        const secret = 'very-secret-Value-42';
        const id = await idOf(api.admin, 'Support Jira');
        const responses = [
          await api.admin('PATCH', `/connectors/${id}`, { dataLoaderConfig: { source: 's', batchSize: 5, auth: { username: 'u', password: secret } } }, { 'if-match': '"1"' }),
          await api.admin('POST', '/connectors/change_status', { new_status: 'active', connectorID: id, data_loader_config: { source: 's', batch_size: 5, auth: { username: 'u', password: secret } } }),
          await api.admin('PUT', `/connectors/${id}/config`, { auth: { apiToken: secret } }),
          await api.admin('GET', `/connectors/${id}`),
          await api.admin('GET', `/connectors/${id}/config`),
          await api.admin('GET', '/connectors?limit=200'),
          await api.admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true }),
          await api.admin('PATCH', `/connectors/${id}`, { status: 'active' }, { 'if-match': '"1"' }),
          await api.creator('GET', '/connectors?limit=200'),
          await api.admin('POST', '/connectors', { connectorType: 'slack', instanceName: 'Secret Slack', scope: 'team', authType: 'API_TOKEN', config: { auth: { apiToken: secret } } }),
        ];
        const rows = await selectRows<{ secrets: Record<string, string> }>(server.database, 'select secrets from connectors');
        const sealed = rows.flatMap((row) => Object.values(row.secrets));
        expect(sealed.map((value) => server.sealer.open(value))).toContain(secret);
        expect(JSON.stringify(rows)).not.toContain(secret);
        const everything = [...responses.map((response) => response.text + JSON.stringify([...response.headers])), ...server.logs].join('\n');
        expect(everything).not.toContain(secret);
        for (const value of sealed) expect(everything).not.toContain(value);
        expect(responses[3]!.body.connector.dataLoaderConfig.auth).toEqual({ username: 'u', hasPassword: true });
        expect(responses[4]!.body.config.config).toMatchObject({ auth: { username: 'u' }, storedSecrets: ['apiToken'] });
      });

      it('keeps the stored password when an edit sends none or an empty one', async () => {
        const id = await idOf(api.admin, 'Analytics Warehouse');
        const read = () => selectRows(server.database, `select secrets from connectors where id = '${id}'`);
        const before = await read();
        await api.admin('PATCH', `/connectors/${id}`, { dataLoaderConfig: { source: 'pg://x', batchSize: 5, auth: { username: 'reader', password: '' } } }, { 'if-match': '"1"' });
        await api.admin('PATCH', `/connectors/${id}`, { dataLoaderConfig: { source: 'pg://y', batchSize: 5, auth: { username: 'reader' } } }, { 'if-match': '"2"' });
        await api.admin('PUT', `/connectors/${id}/config`, { auth: { password: '' }, sync: { source: 'pg://z' } });
        expect(await read()).toEqual(before);
      });

      it('removes a stored secret sent as null: gone from the row, no longer configured, and recorded', async () => {
        const id = await idOf(api.admin, 'Analytics Warehouse');
        const sealed = async () => (await selectRows<{ secrets: Record<string, string> }>(server.database, `select secrets from connectors where id = '${id}'`))[0]!.secrets;
        const before = await sealed();
        expect(Object.keys(before)).toEqual(['password']);

        const cleared = await api.admin('PUT', `/connectors/${id}/config`, { auth: { password: null } }, { 'if-match': '"1"' });
        expect(cleared.status).toBe(200);
        expect(cleared.headers.get('etag')).toBe('"2"');
        expect(cleared.body.config).toMatchObject({ isConfigured: false, config: { auth: { username: 'reader' }, storedSecrets: [] } });
        expect(await sealed()).toEqual({});
        const rows = await selectRows(server.database, `select * from connectors where id = '${id}'`);
        expect(JSON.stringify(rows)).not.toContain(before.password);
        const connector = (await api.admin('GET', `/connectors/${id}`)).body.connector;
        expect(connector).toMatchObject({ isConfigured: false, dataLoaderConfig: { auth: { username: 'reader', hasPassword: false } } });
        const entries = (await api.admin('GET', `/connectors/${id}/activity`)).body.activity;
        expect(entries.find((entry: { action: string }) => entry.action === 'config_changed')).toMatchObject({ actor: { name: 'Ada Admin' }, changes: { 'auth.password': { from: 'stored', to: null } } });
        // Nothing left to remove: no change, no new version.
        const again = await api.admin('PUT', `/connectors/${id}/config`, { auth: { password: null } });
        expect(again.body.config.version).toBe(2);
        // Typed again, it is configured again.
        const retyped = await api.admin('PUT', `/connectors/${id}/config`, { auth: { password: 'pg-new-secret' } });
        expect(retyped.body.config).toMatchObject({ isConfigured: true, config: { storedSecrets: ['password'] } });
      });

      it('turns sync and the agent off when a connector loses a secret or a required field it needs', async () => {
        // Both sync: one loses its password, the other its source.
        const warehouse = await idOf(api.admin, 'Analytics Warehouse');
        const drive = await idOf(api.admin, 'Company Drive');
        await api.admin('PUT', `/connectors/${warehouse}/config`, { auth: { password: null } });
        await api.admin('PUT', `/connectors/${drive}/config`, { sync: { source: '' } });
        const secretless = (await api.admin('GET', `/connectors/${warehouse}`)).body.connector;
        const sourceless = (await api.admin('GET', `/connectors/${drive}`)).body.connector;
        expect([secretless.isConfigured, sourceless.isConfigured]).toEqual([false, false]);
        expect([secretless.syncEnabled, secretless.agentEnabled, sourceless.syncEnabled, sourceless.agentEnabled]).toEqual([false, false, false, false]);
      });

      it('lets a source move when the stored secret is removed in the same request', async () => {
        const id = await idOf(api.admin, 'Support Jira');
        const moved = await api.admin('PUT', `/connectors/${id}/config`, { sync: { source: 'https://elsewhere.example' }, auth: { apiToken: null } });
        expect(moved.status).toBe(200);
        expect(moved.body.config).toMatchObject({ isConfigured: false, config: { sync: { source: 'https://elsewhere.example' }, storedSecrets: [] } });
      });

      it.each([
        ['false', { auth: { password: false } }],
        ['a number', { auth: { password: 0 } }],
        ['an object', { auth: { password: { clear: true } } }],
        ['a secret the auth type does not have', { auth: { apiToken: null } }],
        ['a secret in another section', { sync: { password: null } }],
      ])('refuses to remove a secret sent as %s with 400, changing nothing', async (_case, body) => {
        const id = await idOf(api.admin, 'Analytics Warehouse');
        const read = () => selectRows(server.database, `select secrets, settings, version from connectors where id = '${id}'`);
        const before = await read();
        const result = await api.admin('PUT', `/connectors/${id}/config`, body);
        expect(result.status).toBe(400);
        expect(result.body.error.code).toBe('VALIDATION_ERROR');
        expect(await read()).toEqual(before);
      });
    });

    describe('list', () => {
      it('filters, sorts and pages on the server', async () => {
        const page1 = await api.admin('GET', '/connectors?scope=team&sort=instanceName&limit=5&page=1');
        const page2 = await api.admin('GET', '/connectors?scope=team&sort=instanceName&limit=5&page=2');
        expect(page1.body.pagination).toMatchObject({ page: 1, limit: 5, hasPrev: false, hasNext: true });
        expect(page1.body.pagination.totalCount).toBeGreaterThan(30);
        const names = [...page1.body.connectors, ...page2.body.connectors].map((connector: { instanceName: string }) => connector.instanceName);
        expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(new Set(names).size).toBe(10);

        const syncing = await api.admin('GET', '/connectors?syncEnabled=true&limit=200');
        expect(syncing.body.connectors.every((connector: { syncEnabled: boolean }) => connector.syncEnabled)).toBe(true);
        const counts = await api.admin('GET', '/connectors/counts');
        expect(syncing.body.pagination.totalCount).toBe(counts.body.counts.syncing);
        const needsSignIn = await api.admin('GET', '/connectors?isAuthenticated=false&limit=200');
        expect(needsSignIn.body.pagination.totalCount).toBe(counts.body.counts.needsSignIn);
        expect(needsSignIn.body.connectors.every((connector: { authType: string }) => connector.authType.startsWith('OAUTH'))).toBe(true);
      });

      it('answers a repeated list the same, and the first one after a change with the change', async () => {
        const path = '/connectors?search=Support%20Jira';
        const before = await api.admin('GET', path);
        expect((await api.admin('GET', path)).text).toBe(before.text);
        const id = before.body.connectors[0].connectorId;
        await api.admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true });
        const after = await api.admin('GET', path);
        expect(after.body.connectors[0]).toMatchObject({ connectorId: id, syncEnabled: true, version: 2 });
        const latest = await api.admin('GET', '/connectors?sort=-updatedAt&limit=1');
        expect(latest.body.connectors[0].connectorId).toBe(id);
      });

      it('shows each user the team connectors and only their own personal ones', async () => {
        const scopes = async (who: Actor) =>
          (await api[who]('GET', '/connectors?scope=personal&limit=200')).body.connectors.map((connector: { createdBy: string }) => connector.createdBy);
        expect(new Set(await scopes('creator'))).toEqual(new Set(['usr_alice']));
        expect(new Set(await scopes('other'))).toEqual(new Set(['usr_bob']));
        expect(new Set(await scopes('admin'))).toEqual(new Set(['usr_admin']));
      });

      it('searches by name, case-insensitively, treating % and _ as text', async () => {
        const result = await api.admin('GET', '/connectors?search=SUPPORT%20jira');
        expect(result.body.connectors.map((connector: { instanceName: string }) => connector.instanceName)).toEqual(['Support Jira']);
        expect((await api.admin('GET', '/connectors?search=%25')).body.pagination.totalCount).toBe(0);
      });

      it('sorts by last sync with never-synced connectors last, both ways', async () => {
        for (const sort of ['lastSyncAt', '-lastSyncAt']) {
          const { body } = await api.admin('GET', `/connectors?sort=${sort}&limit=200`);
          const times = body.connectors.map((connector: { lastSyncAt: string | null }) => connector.lastSyncAt);
          const firstNull = times.indexOf(null);
          expect(firstNull).toBeGreaterThan(0);
          expect(times.slice(firstNull).every((time: string | null) => time === null)).toBe(true);
        }
      });

      it('rejects unknown parameters and values with the one error shape', async () => {
        for (const query of ['sort=password', 'limit=201', 'page=0', 'syncEnabled=yes', 'colour=red']) {
          const result = await api.admin('GET', `/connectors?${query}`);
          expect(result.status, query).toBe(400);
          expect(result.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
        }
      });
    });

    it('never shows or changes another org’s connectors', async () => {
      const { hashPassword } = await import('../../auth/password');
      const { connectorRow } = await import('../../store/demo-seed');
      const { connectors, orgs, users } = await import('../../store/schema');
      const db = server.database.db;
      await db.insert(orgs).values({ id: 'org_globex', name: 'Globex' });
      await db.insert(users).values({ id: 'usr_hank', orgId: 'org_globex', email: 'hank@globex.test', name: 'Hank', role: 'admin', passwordHash: await hashPassword('globex-password') });
      await db.insert(connectors).values(connectorRow('org_globex', { name: 'Globex Drive', type: 'google-drive', authType: 'OAUTH', scope: 'team', createdBy: 'usr_hank', config: { source: 'g' }, signedIn: true }, server.sealer));
      const login = await apiAs(server)('POST', '/auth/login', { email: 'hank@globex.test', password: 'globex-password' });
      const hank = apiAs(server, login.body.token);

      const acmeId = await idOf(api.admin, 'Company Drive');
      expect((await hank('GET', '/connectors?limit=200')).body.connectors.map((c: { instanceName: string }) => c.instanceName)).toEqual(['Globex Drive']);
      expect((await hank('GET', `/connectors/${acmeId}`)).status).toBe(404);
      expect((await hank('POST', `/connectors/${acmeId}/toggle`, { type: 'sync', enabled: false })).status).toBe(404);
      expect((await api.admin('GET', '/connectors?search=Globex')).body.pagination.totalCount).toBe(0);
    });
  });
}
