import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, idOf, type Api } from '../../../server/testing/api';
import { selectRows } from '../../../server/testing/test-database';
import { openConnectorPage, renderApp } from '../../testing/render';
import { demo, faultyFetch, startServer, type TestServer } from '../../testing/test-server';
import { PAGE_SIZE } from './api';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const as = async (email: string) => apiAs(server, await server.token(email));

/** Sends a change the way a script would (without the dashboard's header), and checks it was made. */
async function change(api: Api, method: string, path: string, body?: unknown) {
  const { status, text } = await api(method, path, body);
  expect(status, text).toBe(200);
}
const toggle = async (api: Api, name: string, type: 'sync' | 'agent', enabled: boolean) =>
  change(api, 'POST', `/connectors/${await idOf(api, name)}/toggle`, { type, enabled });
const rename = async (api: Api, name: string, instanceName: string) => change(api, 'PUT', `/connectors/${await idOf(api, name)}/name`, { instanceName });

const timeline = (container: HTMLElement = document.body) => within(container).getByRole('list', { name: 'Activity, newest first' });
/** The sentence of each entry shown, newest first. */
const sentences = (container?: HTMLElement) =>
  within(timeline(container))
    .getAllByRole('listitem')
    .map((item) => item.firstElementChild?.textContent);
const activitySection = () => screen.getByRole('region', { name: 'Activity' });
const location = (router: { state: { location: { search: string } } }) => new URLSearchParams(router.state.location.search);

