import type { z } from 'zod';
import { errorResponseSchema, type ErrorCode } from '../../contract/errors';
import { env } from '../config/env';
import { takeEarlyResponse } from './early-requests';

/** The server's codes, plus what can go wrong before or after the server answers. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'TIMEOUT' | 'INVALID_RESPONSE';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, or 0 when no answer arrived (offline, timeout). */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The server may or may not have applied the request: it failed, or its answer never arrived. */
  get outcomeUnknown(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * Sends a write; when it fails in a way that leaves its effect unknown (5xx, lost answer), asks the
 * server what it holds before telling the user anything: `landed` returns the result if it did.
 */
export async function writeOrConfirm<T>(send: () => Promise<T>, landed: () => Promise<T | null | undefined>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!isApiError(error) || !error.outcomeUnknown) throw error;
    const current = await landed().catch(() => null);
    if (current) return current;
    throw error;
  }
}

const TOKEN_KEY = 'connector-console.token';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

type Config = {
  fetch: typeof fetch;
  baseUrl: string;
  timeoutMs: number;
  onUnauthenticated: () => void;
};

const config: Config = {
  // Looked up on every call so that a fetch installed later (tests, service workers) is used.
  fetch: (...args) => globalThis.fetch(...args),
  baseUrl: env.apiBaseUrl,
  timeoutMs: env.apiTimeoutMs,
  onUnauthenticated: () => undefined,
};

/** The fetch the API client uses (the server's, in tests), for requests it does not make itself. */
export const apiFetch: typeof fetch = (...args) => config.fetch(...args);

export function configureApiClient(overrides: Partial<Config>): void {
  Object.assign(config, overrides);
}

type Query = Record<string, string | number | boolean | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Calls made without a session (sign-in, demo accounts) must not trigger the signed-out redirect. */
  authenticated?: boolean;
};

export function buildUrl(path: string, query?: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return `${config.baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

/** Settles as `response` does, unless `signal` aborts first. */
function untilAborted(response: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason));
    response.then(resolve, reject);
  });
}

async function send(url: string, init: RequestInit, token: string | null, callerSignal?: AbortSignal): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.timeoutMs);
  const forwardAbort = () => controller.abort();
  if (callerSignal?.aborted) controller.abort();
  callerSignal?.addEventListener('abort', forwardAbort);
  try {
    const early = init.method === 'GET' ? takeEarlyResponse(url, token) : undefined;
    return await (early ? untilAborted(early, controller.signal) : config.fetch(url, { ...init, signal: controller.signal }));
  } catch (error) {
    // A caller's cancellation (TanStack Query cancelling a fetch) is not a failure to report.
    if (callerSignal?.aborted) throw callerSignal.reason ?? error;
    if (timedOut) throw new ApiError(0, 'TIMEOUT', 'The server took too long to answer. Try again.');
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach the server. Check your connection and try again.');
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forwardAbort);
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function errorFromResponse(response: Response, body: unknown): ApiError {
  const parsed = errorResponseSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details);
  }
  if (response.status >= 500) {
    return new ApiError(response.status, 'INTERNAL', `The server failed to answer (HTTP ${response.status}). Try again.`);
  }
  return new ApiError(response.status, 'INVALID_RESPONSE', `The server refused the request (HTTP ${response.status}).`);
}

/** Sends one request and parses the answer with the contract's schema; every failure is an ApiError. */
export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
  const { method = 'GET', query, body, headers = {}, signal, authenticated = true } = options;
  const token = authenticated ? tokenStore.get() : null;
  const response = await send(
    buildUrl(path, query),
    {
      method,
      // Lower-case names, as HTTP/2 sends them; some Headers implementations keep the case as given.
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        // The activity records a write as the dashboard's rather than a script's.
        ...(method === 'GET' ? {} : { 'x-client': 'dashboard' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    token,
    signal,
  );
  const json = await readJson(response);

  if (!response.ok) {
    const error = errorFromResponse(response, json);
    if (response.status === 401 && authenticated) {
      tokenStore.clear();
      config.onUnauthenticated();
    }
    throw error;
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(response.status, 'INVALID_RESPONSE', 'The server sent an answer this page does not understand. Reload the page and try again.', parsed.error.issues);
  }
  return parsed.data;
}
