import { expandOverview } from '@internal/backstage-plugin-delivery-common';
import { OverviewRecords } from './OverviewRecords';
import { overviewJson } from './overviewJson';

const cluster = (name: string) => ({
  name,
  environment: name,
  role: 'primary' as const,
  sandbox: true,
  state: 'ok' as const,
});

const head = {
  version: 4,
  generatedAt: '2026-12-07T10:00:00.000Z',
  cursor: 'c4',
  clusters: [cluster('staging'), cluster('production')],
};

describe('overviewJson', () => {
  it('writes the document of the kept services, numbered in order, as the page reads it', () => {
    const records = new OverviewRecords();
    for (const [name, version] of [
      ['a', '1.0'],
      ['b', '2.0'],
      ['c', '3.0'],
    ]) {
      records.put(
        { entityRef: `component:default/${name}`, name, tier: 'standard' },
        [0, 1].map(index => ({
          cluster: index,
          state: 'complete' as const,
          summary: `${version} on 1/1 replicas`,
          version,
          ready: 1,
          desired: 1,
        })),
      );
    }
    records.commit();

    const keep = (ref: string) => ref !== 'component:default/b';
    const document = JSON.parse(overviewJson(head, records.values(), keep));
    expect(document).toMatchObject(head);
    expect(
      expandOverview(document).rows.map(
        r => `${r.name}@${r.version} in ${r.cluster}`,
      ),
    ).toEqual([
      'a@1.0 in staging',
      'a@1.0 in production',
      'c@3.0 in staging',
      'c@3.0 in production',
    ]);

    // A changed service is written anew; the others as before.
    records.put(
      { entityRef: 'component:default/c', name: 'c', tier: 'critical' },
      [],
    );
    records.commit();
    const next = JSON.parse(overviewJson(head, records.values(), keep));
    expect(next.services.map((s: any) => [s.name, s.tier])).toEqual([
      ['a', 'standard'],
      ['c', 'critical'],
    ]);
    expect(next.placements).toHaveLength(2);
  });
});
