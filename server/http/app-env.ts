import type { OpenAPIHono } from '@hono/zod-openapi';
import type { User } from '../../contract/auth';
import type { Caller } from '../store/activity';

/** `caller` is the user as the store records them: named, and with the way in (dashboard or API). */
/** `address` is the client's, behind trusted proxies (client-address.ts). */
export type AppEnv = { Variables: { user: User; caller: Caller; token: string; address: string } };
export type AppRouter = OpenAPIHono<AppEnv>;
