import { useApi } from '@backstage/frontend-plugin-api';
import { deliveryApiRef } from '../api';
import { usePolledAsync } from './usePolledAsync';

/** How often the page re-reads the backend's cache (never the clusters). */
const REFRESH_MS = 3_000;

/**
 * The catalog-wide overview as the Delivery page shows it, kept current while mounted, so
 * a rollout that completes turns green without a reload. The page reads only this hook;
 * how the overview reaches the browser is this hook's concern.
 */
export function useDeliveryOverview() {
  const api = useApi(deliveryApiRef);
  return usePolledAsync(() => api.getOverview(), [api], REFRESH_MS);
}
