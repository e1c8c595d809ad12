import { ResponseError } from '@backstage/errors';

/**
 * The error DeliveryClient throws for a backend's error answer: Backstage's JSON error body
 * (with a server-side stack the UI must never show) behind an HTTP status.
 */
export function backendError(options: {
  status: number;
  statusText: string;
  name: string;
  message: string;
  /** Where the server failed, e.g. `at costService.ts:12`: a card must not show it. */
  stack: string;
}): Promise<ResponseError> {
  const { status, statusText, name, message, stack } = options;
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message, stack },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
