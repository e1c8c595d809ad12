import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';

/** How often the list is read again while a request waits for a decision. */
export const APPROVALS_REFRESH_MS = 10_000;

/**
 * The service's failover approval requests: pending first, then the last few decided.
 * Read again every few seconds while one is pending (its countdown moves, and another
 * approver may decide it), and not at all otherwise. Between reads the last answer stays.
 */
export function useApprovals(entityRef: string) {
  const api = useApi(deliveryApiRef);
  // Async, so even a synchronous throw ends as this section's error, not the card's crash.
  const { retry, ...state } = useAsyncRetry(
    async () => api.listApprovals({ entityRef }),
    [api, entityRef],
  );
  const pending = Boolean(state.value?.some(a => a.status === 'pending'));
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setInterval(retry, APPROVALS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, retry]);
  return { state: state.value ? { ...state, loading: false } : state, retry };
}
