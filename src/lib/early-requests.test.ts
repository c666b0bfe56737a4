import { screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import bootScript from '../../public/boot.js?raw';
import { renderApp } from '../testing/render';
import { demo, recordingFetch, startServer, type TestServer } from '../testing/test-server';
import { tokenStore } from './api-client';

type HappyDomWindow = Window & { happyDOM: { setURL(url: string): void } };
const page = window as unknown as HappyDomWindow;
const startUrl = location.href;

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  delete window.earlyRequests;
  page.happyDOM.setURL(startUrl);
  await server.close();
});

const listPage = '/connectors?status=active&sort=-lastSyncAt&scope=team';
const pageRequests = ['GET /api/v1/auth/me', 'GET /api/v1/connectors', 'GET /api/v1/connectors/counts', 'GET /api/v1/users'];

/** Opens `path` the way a browser does: the head's script runs first, before the app's code. */
function runEarlyScript(path: string) {
  page.happyDOM.setURL(new URL(path, location.origin).href);
  const early = recordingFetch(server.fetch);
  vi.stubGlobal('fetch', early.fetch);
  new Function(bootScript)();
  vi.unstubAllGlobals();
  return early.requests;
}

it('starts the list page requests before the app, which then asks for none of them itself', async () => {
  tokenStore.set(await server.token(demo.admin));
  expect(runEarlyScript(listPage)).toEqual(pageRequests);

  const app = recordingFetch(server.fetch);
  await renderApp(server, { route: listPage, fetch: app.fetch });

  expect(await screen.findByRole('switch', { name: 'Sync for Company Drive' })).toBeChecked();
  expect(await screen.findByRole('button', { name: /syncing/ })).toBeInTheDocument();
  // The live event stream is the app's own: it is no data the page waits for.
  expect(app.requests.filter((request) => request !== 'GET /api/v1/events')).toEqual([]);
  expect(window.earlyRequests).toEqual([]);
});

it('asks again when someone else signed in after the early requests left', async () => {
  tokenStore.set(await server.token(demo.admin));
  runEarlyScript(listPage);

  tokenStore.set(await server.token(demo.alice));
  const app = recordingFetch(server.fetch);
  await renderApp(server, { route: listPage, fetch: app.fetch });

  expect(await screen.findByText('Alice Martin')).toBeInTheDocument();
  expect(app.requests).toEqual(expect.arrayContaining(pageRequests));
});
