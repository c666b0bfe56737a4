import { fetchEventSource, type EventSourceMessage } from '@microsoft/fetch-event-source';
import { buildUrl, apiFetch, tokenStore } from './api-client';

class StreamRefused extends Error {}

const RETRY_MS = 2000;

/**
 * Follows a Server-Sent Events stream of the API with the session's token in a header (the browser's
 * EventSource cannot send one). It reconnects by itself with Last-Event-ID, pauses while the tab is
 * hidden, and stops for good when the server refuses the session. Returns how to stop.
 */
export function followEventStream(path: string, onMessage: (message: EventSourceMessage) => void): () => void {
  const controller = new AbortController();
  const token = tokenStore.get();
  if (!token) return () => {};
  void fetchEventSource(buildUrl(path), {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
    fetch: apiFetch,
    onopen: async (response) => {
      if (response.ok && response.headers.get('content-type')?.startsWith('text/event-stream')) return;
      if (response.status === 401 || response.status === 403) throw new StreamRefused(`HTTP ${response.status}`);
      throw new Error(`HTTP ${response.status}`);
    },
    onmessage: onMessage,
    onerror: (error) => {
      if (error instanceof StreamRefused) throw error;
      return RETRY_MS;
    },
  }).catch(() => undefined);
  return () => controller.abort();
}
