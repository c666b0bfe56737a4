import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../../testing/render';
import { demo, serverConnector, startServer, type TestServer } from '../../../testing/test-server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const textbox = (name: string) => screen.getByRole('textbox', { name });

async function openCatalog(as: string = demo.admin) {
  const app = await renderApp(server, { as });
  await app.user.click(await screen.findByRole('link', { name: 'New connector' }));
  await screen.findByRole('heading', { level: 1, name: 'New connector' });
  return app;
}

describe('catalog', () => {
  it('finds types by search and by category, and says when nothing matches', async () => {
    const { user } = await openCatalog();
    expect(screen.getByRole('status')).toHaveTextContent('8 connector types');
    await user.type(screen.getByRole('searchbox', { name: 'Search connector types' }), 'atlassian');
    expect(screen.getByRole('status')).toHaveTextContent('2 connector types');
    expect(screen.getByRole('link', { name: 'Jira: set up' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Slack: set up' })).not.toBeInTheDocument();

    await user.clear(screen.getByRole('searchbox', { name: 'Search connector types' }));
    await user.click(within(screen.getByRole('group', { name: 'Category' })).getByRole('radio', { name: 'Storage' }));
    const names = screen.getAllByRole('link', { name: /: set up$/ }).map((link) => link.getAttribute('aria-label'));
    expect(names).toEqual(['Google Drive: set up', 'Amazon S3: set up']);

    await user.type(screen.getByRole('searchbox', { name: 'Search connector types' }), 'fax machine');
    expect(screen.getByText('No connector type matches.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show all types' }));
    expect(screen.getByRole('status')).toHaveTextContent('8 connector types');
  });

  it('tells a member that team-only types are for admins', async () => {
    await openCatalog(demo.alice);
    expect(screen.queryByRole('link', { name: 'PostgreSQL: set up' })).not.toBeInTheDocument();
    expect(screen.getAllByText('Team only: ask an admin to add one')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'Notion: set up' })).toBeInTheDocument();
  });
});

describe('creating a connector', () => {
  // One type per auth type, with what its form needs; every one ends on its own page.
  const cases = [
    { type: 'Slack', method: 'API token', fill: { 'API token': 'xoxb-1', Source: 'acme.slack.com' }, expect: { authType: 'API_TOKEN', isConfigured: true } },
    { type: 'PostgreSQL', fill: { Username: 'reader', Password: 'pw-1', Source: 'postgres://db/x' }, expect: { authType: 'USERNAME_PASSWORD', isConfigured: true } },
    { type: 'Notion', method: 'OAuth', fill: { Source: 'notion://wiki' }, expect: { authType: 'OAUTH', isConfigured: true, isAuthenticated: false } },
    { type: 'Google Drive', method: 'OAuth (admin consent)', fill: { 'Admin email': 'it@acme.test', Source: 'drive://x' }, expect: { authType: 'OAUTH_ADMIN_CONSENT', isConfigured: true } },
    { type: 'Web crawler', fill: { Source: 'https://acme.test' }, expect: { authType: 'NONE', isConfigured: true } },
  ] as const;

  for (const example of cases) {
    it(`creates a ${example.type} connector (${example.expect.authType}) from the catalog and lands on its page`, async () => {
      const { user } = await openCatalog();
      await user.click(screen.getByRole('link', { name: `${example.type}: set up` }));
      await screen.findByRole('heading', { level: 1, name: `New ${example.type} connector` });
      await user.type(textbox('Name'), `New ${example.type}`);
      if ('method' in example) await user.click(screen.getByRole('radio', { name: example.method }));
      for (const [label, value] of Object.entries(example.fill)) {
        const input = screen.queryByRole('textbox', { name: label }) ?? screen.getByLabelText(new RegExp(`^${label}`), { selector: 'input:not([type=radio])' });
        await user.clear(input);
        await user.type(input, value);
      }
      await user.click(screen.getByRole('button', { name: 'Create connector' }));

      await screen.findByRole('heading', { level: 1, name: `New ${example.type}` });
      const stored = await serverConnector(server, `New ${example.type}`);
      expect(stored).toMatchObject({ scope: 'team', createdBy: 'usr_admin', ...example.expect });
      const next = stored.isAuthenticated ? 'Ready to run' : `Next: sign in to ${example.type}`;
      expect(await screen.findByRole('alert', { name: next })).toBeInTheDocument();
    });
  }

  it("validates field by field with the contract's schema, and shows what the server refuses on the field", async () => {
    const { user } = await openCatalog();
    await user.click(screen.getByRole('link', { name: 'Jira: set up' }));
    await screen.findByRole('heading', { level: 1, name: 'New Jira connector' });
    await user.click(screen.getByRole('radio', { name: 'API token' }));
    await user.type(textbox('Site URL'), 'acme.atlassian');
    await user.tab();
    expect(await screen.findByText('Site URL must be a web address starting with https://')).toBeInTheDocument();
    await user.clear(textbox('Batch size'));
    await user.type(textbox('Batch size'), '0');
    await user.click(screen.getByRole('button', { name: 'Create connector' }));
    expect(await screen.findByText('Enter a name')).toBeInTheDocument();
    expect(screen.getByText('Batch size is at least 1')).toBeInTheDocument();

    await user.clear(textbox('Site URL'));
    await user.clear(textbox('Batch size'));
    await user.type(textbox('Batch size'), '50');
    // Taken: only the server knows, and its answer lands on the Name field.
    await user.type(textbox('Name'), 'support jira');
    await user.click(screen.getByRole('button', { name: 'Create connector' }));
    expect(await screen.findByText('A team connector named "support jira" already exists. Choose another name.')).toBeInTheDocument();
    expect(textbox('Name')).toHaveAccessibleDescription(/already exists/);
  });

  it('lets a member create a personal connector only, and says why', async () => {
    const { user } = await openCatalog(demo.alice);
    await user.click(screen.getByRole('link', { name: 'Slack: set up' }));
    await screen.findByRole('heading', { level: 1, name: 'New Slack connector' });
    expect(screen.getByRole('radio', { name: 'Team' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: 'Personal' })).toBeChecked();
    expect(screen.getByText(/Only admins can create team connectors, so yours is personal/)).toBeInTheDocument();
    await user.type(textbox('Name'), 'My Slack');
    await user.click(screen.getByRole('button', { name: 'Create connector' }));
    await screen.findByRole('heading', { level: 1, name: 'My Slack' });
    expect(await serverConnector(server, 'My Slack', demo.alice)).toMatchObject({ scope: 'personal', createdBy: 'usr_alice', isConfigured: false });
    expect(await screen.findByRole('alert', { name: 'Next: finish the configuration' })).toHaveTextContent('Fill in API token and Source');
  });

  it('shows the new connector in the list at once', async () => {
    const { user } = await openCatalog();
    await user.click(screen.getByRole('link', { name: 'Web crawler: set up' }));
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Aaa Docs Site');
    await user.click(screen.getByRole('button', { name: 'Create connector' }));
    await screen.findByRole('heading', { level: 1, name: 'Aaa Docs Site' });
    await user.click(screen.getByRole('link', { name: '← All connectors' }));
    await waitFor(() => expect(screen.getByRole('link', { name: 'Aaa Docs Site' })).toBeInTheDocument());
  });
});
