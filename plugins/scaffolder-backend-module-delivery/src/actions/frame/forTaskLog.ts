import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ActionFailure } from './DeliveryActionSpec';

/** The errors the frame and the actions throw on purpose, whose message says it all. */
const EXPECTED = new Set([
  'InputError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  ActionFailure.name,
]);

/**
 * The error as the task log shows it: the scaffolder prints a failed step's stack, and a
 * user reading why the portal refused or stopped an action needs the message, not the
 * frames of the code that said it. An expected error (a refusal, a run that failed the
 * way it says) keeps only its first line; an unexpected one keeps its message for the user
 * while its full stack goes to the backend's log for the operators.
 */
export function forTaskLog(error: unknown, logger: LoggerService): unknown {
  if (!isError(error)) return error;
  if (!EXPECTED.has(error.name))
    logger.error(`Delivery action failed unexpectedly`, error);
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
