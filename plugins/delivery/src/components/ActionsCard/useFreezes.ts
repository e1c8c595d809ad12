import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';

/** The service's freeze windows per environment, read once; a retry reads them again. */
export function useFreezes(entityRef: string) {
  const api = useApi(deliveryApiRef);
  // Async, so even a synchronous throw ends as this section's error, not the card's crash.
  const { retry, ...state } = useAsyncRetry(
    async () => api.getFreezes({ entityRef }),
    [api, entityRef],
  );
  return { state, retry };
}
