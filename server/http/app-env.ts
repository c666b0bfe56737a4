import type { OpenAPIHono } from '@hono/zod-openapi';
import type { User } from '../../contract/auth';
import type { Caller } from '../store/activity';

/** `caller` is the user as the store records them: named, and with the way in (dashboard or API). */
export type AppEnv = { Variables: { user: User; caller: Caller; token: string } };
export type AppRouter = OpenAPIHono<AppEnv>;
