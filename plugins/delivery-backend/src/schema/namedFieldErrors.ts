import { InputError } from '@backstage/errors';
import { ErrorRequestHandler, Request } from 'express';

/*
 * The contract's validator (express-openapi-validator, behind backend-openapi-utils) says
 * `request/body/environment must NOT have fewer than 1 characters`. Every Delivery refusal
 * starts with the field it is about instead (`environment: at least 1 character`), so task
 * logs and the portal show the same shape whichever layer refused. This rewords the
 * validator's InputError and passes it on; Backstage's error handler still answers the 400.
 */

const VALIDATOR_MESSAGE =
  /^request\/(body|query|params|headers)((?:\/\S*)?) (must .*)$/;
const UNKNOWN_QUERY_PARAMETER = /^Unknown query parameter '([^']+)'$/;

type SchemaNode = {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
};

interface ValidatedRequest extends Request {
  openapi?: {
    schema?: {
      requestBody?: {
        content?: Record<string, { schema?: SchemaNode }>;
      };
    };
  };
}

const fieldOf = (segments: string[]) => segments.join('.');

/** The keys of the object at `segments` that its schema does not name. */
function unknownKeys(req: ValidatedRequest, segments: string[]): string[] {
  let schema =
    req.openapi?.schema?.requestBody?.content?.['application/json']?.schema;
  let value: unknown = req.body;
  for (const segment of segments) {
    schema = /^\d+$/.test(segment)
      ? schema?.items
      : schema?.properties?.[segment];
    value = (value as Record<string, unknown> | undefined)?.[segment];
  }
  const known = new Set(Object.keys(schema?.properties ?? {}));
  return Object.keys((value as object | undefined) ?? {})
    .filter(key => !known.has(key))
    .map(key => fieldOf([...segments, key]));
}

const characters = (count: string) =>
  `${count} ${count === '1' ? 'character' : 'characters'}`;

function reworded(rule: string): string {
  return rule
    .replace(
      /^must NOT have more than (\d+) characters$/,
      (_, count) => `at most ${characters(count)}`,
    )
    .replace(
      /^must NOT have fewer than (\d+) characters$/,
      (_, count) => `at least ${characters(count)}`,
    );
}

/** `field: rule` for the validator's first complaint, or undefined for other errors. */
export function fieldMessage(
  req: ValidatedRequest,
  message: string,
): string | undefined {
  const unknownParameter = UNKNOWN_QUERY_PARAMETER.exec(message);
  if (unknownParameter)
    return `${unknownParameter[1]}: not a parameter of this request`;
  // Several complaints are joined with ", request/..."; the first one is enough to act on.
  const [first] = message.split(/, (?=request\/)/);
  const match = VALIDATOR_MESSAGE.exec(first);
  if (!match) return undefined;
  const [, location, path, rule] = match;
  const segments = path.split('/').filter(Boolean);
  const missing = /^must have required property '([^']+)'$/.exec(rule);
  if (missing) return `${fieldOf([...segments, missing[1]])}: is required`;
  if (rule === 'must NOT have additional properties' && location === 'body') {
    const keys = unknownKeys(req, segments);
    if (keys.length) return `${keys.join(', ')}: not a field of this request`;
  }
  return `${fieldOf(segments) || location}: ${reworded(rule)}`;
}

/** Rewords the contract validator's refusals as `field: rule`. */
export function namedFieldErrors(): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (error instanceof Error && error.name === 'InputError') {
      const message = fieldMessage(req, error.message);
      if (message) {
        next(new InputError(message));
        return;
      }
    }
    next(error);
  };
}
