import { ClusterSnapshot } from './api';
import { expandOverview, OverviewDocument } from './overview';
import { applyOverviewChanges, OverviewChanges } from './overviewChanges';

const cluster = (name: string, state: ClusterSnapshot['state']) => ({
  name,
  environment: name,
  role: 'primary' as const,
  sandbox: true,
  state,
});

const service = (name: string) => ({
  entityRef: `component:default/${name}`,
  name,
  tier: 'standard',
});

const current: OverviewDocument = {
  version: 3,
  generatedAt: '2026-12-07T10:00:00.000Z',
  cursor: 'c3',
  clusters: [cluster('staging', 'ok'), cluster('production', 'ok')],
  services: [service('a'), service('b'), service('c')],
  placements: [
    {
      service: 0,
      cluster: 0,
      state: 'complete',
      summary: 'a',
      ready: 1,
      desired: 1,
      version: '1.0',
    },
    {
      service: 1,
      cluster: 0,
      state: 'complete',
      summary: 'b',
      ready: 1,
      desired: 1,
      version: '1.0',
    },
    {
      service: 1,
      cluster: 1,
      state: 'complete',
      summary: 'b',
      ready: 2,
      desired: 2,
      version: '1.0',
    },
    {
      service: 2,
      cluster: 1,
      state: 'complete',
      summary: 'c',
      ready: 1,
      desired: 1,
      version: '1.0',
    },
  ],
};

const changes = (partial: Partial<OverviewChanges>): OverviewChanges => ({
  cursor: 'c4',
  full: false,
  generatedAt: '2026-12-07T10:00:05.000Z',
  clusters: current.clusters,
  services: [],
  placements: [],
  removed: [],
  ...partial,
});

/** Each row as service, cluster, state and version: what the page shows. */
const rowsOf = (document: OverviewDocument) =>
  expandOverview(document).rows.map(r => [
    r.name,
    r.cluster,
    r.state,
    r.version,
  ]);

describe('applyOverviewChanges', () => {
  it('replaces a changed service in place, with all its placements', () => {
    const next = applyOverviewChanges(
      current,
      changes({
        services: [service('b')],
        placements: [
          {
            service: 0,
            cluster: 1,
            state: 'progressing',
            summary: 'b',
            ready: 1,
            desired: 2,
            version: '1.1',
          },
        ],
      }),
    );
    expect(rowsOf(next)).toEqual([
      ['a', 'staging', 'complete', '1.0'],
      ['b', 'production', 'progressing', '1.1'],
      ['c', 'production', 'complete', '1.0'],
    ]);
    expect(next.cursor).toBe('c4');
    expect(next.version).not.toBe(current.version);
    // Pure: what the page showed before is untouched.
    expect(rowsOf(current)).toHaveLength(4);
  });

  it('adds a new service after the others', () => {
    const next = applyOverviewChanges(
      current,
      changes({
        services: [service('d')],
        placements: [
          {
            service: 0,
            cluster: 0,
            state: 'progressing',
            summary: 'd',
            ready: 0,
            desired: 1,
          },
        ],
      }),
    );
    expect(rowsOf(next).map(r => r[0])).toEqual(['a', 'b', 'b', 'c', 'd']);
    expect(rowsOf(next)[4]).toEqual(['d', 'staging', 'progressing', undefined]);
  });

  it('removes a service that left the overview', () => {
    const next = applyOverviewChanges(
      current,
      changes({ removed: ['component:default/b'] }),
    );
    expect(rowsOf(next)).toEqual([
      ['a', 'staging', 'complete', '1.0'],
      ['c', 'production', 'complete', '1.0'],
    ]);
    expect(next.services.map(s => s.name)).toEqual(['a', 'c']);
  });

  it('takes the clusters of the answer, whose states move on their own', () => {
    const clusters = [cluster('staging', 'stale'), cluster('production', 'ok')];
    const next = applyOverviewChanges(current, changes({ clusters }));
    expect(next.clusters[0].state).toBe('stale');
    expect(rowsOf(next)).toEqual(rowsOf(current));
  });

  it('replaces everything with a full answer', () => {
    const next = applyOverviewChanges(
      current,
      changes({
        full: true,
        clusters: [cluster('production', 'ok')],
        services: [service('c')],
        placements: [
          {
            service: 0,
            cluster: 0,
            state: 'failing',
            summary: 'c',
            ready: 0,
            desired: 1,
            version: '2.0',
          },
        ],
      }),
    );
    expect(rowsOf(next)).toEqual([['c', 'production', 'failing', '2.0']]);
  });

  it('starts from a full answer when there is nothing yet', () => {
    const next = applyOverviewChanges(
      undefined,
      changes({
        full: true,
        services: [service('a')],
        placements: [
          {
            service: 0,
            cluster: 1,
            state: 'complete',
            summary: 'a',
            ready: 1,
            desired: 1,
          },
        ],
      }),
    );
    expect(rowsOf(next)).toEqual([['a', 'production', 'complete', undefined]]);
  });
});
