import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/test-server';

const SOURCE = 'openapi.json';

let server: TestServer;
let doc: string;

beforeAll(async () => {
  server = await startTestServer({ seed: 'none' });
  const response = await server.fetch('/api/v1/openapi.json');
  expect(response.status).toBe(200);
  doc = await response.text();
});
afterAll(() => server.close());

function describeProblem(problem: NormalizedProblem): string {
  const where = problem.location.map((location) => location.pointer ?? location.source.absoluteRef).join(', ');
  return `${problem.severity} ${problem.ruleId}: ${problem.message} at ${where}`;
}

it("passes Redocly's recommended rules without an error or a warning", async () => {
  const config = await createConfig(
    { extends: ['recommended'] },
    {
      ignore: {
        [SOURCE]: {
          // Public and without input: they cannot answer a 4XX, and a made-up one would mislead clients.
          'operation-4xx-response': new Set(['#/paths/~1health/get/responses', '#/paths/~1auth~1demo-accounts/get/responses']),
          // A browser arrives here from the provider: every outcome, errors too, is a redirect back to the page.
          'operation-2xx-response': new Set(['#/paths/~1connectors~1oauth~1callback/get/responses']),
        },
      },
    },
  );
  const problems = await lintFromString({ source: doc, absoluteRef: SOURCE, config });
  expect(problems.filter((problem) => !problem.ignored).map(describeProblem)).toEqual([]);
});

it('marks exactly the operations open without a token as public', () => {
  const { paths } = JSON.parse(doc) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  const open = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.security?.length === 0)
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
  // The same list as publicRequests in app.ts; the document itself is served there too but is not an operation.
  expect(open.sort()).toEqual([
    'GET /auth/demo-accounts',
    'GET /connectors/oauth/callback',
    'GET /health',
    'GET /setup',
    'POST /auth/login',
    'POST /invitations/accept',
    'POST /invitations/lookup',
    'POST /setup',
  ]);
});
