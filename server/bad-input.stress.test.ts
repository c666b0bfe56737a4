import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBadInputIsHarmless } from './testing/bad-input';
import { startTestServer, type TestServer } from './testing/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('answers ten thousand generated bad requests with the one error shape, never a 5xx, changing nothing', async () => {
  expect(await assertBadInputIsHarmless(server, 10_000)).toBe(10_000);
});
