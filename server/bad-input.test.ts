import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBadInputIsHarmless } from './testing/bad-input';
import { startTestServer, type TestServer } from './testing/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// A quick pass on every run; `npm run test:stress` sends ten thousand.
it('answers generated bad input with the one error shape, never a 5xx, changing nothing', async () => {
  expect(await assertBadInputIsHarmless(server, 400)).toBe(400);
}, 120_000);
