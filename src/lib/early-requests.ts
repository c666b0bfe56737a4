/**
 * public/boot.js, a plain script in the page's head, starts the list page's requests (the session,
 * the first page of rows, the counts, the users) while this app's code still downloads and
 * evaluates. The API client takes those answers instead of asking again, when the URL and the token
 * are the same; it sends its own request for anything else. The script repeats the token's storage
 * key, the API's paths and the page size: early-requests.test.ts checks that they still match.
 */
type EarlyRequest = { url: string; token: string; startedAt: number; response: Promise<Response> };

declare global {
  interface Window {
    earlyRequests?: EarlyRequest[];
  }
}

// One the app did not ask for as it started is not used later: its answer would only be older.
const MAX_AGE_MS = 10_000;

/** The URL with its query parameters in a fixed order: the same request, however it was written. */
function normalized(url: string): string {
  const parsed = new URL(url, location.origin);
  parsed.searchParams.sort();
  return parsed.href;
}

/** The early answer for this URL and token, taken at most once. */
export function takeEarlyResponse(url: string, token: string | null): Promise<Response> | undefined {
  const pending = window.earlyRequests;
  if (!pending || !token) return undefined;
  const wanted = normalized(url);
  const index = pending.findIndex(
    (request) => request.token === token && normalized(request.url) === wanted && performance.now() - request.startedAt < MAX_AGE_MS,
  );
  return index < 0 ? undefined : pending.splice(index, 1)[0]?.response;
}
