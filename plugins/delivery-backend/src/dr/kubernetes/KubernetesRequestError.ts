import { CustomErrorBase } from '@backstage/errors';

/**
 * A Kubernetes API call of a DR provider that failed: the message names the cluster, the
 * verb and object, and the HTTP status (or that no answer came).
 * @public
 */
export class KubernetesRequestError extends CustomErrorBase {
  name = 'KubernetesRequestError' as const;

  constructor(
    message: string,
    /** The API server's HTTP status; undefined when no answer came. */
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** The HTTP status of a client-node ApiException, or undefined for a transport failure. */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof KubernetesRequestError) return error.statusCode;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * What went wrong in one call, in a few words: `HTTP 500 InternalError: ...`. Unlike
 * client-node's own message it leaves out the answer's headers (their Date differs from
 * call to call), so it also serves to tell one failure from another.
 * @public
 */
export function describeKubernetesFailure(
  error: unknown,
  timeoutMs?: number,
): string {
  const status = statusOf(error);
  if (status !== undefined) {
    // client-node keeps the answer's body as text: a Kubernetes Status object.
    const raw = (error as { body?: unknown }).body;
    let body: { reason?: string; message?: string } = {};
    try {
      body = typeof raw === 'string' ? JSON.parse(raw) : (raw as any) ?? {};
    } catch {
      body = { message: String(raw).slice(0, 200) };
    }
    return `HTTP ${status}${body.reason ? ` ${body.reason}` : ''}${
      body.message ? `: ${body.message}` : ''
    }`;
  }
  if ((error as Error)?.name === 'AbortError') {
    return timeoutMs === undefined
      ? 'no answer in time'
      : `no answer within ${timeoutMs / 1000}s`;
  }
  return `no answer (${(error as Error)?.message ?? String(error)})`;
}
