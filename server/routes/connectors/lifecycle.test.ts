import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectorTypes } from '../../../contract/connector-types';
import { apiAs, idOf, type Api } from '../../testing/api';
import { freshDatabase, selectRows, type Backend } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';

const postgresUrl = inject('postgresUrl');
const backends: Backend[] = ['pglite', 'postgres'];

const slack = (instanceName: string, scope = 'team', token = 'xoxb-test-token') => ({
  connectorType: 'slack',
  instanceName,
  scope,
  authType: 'API_TOKEN',
  config: { auth: { apiToken: token }, sync: { source: 'acme.slack.com' } },
});

for (const backend of backends) {
  describe.skipIf(backend === 'postgres' && !postgresUrl)(`connector lifecycle on ${backend}`, () => {
    let server: TestServer;
    let admin: Api;
    let alice: Api;
    let bob: Api;
    const count = async (api: Api) => (await api('GET', '/connectors/counts')).body.counts.total as number;

    beforeEach(async () => {
      server = await startTestServer({ database: await freshDatabase(backend, postgresUrl) });
      admin = apiAs(server, await server.token('admin@acme.test'));
      alice = apiAs(server, await server.token('alice@acme.test'));
      bob = apiAs(server, await server.token('bob@acme.test'));
    });
    afterEach(() => server.close());

    describe('registry', () => {
      it('lists the types by scope and search, with the documented names', async () => {
        const all = await admin('GET', '/connectors/registry');
        expect(all.status).toBe(200);
        expect(all.body.connectors).toHaveLength(connectorTypes.length);
        expect(all.body.connectors[0]).toEqual({
          connectorType: 'google-drive',
          displayName: 'Google Drive',
          description: expect.any(String),
          appGroup: 'Google Workspace',
          authTypes: ['OAUTH', 'OAUTH_ADMIN_CONSENT'],
          supportedScopes: ['team', 'personal'],
          supportsSync: true,
          supportsAgent: true,
          categories: ['Storage'],
        });
        const personal = await alice('GET', '/connectors/registry?scope=personal');
        expect(personal.body.connectors.map((type: { connectorType: string }) => type.connectorType)).not.toContain('postgres');
        const atlassian = await admin('GET', '/connectors/registry?search=ATLASSIAN');
        expect(atlassian.body.connectors.map((type: { connectorType: string }) => type.connectorType)).toEqual(['jira', 'confluence']);
        const paged = await admin('GET', '/connectors/registry?limit=3&page=2');
        expect(paged.body.pagination).toMatchObject({ page: 2, limit: 3, total: 8, totalCount: 8, hasMore: true, hasNext: true, hasPrev: true });
      });

      it("describes a type's fields, and 404s an unknown type", async () => {
        const jira = await admin('GET', '/connectors/registry/jira/schema');
        expect(jira.body.schema.authSchema.API_TOKEN.fields.map((field: { label: string }) => field.label)).toEqual(['Site URL', 'Username', 'API token']);
        expect(jira.body.schema.authSchema.OAUTH.fields).toEqual([]);
        expect(jira.body.schema.syncSchema.fields.map((field: { label: string }) => field.label)).toEqual(['Source', 'Batch size', 'Sync every (minutes)']);
        expect(jira.body.schema.requiredFields.API_TOKEN).toEqual(['auth.siteUrl', 'auth.username', 'auth.apiToken', 'sync.source', 'sync.batchSize']);
        const missing = await admin('GET', '/connectors/registry/fax/schema');
        expect(missing.status).toBe(404);
        expect(missing.body.error.code).toBe('NOT_FOUND');
      });
    });

    describe('create', () => {
      it('creates a configured connector with its secret sealed, and 201', async () => {
        const before = await count(admin);
        const created = await admin('POST', '/connectors', slack('Revenue Slack'));
        expect(created.status).toBe(201);
        expect(created.headers.get('etag')).toBe('"1"');
        expect(created.body.connector).toMatchObject({
          instanceName: 'Revenue Slack',
          connectorType: 'slack',
          scope: 'team',
          authType: 'API_TOKEN',
          createdBy: 'usr_admin',
          isConfigured: true,
          isAuthenticated: true,
          syncEnabled: false,
          dataLoaderConfig: { source: 'acme.slack.com', batchSize: 100, auth: { hasPassword: true } },
        });
        expect(created.text).not.toContain('xoxb-test-token');
        expect(await count(admin)).toBe(before + 1);
        const id = created.body.connector.connectorId;
        const config = await admin('GET', `/connectors/${id}/config`);
        expect(config.body.config).toMatchObject({ config: { auth: {}, sync: { source: 'acme.slack.com', batchSize: 100 }, filters: {}, storedSecrets: ['apiToken'] } });
        // Ready to run: the switch can be turned on at once.
        expect((await admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true })).status).toBe(200);
      });

      it('creates an OAuth connector that waits for its sign-in, and one with nothing configured yet', async () => {
        const oauth = await admin('POST', '/connectors', { connectorType: 'notion', instanceName: 'Wiki', scope: 'team', config: { sync: { source: 'notion://wiki' } } });
        expect(oauth.body.connector).toMatchObject({ authType: 'OAUTH', isConfigured: true, isAuthenticated: false });
        const bare = await admin('POST', '/connectors', { connectorType: 'web', instanceName: 'Blog', scope: 'team' });
        expect(bare.status).toBe(201);
        expect(bare.body.connector).toMatchObject({ authType: 'NONE', isConfigured: false });
      });

      it.each([
        ['admin', 'team', 201],
        ['admin', 'personal', 201],
        ['member', 'team', 403],
        ['member', 'personal', 201],
      ] as const)('%s creating a %s connector -> %i', async (who, scope, status) => {
        const api = who === 'admin' ? admin : alice;
        const before = await count(admin);
        const result = await api('POST', '/connectors', slack(`${who} ${scope}`, scope));
        expect(result.status).toBe(status);
        if (status === 403) {
          expect(result.body.error).toEqual({ code: 'FORBIDDEN', message: 'Only admins can create team connectors; you can create personal ones' });
          expect(await count(admin)).toBe(before);
        } else {
          expect(result.body.connector.createdBy).toBe(who === 'admin' ? 'usr_admin' : 'usr_alice');
          // A personal connector is its creator's alone.
          const other = who === 'admin' ? alice : bob;
          const seen = await other('GET', `/connectors/${result.body.connector.connectorId}`);
          expect(seen.status).toBe(scope === 'team' ? 200 : 404);
        }
      });

      it.each([
        ['an unknown type', { connectorType: 'fax' }, 'connectorType', 'There is no connector type "fax"'],
        ['a scope the type does not have', { connectorType: 'postgres', scope: 'personal', authType: 'USERNAME_PASSWORD' }, 'scope', 'PostgreSQL connectors can only be team connectors'],
        ['an auth type the type does not have', { authType: 'USERNAME_PASSWORD' }, 'authType', 'Slack signs in with OAUTH or API_TOKEN'],
        ['an empty name', { instanceName: '  ' }, 'instanceName', 'Enter a name'],
        ['a url that is not one', { connectorType: 'jira', config: { auth: { siteUrl: 'acme.atlassian' } } }, 'config.auth.siteUrl', 'Site URL must be a web address starting with https://'],
        ['an address without https', { connectorType: 'jira', config: { auth: { siteUrl: 'http://acme.atlassian.net' } } }, 'config.auth.siteUrl', 'Site URL must be a web address starting with https://'],
        ['a password inside an address', { connectorType: 'postgres', config: { sync: { source: 'postgres://reader:pw@db/x' } } }, 'config.sync.source', 'Leave the password out of Source: it has a field of its own, where it is stored encrypted'],
        ['a number out of range', { config: { sync: { batchSize: 0 } } }, 'config.sync.batchSize', 'Batch size is at least 1'],
        ['a number that is text', { config: { sync: { syncIntervalMinutes: '15' } } }, 'config.sync.syncIntervalMinutes', 'Sync every (minutes) must be a number'],
        ['a choice not offered', { connectorType: 's3', config: { auth: { region: 'mars-1' } } }, 'config.auth.region', 'Choose one of: us-east-1, us-west-2, eu-west-1, eu-central-1, ap-southeast-1'],
        ['a secret too long', { config: { auth: { apiToken: 'x'.repeat(4001) } } }, 'config.auth.apiToken', 'API token is at most 4000 characters'],
        ['a text too long', { connectorType: 'jira', config: { auth: { username: 'x'.repeat(501) } } }, 'config.auth.username', 'Username is at most 500 characters'],
        ['a field the type does not have', { config: { auth: { password: 'p' } } }, 'config.auth', 'Unrecognized key: "password"'],
      ])('refuses %s with 400 naming the field, creating nothing', async (_case, change, path, message) => {
        const before = await count(admin);
        const base = { connectorType: 'slack', instanceName: 'Checked', scope: 'team', authType: 'API_TOKEN' };
        const { connectorType = base.connectorType } = change as { connectorType?: string };
        const authType = connectorType === 'slack' ? base.authType : (connectorTypes.find((type) => type.id === connectorType)?.authTypes.at(-1) ?? 'NONE');
        const result = await admin('POST', '/connectors', { ...base, authType, ...change });
        expect(result.status).toBe(400);
        expect(result.body.error.code).toBe('VALIDATION_ERROR');
        expect(result.body.error.details).toContainEqual(expect.objectContaining({ path: path.split('.'), message }));
        expect(await count(admin)).toBe(before);
      });

      it('keeps names unique per org and scope, and personal ones per person', async () => {
        expect((await admin('POST', '/connectors', slack('Ops Slack'))).status).toBe(201);
        const again = await admin('POST', '/connectors', slack('ops slack'));
        expect(again.status).toBe(409);
        expect(again.body.error).toEqual({ code: 'CONFLICT', message: 'A team connector named "ops slack" already exists. Choose another name.' });
        expect((await alice('POST', '/connectors', slack('Ops Slack', 'personal'))).status).toBe(201);
        expect((await bob('POST', '/connectors', slack('Ops Slack', 'personal'))).status).toBe(201);
        const twice = await bob('POST', '/connectors', slack('Ops Slack', 'personal'));
        expect(twice.body.error.message).toBe('You already have a personal connector named "Ops Slack". Choose another name.');
      });
    });

    describe('rename and configure', () => {
      it('renames, refusing a taken name and a stale If-Match', async () => {
        const id = await idOf(admin, 'Support Jira');
        const renamed = await admin('PUT', `/connectors/${id}/name`, { instanceName: 'Helpdesk Jira' });
        expect(renamed.status).toBe(200);
        expect(renamed.body.connector).toMatchObject({ instanceName: 'Helpdesk Jira', version: 2 });
        const taken = await admin('PUT', `/connectors/${id}/name`, { instanceName: 'Company Drive' });
        expect(taken.status).toBe(409);
        expect(taken.body.error.message).toBe('A team connector named "Company Drive" already exists. Choose another name.');
        const stale = await admin('PUT', `/connectors/${id}/name`, { instanceName: 'Other' }, { 'if-match': '"1"' });
        expect(stale.status).toBe(412);
        expect((await admin('GET', `/connectors/${id}`)).body.connector).toMatchObject({ instanceName: 'Helpdesk Jira', version: 2 });
      });

      it('merges a partial configuration, keeps an omitted secret, and refuses bad values changing nothing', async () => {
        const id = await idOf(admin, 'Support Jira');
        const before = (await admin('GET', `/connectors/${id}/config`)).body.config;
        const merged = await admin('PUT', `/connectors/${id}/config`, { sync: { batchSize: 250, syncIntervalMinutes: 60 }, filters: { projects: 'SUP' } }, { 'if-match': '"1"' });
        expect(merged.status).toBe(200);
        expect(merged.headers.get('etag')).toBe('"2"');
        expect(merged.body.config.config).toEqual({
          auth: before.config.auth,
          sync: { ...before.config.sync, batchSize: 250, syncIntervalMinutes: 60 },
          filters: { projects: 'SUP' },
          storedSecrets: ['apiToken'],
        });
        const cleared = await admin('PUT', `/connectors/${id}/config`, { sync: { syncIntervalMinutes: null }, auth: { apiToken: '' } });
        expect(cleared.body.config.config.sync).not.toHaveProperty('syncIntervalMinutes');
        expect(cleared.body.config.config.storedSecrets).toEqual(['apiToken']);
        const emptied = await admin('PUT', `/connectors/${id}/config`, { sync: { source: '' } });
        expect(emptied.body.config).toMatchObject({ isConfigured: false });

        const current = (await admin('GET', `/connectors/${id}/config`)).body.config;
        const bad = await admin('PUT', `/connectors/${id}/config`, { sync: { batchSize: 20_000 } });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toBe('sync.batchSize: Batch size is at most 10000');
        const stale = await admin('PUT', `/connectors/${id}/config`, { sync: { batchSize: 5 } }, { 'if-match': '"1"' });
        expect(stale.status).toBe(412);
        expect((await admin('GET', `/connectors/${id}/config`)).body.config).toEqual(current);
      });
    });

    describe('delete', () => {
      it('deletes a connector everywhere, with its secrets, and the counts follow', async () => {
        const id = await idOf(admin, 'Support Jira');
        const before = await count(admin);
        const stale = await admin('DELETE', `/connectors/${id}`, undefined, { 'if-match': '"7"' });
        expect(stale.status).toBe(412);
        const deleted = await admin('DELETE', `/connectors/${id}`, undefined, { 'if-match': '"1"' });
        expect(deleted.status).toBe(200);
        expect(deleted.body).toEqual({ success: true, message: 'Deleted Support Jira' });
        for (const [method, path] of [['GET', ''], ['GET', '/config'], ['DELETE', ''], ['PUT', '/name']] as const) {
          const result = await admin(method, `/connectors/${id}${path}`, method === 'PUT' ? { instanceName: 'x' } : undefined);
          expect(result.status).toBe(404);
        }
        expect((await admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: false })).status).toBe(404);
        expect(await count(admin)).toBe(before - 1);
        const list = await admin('GET', '/connectors?limit=200');
        expect(list.body.connectors.map((connector: { connectorId: string }) => connector.connectorId)).not.toContain(id);
        expect(await selectRows(server.database, `select id from connectors where id = '${id}'`)).toEqual([]);
        // The name is free again.
        expect((await admin('POST', '/connectors', { connectorType: 'jira', instanceName: 'Support Jira', scope: 'team' })).status).toBe(201);
      });

      it('settles a delete racing toggles: gone, and every toggle either landed before it or found nothing', async () => {
        const id = await idOf(admin, 'Analytics Warehouse');
        const results = await Promise.all([
          admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: false }),
          admin('DELETE', `/connectors/${id}`),
          admin('POST', `/connectors/${id}/toggle`, { type: 'sync', enabled: true }),
        ]);
        expect(results[1]!.status).toBe(200);
        for (const toggle of [results[0]!, results[2]!]) expect([200, 404]).toContain(toggle.status);
        expect((await admin('GET', `/connectors/${id}`)).status).toBe(404);
        const counts = (await admin('GET', '/connectors/counts')).body.counts;
        const scanned = await selectRows<{ n: number }>(server.database, `select count(*)::int as n from connectors where org_id = 'org_acme' and (scope = 'team' or created_by = 'usr_admin') and sync_enabled`);
        expect(counts.syncing).toBe(scanned[0]!.n);
      });
    });

    it('lists active and inactive connectors as documented', async () => {
      const active = await admin('GET', '/connectors/active?limit=200');
      const inactive = await admin('GET', '/connectors/inactive?limit=200');
      expect(active.body.connectors.length).toBeGreaterThan(0);
      expect(active.body.connectors.every((connector: { isActive: boolean }) => connector.isActive)).toBe(true);
      expect(inactive.body.connectors.every((connector: { isActive: boolean }) => !connector.isActive)).toBe(true);
      expect(active.body.pagination.total + inactive.body.pagination.total).toBe(await count(admin));
      expect(active.body.pagination.total).toBe(active.body.connectors.length);
    });
  });
}
