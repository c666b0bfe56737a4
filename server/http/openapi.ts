import type { z } from 'zod';
import { errorResponseSchema } from '../../contract/errors';

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const error = (description: string) => jsonResponse(errorResponseSchema, description);

/** The error responses a route can give, for the OpenAPI document. */
export const errorResponses = {
  400: error('Invalid input, or a prerequisite for enabling is missing'),
  401: error('Not signed in, or the token expired'),
  403: error('Not allowed to change this connector'),
  404: error('No such connector (or not visible to the caller)'),
  409: error('The name is already taken'),
  412: error('The connector changed since the version in If-Match'),
  429: error('Too many failed sign-ins'),
  500: error('Unexpected server error'),
} as const;

export const bearerSecurity: Record<string, string[]>[] = [{ bearerAuth: [] }, { apiKey: [] }];
/** For the operations app.ts lets through without a token: says so, rather than leaving it unknown. */
export const publicSecurity: Record<string, string[]>[] = [];
