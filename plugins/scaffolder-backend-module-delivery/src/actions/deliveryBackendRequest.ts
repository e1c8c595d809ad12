import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ConflictError, ResponseError } from '@backstage/errors';
import { DELIVERY_PLUGIN_ID } from '@internal/backstage-plugin-delivery-common';

/**
 * One request to the Delivery backend with this plugin's service token, so the actions work
 * with the plugins on separate backends too. The backend's own words (the run store's "deploy
 * of ... is already running", a provider's error) reach the task log; a 409 stays a
 * ConflictError so callers can tell "someone else holds this" from a failure.
 */
export async function deliveryBackendRequest(
  deps: { discovery: DiscoveryService; auth: AuthService },
  what: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Response> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: await deps.auth.getOwnServiceCredentials(),
    targetPluginId: DELIVERY_PLUGIN_ID,
  });
  const response = await fetch(
    `${await deps.discovery.getBaseUrl(DELIVERY_PLUGIN_ID)}${path}`,
    {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    const message = `${error.body.error.message}`;
    throw response.status === 409
      ? new ConflictError(message)
      : new Error(`${what}: ${message}`);
  }
  return response;
}
