import { useApi } from '@backstage/frontend-plugin-api';
import {
  DoraServiceSummary,
  DoraTeamSummary,
} from '@internal/backstage-plugin-delivery-common';
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
  /** Each owner's services together, by the owner as the catalog wrote it (as the overview groups). */
  byOwner: ReadonlyMap<string, DoraTeamSummary>;
}

const EMPTY = new Map<string, DoraServiceSummary>();
const NO_TEAMS = new Map<string, DoraTeamSummary>();

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
        byOwner: new Map(value.teams.map(t => [t.owner, t])),
      };
    if (error)
      return {
        state: 'error',
        error: error.message,
        byRef: EMPTY,
        byOwner: NO_TEAMS,
      };
    return {
      state: loading ? 'loading' : 'error',
      byRef: EMPTY,
      byOwner: NO_TEAMS,
    };
  }, [value, error, loading]);
}