async function choose(user: { click: (element: Element) => Promise<void> }, label: string, option: string) {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('activity on the connector page', () => {
  it("lists the connector's own changes, newest first with the exact time on hover, and adds one made on the page", async () => {
    const admin = await as(demo.admin);
    await toggle(admin, 'Company Drive', 'agent', false);
    await change(admin, 'PUT', `/connectors/${await idOf(admin, 'Company Drive')}/config`, { sync: { batchSize: 250 } });
    await toggle(admin, 'Engineering Slack', 'sync', false);

    const { user } = await openConnectorPage(server, 'Company Drive');
    await waitFor(() =>
      expect(sentences(activitySection())).toEqual([
        'Ada Admin changed the settings of Company Drive through the API: Batch size',
        'Ada Admin turned the agent off for Company Drive through the API',
      ]),
    );
    const time = within(timeline()).getAllByText('just now')[0]!;
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('title', expect.stringMatching(/\d{1,2}:\d{2}/));
    // On its own page the connector's name is no link.
    expect(within(activitySection()).queryByRole('link')).toBeNull();

    // The dashboard's own change: no "through the API".
    await user.click(screen.getByRole('switch', { name: 'Sync for Company Drive' }));
    await waitFor(() => expect(sentences(activitySection())[0]).toBe('Ada Admin turned sync off for Company Drive'));
    expect(sentences(activitySection())).toHaveLength(3);
  });

  it('says when there is no activity yet, and offers a retry when it cannot be loaded', async () => {
    const faults = faultyFetch(server.fetch);
    faults.fail('GET', /\/activity$/);
    const { user } = await openConnectorPage(server, 'Company Drive', { fetch: faults.fetch });
    expect(await within(activitySection()).findByText('Could not load the activity')).toBeInTheDocument();
    await user.click(within(activitySection()).getByRole('button', { name: 'Try again' }));
    expect(await within(activitySection()).findByText('No activity yet')).toBeInTheDocument();
  });
});

describe('the Activity page', () => {
  it("is reached from the header and tells what everyone did, each connector's name linking to its page unless it was deleted", async () => {
    const alice = await as(demo.alice);
    const admin = await as(demo.admin);
    await rename(alice, 'Alice Notion', 'Alice wiki');
    await toggle(admin, 'Engineering Slack', 'sync', false);
    const website = await idOf(admin, 'Public Website');
    await rename(admin, 'Public Website', 'Public site');
    await change(admin, 'DELETE', `/connectors/${website}`);

    const { user, router } = await renderApp(server, { as: demo.admin });
    await user.click(within(await screen.findByRole('banner')).getByRole('link', { name: 'Activity' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Activity' })).toBeInTheDocument();
    await waitFor(() =>
      expect(sentences()).toEqual([
        'Ada Admin deleted Public site through the API',
        'Ada Admin renamed Public Website to Public site through the API',
        'Ada Admin turned sync off for Engineering Slack through the API',
        'Alice Martin renamed Alice Notion to Alice wiki through the API',
      ]),
    );
    expect(within(timeline()).queryAllByRole('link', { name: /^Public / })).toEqual([]);

    await user.click(within(timeline()).getByRole('link', { name: 'Engineering Slack' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Engineering Slack' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/connectors/${await idOf(admin, 'Engineering Slack')}`);
    await waitFor(() => expect(sentences(activitySection())).toEqual(['Ada Admin turned sync off for Engineering Slack through the API']));
  });

  it('filters by action, person and period, keeping them in the URL, and clears them', async () => {
    const admin = await as(demo.admin);
    const alice = await as(demo.alice);
    await toggle(admin, 'Engineering Slack', 'sync', false);
    await toggle(alice, 'Alice Drive', 'sync', false);
    await rename(admin, 'Support Jira', 'Support tickets');
    const all = [
      'Ada Admin renamed Support Jira to Support tickets through the API',
      'Alice Martin turned sync off for Alice Drive through the API',
      'Ada Admin turned sync off for Engineering Slack through the API',
    ];

    const { user, router } = await renderApp(server, { as: demo.admin, route: '/activity' });
    await waitFor(() => expect(sentences()).toEqual(all));

    await choose(user, 'Action', 'Turned sync off');
    expect(location(router).get('action')).toBe('sync_off');
    await waitFor(() => expect(sentences()).toEqual(all.slice(1)));

    await choose(user, 'Person', 'Alice Martin');
    expect(location(router).get('person')).toBe('usr_alice');
    expect(location(router).get('action')).toBe('sync_off');
    await waitFor(() => expect(sentences()).toEqual([all[1]]));

    await choose(user, 'Person', 'Bob Chen');
    expect(await screen.findByText('No activity matches these filters')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(router.state.location.search).toBe('');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Action' })).toHaveValue('Any action'));
    expect(screen.getByRole('combobox', { name: 'Person' })).toHaveValue('Anyone');
    await waitFor(() => expect(sentences()).toEqual(all));

    // Alice's change two days ago: the last 24 hours leave it out.
    await selectRows(server.database, "update connector_activity set at = now() - interval '2 days' where actor_id = 'usr_alice'");
    await choose(user, 'Period', 'Last 24 hours');
    expect(location(router).get('period')).toBe('24h');
    await waitFor(() => expect(sentences()).toEqual([all[0], all[2]]));
    await choose(user, 'Period', 'Last 7 days');
    await waitFor(() => expect(sentences()).toEqual(all));
  });

  it('opens with the filters of a shared link', async () => {
    const admin = await as(demo.admin);
    await toggle(admin, 'Engineering Slack', 'sync', false);
    await rename(admin, 'Support Jira', 'Support tickets');

    await renderApp(server, { as: demo.admin, route: '/activity?action=renamed&person=usr_admin&period=7d' });
    await waitFor(() => expect(sentences()).toEqual(['Ada Admin renamed Support Jira to Support tickets through the API']));
    expect(screen.getByRole('combobox', { name: 'Action' })).toHaveValue('Renamed');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Person' })).toHaveValue('Ada Admin'));
    expect(screen.getByRole('combobox', { name: 'Period' })).toHaveValue('Last 7 days');
  });

  it("shows a member team connectors' changes and their own, never another member's personal connector", async () => {
    await toggle(await as(demo.bob), 'Bob Jira', 'agent', false);
    await rename(await as(demo.alice), 'Alice Notion', 'Alice wiki');
    await toggle(await as(demo.admin), 'Engineering Slack', 'sync', false);

    await renderApp(server, { as: demo.alice, route: '/activity' });
    expect(await screen.findByText("Changes to team connectors and to your own, newest first.")).toBeInTheDocument();
    await waitFor(() =>
      expect(sentences()).toEqual([
        'Ada Admin turned sync off for Engineering Slack through the API',
        'Alice Martin renamed Alice Notion to Alice wiki through the API',
      ]),
    );
    expect(screen.queryByText(/Bob Jira/)).toBeNull();
  });

  it("shows an admin the history of a member's personal connector, without a link to a page only its creator may open", async () => {
    await rename(await as(demo.alice), 'Alice Notion', 'Alice wiki');
    await toggle(await as(demo.admin), 'Engineering Slack', 'sync', false);
    await renderApp(server, { as: demo.admin, route: '/activity' });
    await waitFor(() => expect(sentences()).toHaveLength(2));
    expect(screen.queryByRole('link', { name: 'Alice wiki' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Alice Notion' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Engineering Slack' })).toBeInTheDocument();
  });

  it('says when there is no activity yet', async () => {
    await renderApp(server, { as: demo.bob, route: '/activity' });
    expect(await screen.findByText('No activity yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });
});

it('pages through a long history: "Show more" on the connector page, "Load more" on the Activity page', async () => {
  const admin = await as(demo.admin);
  const count = PAGE_SIZE + 1;
  // Off, on, off…: the oldest and the newest entry turn sync off.
  for (let index = 0; index < count; index += 1) await toggle(admin, 'Engineering Slack', 'sync', index % 2 === 1);
  const oldest = 'Ada Admin turned sync off for Engineering Slack through the API';

  const { user } = await openConnectorPage(server, 'Engineering Slack');
  await waitFor(() => expect(sentences(activitySection())).toHaveLength(PAGE_SIZE));
  await user.click(within(activitySection()).getByRole('button', { name: 'Show more' }));
  await waitFor(() => expect(sentences(activitySection())).toHaveLength(count));
  expect(sentences(activitySection()).at(-1)).toBe(oldest);
  expect(within(activitySection()).queryByRole('button', { name: 'Show more' })).toBeNull();

  await user.click(within(screen.getByRole('banner')).getByRole('link', { name: 'Activity' }));
  await screen.findByRole('heading', { level: 1, name: 'Activity' });
  await waitFor(() => expect(sentences()).toHaveLength(PAGE_SIZE));
  await user.click(screen.getByRole('button', { name: 'Load more' }));
  await waitFor(() => expect(sentences()).toHaveLength(count));
  expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
});
