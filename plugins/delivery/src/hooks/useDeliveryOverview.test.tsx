import { TestApiProvider } from '@backstage/frontend-test-utils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  OverviewChanges,
  OverviewDocument,
  expandOverview,
} from '@internal/backstage-plugin-delivery-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { DeliveryApi, deliveryApiRef } from '../api';
import { useDeliveryOverview } from './useDeliveryOverview';

const clusters = [
  {
    name: 'production',
    environment: 'production',
    role: 'primary' as const,
    sandbox: true,
    state: 'ok' as const,
  },
];

const service = (name: string) => ({
  entityRef: `component:default/${name}`,
  name,
  tier: 'standard',
});

const running = (version: string) => ({
  service: 0,
  cluster: 0,
  state: 'complete' as const,
  summary: `${version} on 1/1 replicas`,
  version,
  ready: 1,
  desired: 1,
});

const whole: OverviewDocument = {
  version: 1,
  generatedAt: '2026-12-07T10:00:00.000Z',
  cursor: 'c1',
  clusters,
  services: [service('a'), service('b')],
  placements: [running('1.0'), { ...running('1.0'), service: 1 }],
};

const noChanges = (cursor: string): OverviewChanges => ({
  cursor,
  full: false,
  generatedAt: '2026-12-07T10:00:01.000Z',
  clusters,
  services: [],
  placements: [],
  removed: [],
});

/** Signals as the app's signal API delivers them: the test sends them. */
function fakeSignals() {
  const subscribers = new Map<string, Set<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      set.add(onMessage);
      subscribers.set(channel, set);
      return { unsubscribe: () => set.delete(onMessage) };
    },
  };
  const send = (channel: string, message: object) =>
    act(() => subscribers.get(channel)?.forEach(fn => fn(message)));
  return { api, send };
}

/** The backend: the whole overview once, then what the test queues as changes. */
function fakeBackend() {
  const cursorsAsked: string[] = [];
  const queued: OverviewChanges[] = [];
  const api: Pick<DeliveryApi, 'getOverview' | 'getOverviewChanges'> = {
    getOverview: jest.fn(async () => expandOverview(whole)),
    getOverviewChanges: jest.fn(async ({ cursor }) => {
      cursorsAsked.push(cursor);
      return queued.shift() ?? noChanges(cursor);
    }),
  };
  return { api, cursorsAsked, queued };
}

function renderOverviewHook(apis: [any, any][]) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={apis as any}>{children}</TestApiProvider>
  );
  return renderHook(() => useDeliveryOverview(), { wrapper });
}

/** The hook with `backend` (and `signals`, when given), once it shows its first overview. */
async function renderShown(
  backend: ReturnType<typeof fakeBackend>,
  signals?: ReturnType<typeof fakeSignals>,
) {
  const apis: [any, any][] = [[deliveryApiRef, backend.api]];
  if (signals) apis.push([signalApiRef, signals.api]);
  const rendered = renderOverviewHook(apis);
  await waitFor(() =>
    expect(rendered.result.current.state.value).toBeDefined(),
  );
  return rendered;
}

const versionsOf = (value: any) =>
  value?.rows.map((r: any) => `${r.name}@${r.version}`);

describe('useDeliveryOverview', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the whole overview once, then only the changes a signal announces', async () => {
    const signals = fakeSignals();
    const backend = fakeBackend();
    const { result } = renderOverviewHook([
      [deliveryApiRef, backend.api],
      [signalApiRef, signals.api],
    ]);
    await waitFor(() =>
      expect(versionsOf(result.current.state.value)).toEqual([
        'a@1.0',
        'b@1.0',
      ]),
    );

    backend.queued.push({
      ...noChanges('c2'),
      services: [service('b')],
      placements: [running('2.0')],
    });
    signals.send('delivery:overview', { revision: 2 });
    await waitFor(() =>
      expect(versionsOf(result.current.state.value)).toEqual([
        'a@1.0',
        'b@2.0',
      ]),
    );
    expect(backend.cursorsAsked).toEqual(['c1']);

    backend.queued.push({
      ...noChanges('c3'),
      removed: ['component:default/a'],
    });
    signals.send('delivery:overview', { revision: 3 });
    await waitFor(() =>
      expect(versionsOf(result.current.state.value)).toEqual(['b@2.0']),
    );
    // Each request starts where the last answer left the page.
    expect(backend.cursorsAsked).toEqual(['c1', 'c2']);
    expect(backend.api.getOverview).toHaveBeenCalledTimes(1);
  });

  it('keeps the same overview object when a signal brings no change', async () => {
    const signals = fakeSignals();
    const backend = fakeBackend();
    const { result } = await renderShown(backend, signals);
    const shown = result.current.state.value;
    signals.send('delivery:overview', { revision: 2 });
    await waitFor(() => expect(backend.cursorsAsked).toEqual(['c1']));
    expect(result.current.state.value).toBe(shown);
  });

  it('replaces everything on a full answer', async () => {
    const signals = fakeSignals();
    const backend = fakeBackend();
    const { result } = await renderShown(backend, signals);
    backend.queued.push({
      ...noChanges('c9'),
      full: true,
      services: [service('c')],
      placements: [running('9.0')],
    });
    signals.send('delivery:overview', { revision: 9 });
    await waitFor(() =>
      expect(versionsOf(result.current.state.value)).toEqual(['c@9.0']),
    );
  });

  it('polls for changes every few seconds when the app has no signals', async () => {
    jest.useFakeTimers();
    const backend = fakeBackend();
    const { result } = await renderShown(backend);
    backend.queued.push({
      ...noChanges('c2'),
      services: [service('a')],
      placements: [running('1.1')],
    });
    await act(async () => {
      jest.advanceTimersByTime(3_000);
    });
    await waitFor(() =>
      expect(versionsOf(result.current.state.value)).toEqual([
        'a@1.1',
        'b@1.0',
      ]),
    );
  });

  it('says when a refresh failed, and recovers on retry', async () => {
    const signals = fakeSignals();
    const backend = fakeBackend();
    const { result } = await renderShown(backend, signals);
    (backend.api.getOverviewChanges as jest.Mock).mockRejectedValueOnce(
      new Error('backend restarting'),
    );
    signals.send('delivery:overview', { revision: 2 });
    await waitFor(() =>
      expect(result.current.state.error?.message).toBe('backend restarting'),
    );
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.state.error).toBeUndefined());
    expect(versionsOf(result.current.state.value)).toEqual(['a@1.0', 'b@1.0']);
  });
});
