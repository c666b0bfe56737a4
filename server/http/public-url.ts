import type { Context } from 'hono';
import { API_PATH } from './api-path';

/**
 * Where browsers reach this server: PUBLIC_URL when set (behind a proxy), else the address the request
 * came to. Providers send people back to it, so it must match what is registered with them.
 */
export function publicOrigin(c: Context, publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).origin : new URL(c.req.url).origin;
}

export const SIGN_IN_CALLBACK_PATH = `${API_PATH}/connectors/oauth/callback`;

export const signInRedirectUrl = (origin: string) => `${origin}${SIGN_IN_CALLBACK_PATH}`;
