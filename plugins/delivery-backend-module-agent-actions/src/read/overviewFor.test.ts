import { OverviewDocument } from '@internal/backstage-plugin-delivery-common';
import { overviewFor } from './overviewFor';

const cluster = (name: string, environment: string) => ({
  name,
  environment,
  role: 'primary' as const,
  sandbox: true,
  state: 'ok' as const,
});

function document(count: number): OverviewDocument {
  const services = Array.from({ length: count }, (_, i) => ({
    entityRef: `component:default/svc-${i}`,
    name: `svc-${i}`,
    // Written as the catalog has them: a bare name or a full ref.
    owner: i % 2 ? 'group:default/payments' : 'messaging',
    system: i % 3 ? 'checkout' : undefined,
    tier: 'standard',
  }));
  return {
    version: 1,
    generatedAt: '2026-01-01T00:00:00.000Z',
    cursor: 'c',
    clusters: [cluster('staging', 'staging'), cluster('prod', 'production')],
    services,
    placements: services.flatMap((_, service) =>
      [0, 1].map(c => ({
        service,
        cluster: c,
        state: 'complete' as const,
        summary: 'all replicas available',
        ready: 2,
        desired: 2,
      })),
    ),
  };
}

describe('overviewFor', () => {
  it("answers an owner's services with where each runs, whichever way the owner is written", () => {
    const byName = overviewFor(document(6), { owner: 'payments' });
    expect(byName.services.map(s => s.name)).toEqual([
      'svc-1',
      'svc-3',
      'svc-5',
    ]);
    expect(byName.services[0].placements).toEqual([
      expect.objectContaining({
        cluster: 'staging',
        environment: 'staging',
        state: 'complete',
      }),
      expect.objectContaining({ cluster: 'prod', environment: 'production' }),
    ]);
    expect(
      overviewFor(document(6), { owner: 'group:default/payments' }),
    ).toEqual(byName);
    expect(byName).toMatchObject({ matched: 3, truncated: 0 });
  });

  it('takes owner and system together', () => {
    const answer = overviewFor(document(6), {
      owner: 'messaging',
      system: 'system:default/checkout',
    });
    expect(answer.services.map(s => s.name)).toEqual(['svc-2', 'svc-4']);
  });

  it('stays bounded, and says how many it left out', () => {
    const answer = overviewFor(document(1000), { owner: 'payments' }, 200);
    expect(answer.services).toHaveLength(200);
    expect(answer).toMatchObject({ matched: 500, truncated: 300 });
  });

  it('refuses a question without a filter, and a malformed ref, naming the field', () => {
    expect(() => overviewFor(document(2), {})).toThrow(
      /^owner, system: give at least one/,
    );
    expect(() =>
      overviewFor(document(2), { system: 'system:default/' }),
    ).toThrow(/^system: /);
  });
});
