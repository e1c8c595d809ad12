import { DependencyList, useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * Loads with `fn`, then again every `intervalMs` while mounted. Between refreshes the last
 * answer stays on screen instead of a spinner; cards read it like useAsyncRetry's state.
 */
export function usePolledAsync<T>(
  fn: () => Promise<T>,
  deps: DependencyList,
  intervalMs: number,
) {
  const { retry, ...state } = useAsyncRetry(fn, deps);
  useEffect(() => {
    const timer = setInterval(retry, intervalMs);
    return () => clearInterval(timer);
  }, [retry, intervalMs]);
  return { state: state.value ? { ...state, loading: false } : state, retry };
}
