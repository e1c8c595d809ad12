import { ResponseError } from '@backstage/errors';
import createClient, { Client, Middleware } from 'openapi-fetch';
import { paths, pluginId } from '../schema/openapi';

/**
 * The Delivery backend's REST API as a typed client: paths, parameters, bodies and answers
 * come from the contract (`plugins/delivery-backend/src/schema/openapi.yaml`), so a call
 * the backend would refuse does not type-check.
 *
 * @example
 * ```ts
 * const { data } = await client.request('get', '/runs', {
 *   params: { query: { entityRef: 'component:default/payment-service' } },
 * });
 * ```
 * @public
 */
export type DeliveryApiClient = Client<paths>;

/** What the client needs to reach the backend. @public */
export interface DeliveryApiClientOptions {
  /** Where the `delivery` plugin is served, asked at every request. */
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** How requests are sent: the signed-in user's fetchApi, or a fetch adding a token. */
  fetchApi?: { fetch: typeof fetch };
}

// The client builds absolute URLs from a base it is given once; the real base URL comes
// from discovery at request time, so requests are built against this placeholder and moved.
const PLACEHOLDER_ORIGIN = 'http://delivery.invalid';

/** Query strings as the browser's URLSearchParams writes them; every parameter is a scalar. */
function searchParams(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** Non-2xx answers become Backstage's ResponseError, with the backend's own message. */
const throwResponseErrors: Middleware = {
  async onResponse({ response }) {
    // 304: the caller sent If-None-Match and keeps what it has.
    if (!response.ok && response.status !== 304)
      throw await ResponseError.fromResponse(response);
    return undefined;
  },
};

/**
 * A typed client of the Delivery backend. Every answer outside 2xx (and 304) throws a
 * ResponseError, so `data` is the answer wherever the call returned.
 * @public
 */
export function createDeliveryApiClient(
  options: DeliveryApiClientOptions,
): DeliveryApiClient {
  const client = createClient<paths>({
    baseUrl: PLACEHOLDER_ORIGIN,
    querySerializer: searchParams,
    fetch: async request => {
      const baseUrl = await options.discoveryApi.getBaseUrl(pluginId);
      const sendsBody = !['GET', 'HEAD'].includes(request.method);
      return (options.fetchApi?.fetch ?? fetch)(
        `${baseUrl}${request.url.slice(PLACEHOLDER_ORIGIN.length)}`,
        {
          method: request.method,
          headers: request.headers,
          body: sendsBody ? await request.text() : undefined,
          signal: request.signal,
        },
      );
    },
  });
  client.use(throwResponseErrors);
  return client;
}

/**
 * The answer of a call made with {@link createDeliveryApiClient}, typed by the contract.
 * Throws when the backend answered without a body where the contract promises one.
 * @public
 */
export function dataOf<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined)
    throw new Error(
      `The Delivery backend answered ${result.response.status} without a body`,
    );
  return result.data;
}
