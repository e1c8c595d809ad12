import { useApi } from '@backstage/frontend-plugin-api';
import { DoraServiceSummary } from '@internal/backstage-plugin-delivery-common';
import { useMemo } from 'react';
import { deliveryApiRef } from '../api';
import { usePolledAsync } from './usePolledAsync';

/** Deploys are minutes apart at best: the overview's DORA columns refresh this often. */
const REFRESH_MS = 60_000;

/** The overview's DORA columns: each service's production metrics, by entity ref. */
export interface DoraColumnsData {
  state: 'loading' | 'error' | 'ready';
  /** Why the summary could not be loaded, for the cells' tooltip. */
  error?: string;
  /** The window's length in days. */
  days?: number;
  byRef: ReadonlyMap<string, DoraServiceSummary>;
}

const EMPTY = new Map<string, DoraServiceSummary>();

/**
 * Loads `/dora/summary` beside the overview and joins it by entity ref: a service the
 * summary does not list had no production deploys in the window.
 */
export function useDoraSummary(): DoraColumnsData {
  const api = useApi(deliveryApiRef);
  const { state } = usePolledAsync(
    async () => api.getDoraSummary(),
    [api],
    REFRESH_MS,
  );
  const { value, error, loading } = state;
  return useMemo(() => {
    if (value)
      return {
        state: 'ready',
        days: value.window.days,
        byRef: new Map(value.services.map(s => [s.entityRef, s])),
      };
    if (error) return { state: 'error', error: error.message, byRef: EMPTY };
    return { state: loading ? 'loading' : 'error', byRef: EMPTY };
  }, [value, error, loading]);
}
