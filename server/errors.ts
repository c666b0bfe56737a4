import { errorStatus, type ErrorCode } from '../contract/errors';

/** A refusal the client can act on. Its message is written for the person using the dashboard. */
export class AppError extends Error {
  readonly status: (typeof errorStatus)[ErrorCode];

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export const notFound = () => new AppError('NOT_FOUND', 'No connector with that id');
