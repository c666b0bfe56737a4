import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { errorStatus, type ErrorCode, type ErrorResponse } from '../../contract/errors';
import { AppError } from '../errors';

export function errorJson(c: Context, code: ErrorCode, message: string, details?: unknown) {
  const body: ErrorResponse = { success: false, error: { code, message, ...(details === undefined ? {} : { details }) } };
  return c.json(body, errorStatus[code] as ContentfulStatusCode);
}

const httpExceptionCodes: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const friendlyHttpMessages: Partial<Record<ErrorCode, string>> = {
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Send the request body as JSON (Content-Type: application/json)',
};

export function validationMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where}${issue.message}${more}`;
}

const QUERY_CANCELED = '57014';

/** PostgreSQL cancelled the statement (statement_timeout); the driver's error may sit under wrappers. */
function isCancelledStatement(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if ((current as { code?: unknown }).code === QUERY_CANCELED) return true;
  }
  return false;
}

/** The one place where an error becomes a response. Nothing internal reaches the body. */
export function createErrorHandler(log: (line: string) => void): ErrorHandler {
  return (error, c) => {
    if (error instanceof AppError) return errorJson(c, error.code, error.message, error.details);
    if (error instanceof HTTPException) {
      const code = httpExceptionCodes[error.status];
      if (code) return errorJson(c, code, friendlyHttpMessages[code] ?? error.message);
    }
    // The driver's own error, not the wrapper: the wrapper's message lists the query parameters.
    const cause = error.cause instanceof Error ? error.cause : error;
    if (isCancelledStatement(error)) {
      log(`statement cancelled ${c.req.method} ${c.req.path}: ${cause.message}`);
      return errorJson(c, 'UNAVAILABLE', 'The database took too long to answer: narrow the filters or try again');
    }
    log(`error ${c.req.method} ${c.req.path}: ${cause.name}: ${cause.message}`);
    return errorJson(c, 'INTERNAL', 'Something went wrong on our side. Try again in a moment.');
  };
}

export const notFoundHandler: NotFoundHandler = (c) => errorJson(c, 'NOT_FOUND', `Nothing at ${c.req.method} ${c.req.path}`);
