import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  createDeliveryApiClient,
  DELIVERY_PLUGIN_ID,
  DeliveryApiClient,
} from '@internal/backstage-plugin-delivery-common';

/** What a failure says it was doing, by the path it asked; the task log shows it. */
function whatWasAsked(url: string): string {
  const { pathname } = new URL(url);
  const operation = /\/dr-operations\/([^/]+)$/.exec(pathname);
  if (operation) return `DR provider (${operation[1]})`;
  if (pathname.endsWith('/cost/budget-check')) return 'Delivery budget check';
  if (pathname.includes('/approvals')) return 'Delivery approvals';
  if (pathname.includes('/runs')) return 'Delivery run store';
  return 'Delivery backend';
}

/**
 * A refusal keeps its kind, so whoever reads it (the task log, an MCP client told "tool
 * error" rather than "server error") can tell a refusal from a failure.
 */
const KIND_BY_STATUS: Record<number, new (message: string) => Error> = {
  400: InputError,
  401: AuthenticationError,
  403: NotAllowedError,
  404: NotFoundError,
};

/**
 * The Delivery backend's generated client as the actions use it: every request carries a
 * plugin token the scaffolder issues, with its own service credentials or on behalf of the
 * task's initiator (`onBehalfOf`: the backend then sees that user, acted for by the
 * scaffolder, and records them as who acted), so the actions work with the plugins on
 * separate backends too. The routes the actions write to admit the scaffolder only. The
 * backend's own words (the run store's "deploy of ... is already running", a provider's
 * error) reach the task log; a 409 stays a ConflictError so callers can tell "someone else
 * holds this" from a failure, and a 400, 401, 403 or 404 keeps its kind too.
 */
export function deliveryApiFor(deps: {
  discovery: DiscoveryService;
  auth: AuthService;
  onBehalfOf?: BackstageCredentials;
}): DeliveryApiClient {
  return createDeliveryApiClient({
    discoveryApi: deps.discovery,
    fetchApi: {
      fetch: async (input, init) => {
        const { token } = await deps.auth.getPluginRequestToken({
          onBehalfOf:
            deps.onBehalfOf ?? (await deps.auth.getOwnServiceCredentials()),
          targetPluginId: DELIVERY_PLUGIN_ID,
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        const response = await fetch(input, { ...init, headers });
        if (response.ok) return response;
        const error = await ResponseError.fromResponse(response);
        const message = `${error.body.error.message}`;
        if (response.status === 409) throw new ConflictError(message);
        const Kind = KIND_BY_STATUS[response.status] ?? Error;
        throw new Kind(`${whatWasAsked(String(input))}: ${message}`);
      },
    },
  });
}
