import type { OpenAPIHono } from '@hono/zod-openapi';
import type { User } from '../../contract/auth';

export type AppEnv = { Variables: { user: User; token: string } };
export type AppRouter = OpenAPIHono<AppEnv>;
