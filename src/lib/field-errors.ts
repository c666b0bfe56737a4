import { z } from 'zod';
import { isApiError } from './api-client';

const issuesSchema = z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }));

/** The field errors in a validation refusal, keyed by form path (`config.auth.apiToken`), for the form that sent it. */
export function fieldErrors(error: unknown, prefix: string[] = []): Record<string, string> {
  if (!isApiError(error) || error.code !== 'VALIDATION_ERROR' || !Array.isArray(error.details)) return {};
  const issues = issuesSchema.safeParse(error.details);
  if (!issues.success) return {};
  return Object.fromEntries(issues.data.map((issue) => [[...prefix, ...issue.path].join('.'), issue.message]));
}
