import {
  createDeliveryApiClient,
  DoraSummary,
} from '@internal/backstage-plugin-delivery-common';
import { doraFor } from './doraFor';

const metrics = (deploys: number) =>
  ({
    deploymentFrequency: {
      state: 'measured',
      deploys,
      perDay: deploys / 30,
      perWeek: (deploys * 7) / 30,
      band: 'medium',
    },
    changeFailureRate: { state: 'no-data', reason: 'no deploys' },
    timeToRestore: { state: 'no-data', reason: 'no failures', unrestored: 0 },
    awaitingPromotion: 0,
  } as DoraSummary['services'][number]['metrics']);

/** The summary as the backend answers it: owners as the catalog wrote them. */
const summary: DoraSummary = {
  window: {
    since: '2026-11-07T00:00:00.000Z',
    until: '2026-12-07T00:00:00.000Z',
    days: 30,
  },
  thresholds: {} as DoraSummary['thresholds'],
  services: [
    {
      entityRef: 'component:default/a',
      owner: 'payments',
      metrics: metrics(3),
    },
    {
      entityRef: 'component:default/b',
      owner: 'group:default/payments',
      metrics: metrics(5),
    },
    { entityRef: 'component:default/c', owner: 'search', metrics: metrics(9) },
  ],
  teams: [
    { owner: 'payments', services: 2, metrics: metrics(8) },
    { owner: 'search', services: 1, metrics: metrics(9) },
  ],
};

/** The typed client over an HTTP answer; records the paths asked for. */
function clientAnswering(answer: object) {
  const asked: string[] = [];
  const client = createDeliveryApiClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/delivery' },
    fetchApi: {
      fetch: async (url: RequestInfo | URL) => {
        asked.push(new URL(String(url)).pathname);
        return new Response(JSON.stringify(answer), {
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  });
  return { client, asked };
}

describe('doraFor', () => {
  it('answers a team with its entry and each of its services, however the catalog wrote the owner', async () => {
    const { client, asked } = clientAnswering(summary);
    const answer = await doraFor(client, { owner: 'group:default/payments' });
    expect(asked).toEqual(['/api/delivery/dora/summary']);
    expect(answer).toMatchObject({
      scope: 'team',
      window: summary.window,
      team: { owner: 'payments', services: 2 },
      truncated: 0,
    });
    expect(
      answer.scope === 'team' && answer.services.map(s => s.entityRef),
    ).toEqual(['component:default/a', 'component:default/b']);
  });

  it('answers a team with no production runs with no team entry and no services', async () => {
    const { client } = clientAnswering(summary);
    expect(await doraFor(client, { owner: 'messaging' })).toMatchObject({
      scope: 'team',
      team: undefined,
      services: [],
    });
  });

  it("answers a service with the backend's per-environment answer", async () => {
    const { client, asked } = clientAnswering({
      entityRef: 'component:default/a',
      environments: [],
    });
    expect(
      await doraFor(client, { entityRef: 'component:default/a' }),
    ).toMatchObject({ scope: 'service', entityRef: 'component:default/a' });
    expect(asked).toEqual(['/api/delivery/dora']);
  });

  it('refuses neither or both scopes, naming the fields', async () => {
    const { client, asked } = clientAnswering(summary);
    const refusal = 'entityRef, owner: give exactly one';
    await expect(doraFor(client, {})).rejects.toThrow(refusal);
    await expect(
      doraFor(client, { entityRef: 'component:default/a', owner: 'payments' }),
    ).rejects.toThrow(refusal);
    expect(asked).toEqual([]);
  });
});
