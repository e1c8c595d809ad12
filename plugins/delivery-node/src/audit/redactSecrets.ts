import { JsonValue } from '@backstage/types';

/** What stands in for a value that was removed. */
export const REDACTED = '[redacted]';

/**
 * Words that make a key (or a `name=value` name) secret, compared with the name in lower
 * case and without `-`, `_` or `.`: `githubToken`, `DB_PASSWORD`, `x-api-key`,
 * `clientSecret`, `Authorization` all match.
 */
const SECRET_WORDS =
  /token|password|passwd|secret|credential|authorization|apikey|privatekey/;

/** Whether a key names a secret, whatever its case and separators. */
export function isSecretKey(key: string): boolean {
  return SECRET_WORDS.test(key.toLowerCase().replace(/[-_.]/g, ''));
}

// The user info of a URL: `scheme://user:password@` or `scheme://token@`. A password may
// hold a `/` (it should be escaped, but people paste what they have), so only the user
// part stops at one; a host with a port and an `@` later in the path is redacted too,
// which hides more than needed rather than less.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@:]+(?::[^\s@]*)?@/gi;
// `name=value` with a secret name: query strings, environment variables, flags.
const SECRET_ASSIGNMENT = /([\w.-]+)=([^\s&,;'"()<>[\]{}]+)/g;
// A key and its string value as JSON text inside a string (a response body in a message).
const SECRET_JSON_FIELD = /"([^"\\]{1,100})"(\s*:\s*)"(?:[^"\\]|\\.)*"/g;
// An HTTP bearer token as a header line shows it.
const BEARER = /\b(bearer)\s+[\w.~+/=-]{8,}/gi;

/**
 * A string with every secret it carries replaced by {@link REDACTED}: the user info of a
 * URL anywhere in it, the value of a `name=value` or JSON `"name": "value"` whose name is
 * secret, and a bearer token.
 * @public
 */
export function redactText(text: string): string {
  return text
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(SECRET_ASSIGNMENT, (whole, name: string) =>
      isSecretKey(name) ? `${name}=${REDACTED}` : whole,
    )
    .replace(SECRET_JSON_FIELD, (whole, name: string, colon: string) =>
      isSecretKey(name) ? `"${name}"${colon}"${REDACTED}"` : whole,
    )
    .replace(BEARER, `$1 ${REDACTED}`);
}

/** Deeper than any meta an event has: a value this deep is dropped, not walked. */
const MAX_DEPTH = 32;

/**
 * A copy of a JSON value without secrets, for an audit event's meta: the value of every
 * key that names a secret ({@link isSecretKey}) is replaced, at any depth, and every
 * string is passed through {@link redactText}.
 * @public
 */
export function redactSecrets<T extends JsonValue | undefined>(value: T): T {
  return redact(value, 0) as T;
}

function redact(value: JsonValue | undefined, depth: number): unknown {
  if (depth > MAX_DEPTH) return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(v => redact(v, depth + 1));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        isSecretKey(key) && v !== null && v !== undefined
          ? REDACTED
          : redact(v, depth + 1),
      ]),
    );
  return value;
}

/**
 * The error as an audit event may carry it: same name, message and stack through
 * {@link redactText}. The auditor logs the message and the stack, and an error from a
 * failed call can quote the URL or the body it sent.
 * @public
 */
export function redactError(error: unknown): Error {
  const original =
    error instanceof Error ? error : new Error(String(error ?? 'unknown'));
  const redacted = new Error(redactText(original.message));
  redacted.name = original.name;
  redacted.stack = original.stack
    ? redactText(original.stack)
    : `${original.name}: ${redacted.message}`;
  return redacted;
}
