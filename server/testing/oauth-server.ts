import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app';
import { createDemoOAuthProvider, type DemoOAuthProvider } from '../demo-oauth/demo-provider';
import { ephemeralSealer } from '../secrets/keys';
import type { Sealer } from '../secrets/sealer';
import type { Database } from '../store/database';
import { DEMO_ORG_ID, demoAccounts, demoUsers, seedDemo } from '../store/demo-seed';
import { createStore, type Store } from '../store/store';
import { freePort } from './server-process';
import { freshPglite } from './test-database';

export type OAuthTestServer = {
  url: string;
  store: Store;
  sealer: Sealer;
  provider: DemoOAuthProvider;
  database: Database;
  logs: string[];
  token(email: string): Promise<string>;
  close(): Promise<void>;
};

/** The server app over HTTP on demo data, with the demo OAuth provider mounted: sign-ins make real redirects and token requests. */
export async function startOAuthTestServer(options: { database?: Database } = {}): Promise<OAuthTestServer> {
  const database = options.database ?? (await freshPglite());
  const sealer = ephemeralSealer();
  await seedDemo(database.db, sealer);
  const store = createStore(database, sealer);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = createDemoOAuthProvider({ origins: [url] });
  await provider.configureApps(store.oauthApps, DEMO_ORG_ID, demoUsers[0].id);
  const logs: string[] = [];
  const app = createApp({ store, demo: demoAccounts(true), log: (line) => logs.push(line), demoOAuth: provider });
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(started));
  });
  return {
    url,
    store,
    sealer,
    provider,
    database,
    logs,
    async token(email) {
      const user = await store.users.findByEmail(email);
      if (!user) throw new Error(`No user ${email}`);
      return (await store.users.createSession(user.id)).token;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

/**
 * A browser as far as a sign-in needs one: it keeps cookies per site and follows redirects until it
 * reaches a page, recording every address and answer on the way.
 */
export function testBrowser() {
  const jar = new Map<string, Map<string, string>>();
  const seen: string[] = [];

  const cookiesFor = (url: URL) => [...(jar.get(url.host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  const keep = (url: URL, response: Response) => {
    const site = jar.get(url.host) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      const gone = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (gone) site.delete(name.trim());
      else site.set(name.trim(), value.trim());
    }
    jar.set(url.host, site);
  };

  async function request(input: string, init: RequestInit = {}): Promise<{ url: URL; response: Response; text: string }> {
    let url = new URL(input);
    let response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: cookiesFor(url) } });
    for (let hops = 0; ; hops++) {
      keep(url, response);
      seen.push(`${response.status} ${url.href}`);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) break;
      if (hops > 20) throw new Error(`too many redirects: ${seen.join('\n')}`);
      const next = new URL(location, url);
      // The dashboard's pages are the SPA's: where the browser ends up is all that matters.
      if (!next.pathname.startsWith('/api/') && !next.pathname.startsWith('/demo-oauth')) return { url: next, response, text: '' };
      url = next;
      response = await fetch(url, { redirect: 'manual', headers: { cookie: cookiesFor(url) } });
    }
    return { url, response, text: await response.text() };
  }

  return {
    request,
    seen,
    /** Submits the provider page's form at `url` with these fields. */
    submit: (url: URL, fields: Record<string, string>) =>
      request(url.href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }),
  };
}

export type TestBrowser = ReturnType<typeof testBrowser>;
