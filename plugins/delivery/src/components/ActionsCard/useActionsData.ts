import { useApi } from '@backstage/frontend-plugin-api';
import {
  DeliveryHealth,
  EntityRollouts,
} from '@internal/backstage-plugin-delivery-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';

/** What the Actions card draws from: the rollouts, and the environments' production flags. */
export interface ActionsData {
  rollouts: EntityRollouts;
  /** Undefined when the health endpoint failed: the rows are still useful without it. */
  health?: DeliveryHealth;
}

/**
 * Loads the service's rollouts (the card fails without them) and the backend's
 * environments (the card only loses its production marks without them), in parallel.
 */
export function useActionsData(entityRef: string) {
  const api = useApi(deliveryApiRef);
  const { retry, ...state } = useAsyncRetry(async (): Promise<ActionsData> => {
    const [rollouts, health] = await Promise.all([
      api.getRollouts({ entityRef }),
      api.getHealth().catch(() => undefined),
    ]);
    return { rollouts, health };
  }, [api, entityRef]);
  return { state, retry };
}
