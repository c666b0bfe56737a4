import type { TestServer } from './test-server';

// Tests read into bodies freely; the assertions are the type checks.
export type ApiResult = { status: number; body: any; headers: Headers; text: string };

/** A terse caller for API tests: JSON in, parsed JSON and the raw text out. */
export function apiAs(server: TestServer, token?: string) {
  return async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult> {
    const response = await server.fetch(`/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed, headers: response.headers, text };
  };
}

export type Api = ReturnType<typeof apiAs>;

/** The id of the connector with this name, as the given caller sees it. */
export async function idOf(api: Api, name: string): Promise<string> {
  const { body } = await api('GET', `/connectors?search=${encodeURIComponent(name)}&limit=200`);
  const found = (body?.connectors ?? []).find((connector: { instanceName: string }) => connector.instanceName === name);
  if (!found) throw new Error(`No visible connector named ${name}`);
  return found.connectorId;
}
