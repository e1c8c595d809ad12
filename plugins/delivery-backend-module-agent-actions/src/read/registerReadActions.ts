import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { deliveryApiFor } from '@internal/backstage-plugin-scaffolder-backend-module-delivery';
import { READ_ACTIONS } from './readActions';

/**
 * Registers each of {@link READ_ACTIONS} as `delivery:<name>`. Each reads the Delivery
 * backend's own API on behalf of the caller, so an agent is answered exactly what its
 * user is answered in the portal, with the same permission checks.
 */
export function registerReadActions(
  actionsRegistry: ActionsRegistryService,
  deps: { discovery: DiscoveryService; auth: AuthService },
) {
  for (const definition of READ_ACTIONS) {
    actionsRegistry.register({
      name: definition.name,
      title: definition.title,
      description: definition.description,
      attributes: { readOnly: true, idempotent: true, destructive: false },
      schema: { input: definition.input, output: definition.output },
      action: async ({ input, credentials }) => {
        const client = deliveryApiFor({ ...deps, onBehalfOf: credentials });
        return { output: (await definition.read(client, input)) as any };
      },
    });
  }
}
