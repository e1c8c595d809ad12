import { useApi } from '@backstage/frontend-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  applyOverviewChanges,
  compactOverview,
  DeliveryOverview,
  expandOverview,
  OVERVIEW_SIGNAL_CHANNEL,
  OverviewChanges,
  OverviewDocument,
} from '@internal/backstage-plugin-delivery-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { deliveryApiRef } from '../api';

/** How often the page asks for changes when the browser gets no signals. */
export const POLL_WITHOUT_SIGNALS_MS = 3_000;
/** ...and when it does: a safety net for a signal lost on the way. */
export const POLL_WITH_SIGNALS_MS = 30_000;

/** The overview as the page reads it, like useAsyncRetry's state. */
export interface DeliveryOverviewState {
  value?: DeliveryOverview;
  loading: boolean;
  error?: Error;
}

/** Whether the answer leaves the overview as it was (then the page keeps its object). */
function changesNothing(held: OverviewDocument, changes: OverviewChanges) {
  return (
    !changes.full &&
    changes.services.length === 0 &&
    changes.removed.length === 0 &&
    // A few dozen clusters: cheap to compare whole.
    JSON.stringify(held.clusters) === JSON.stringify(changes.clusters)
  );
}

/**
 * The catalog-wide overview as the Delivery page shows it, kept current while mounted, so
 * a rollout that completes turns green without a reload. The page reads only this hook;
 * how the overview reaches the browser is this hook's concern: the whole overview once,
 * then only what changed since (`getOverviewChanges`), asked for when the backend signals
 * a change on `delivery:overview`, and every few seconds when the app has no signals.
 */
export function useDeliveryOverview(): {
  state: DeliveryOverviewState;
  retry: () => void;
} {
  const api = useApi(deliveryApiRef);
  const { lastSignal, isSignalsAvailable } = useSignal(OVERVIEW_SIGNAL_CHANNEL);
  const [state, setState] = useState<DeliveryOverviewState>({
    loading: true,
  });
  /** What the page shows, as a document changes apply to; its cursor says where it stands. */
  const held = useRef<OverviewDocument>();
  /** One request at a time; one asked for meanwhile runs right after. */
  const busy = useRef(false);
  const pending = useRef<'changes' | 'whole' | undefined>();

  const refresh = useCallback(
    async (wanted: 'changes' | 'whole') => {
      if (busy.current) {
        if (pending.current !== 'whole') pending.current = wanted;
        return;
      }
      busy.current = true;
      let next: typeof wanted | undefined = wanted;
      try {
        while (next) {
          pending.current = undefined;
          const document = held.current;
          // An overview without a cursor cannot be asked for changes: read it whole.
          if (next === 'whole' || !document?.cursor) {
            const overview = await api.getOverview();
            held.current = compactOverview(overview);
            setState({ value: overview, loading: false });
          } else {
            const changes = await api.getOverviewChanges({
              cursor: document.cursor,
            });
            if (changesNothing(document, changes)) {
              held.current = { ...document, cursor: changes.cursor };
              setState(s => (s.error ? { ...s, error: undefined } : s));
            } else {
              const applied = applyOverviewChanges(document, changes);
              held.current = applied;
              setState({ value: expandOverview(applied), loading: false });
            }
          }
          next = pending.current;
        }
      } catch (error) {
        // The last overview stays; the page says it could not be refreshed.
        setState(s => ({ ...s, loading: false, error: error as Error }));
      } finally {
        busy.current = false;
      }
    },
    [api],
  );

  useEffect(() => {
    held.current = undefined;
    void refresh('whole');
  }, [refresh]);

  // The backend changed the overview: ask what changed since our cursor.
  useEffect(() => {
    if (lastSignal) void refresh('changes');
  }, [lastSignal, refresh]);

  useEffect(() => {
    const timer = setInterval(
      () => void refresh('changes'),
      isSignalsAvailable ? POLL_WITH_SIGNALS_MS : POLL_WITHOUT_SIGNALS_MS,
    );
    return () => clearInterval(timer);
  }, [refresh, isSignalsAvailable]);

  const retry = useCallback(() => {
    setState(s => ({ ...s, loading: !s.value, error: undefined }));
    void refresh('whole');
  }, [refresh]);

  return { state, retry };
}
