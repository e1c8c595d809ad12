import {
  compactOverview,
  expandOverview,
  filterOverview,
  OverviewDocument,
} from './overview';

const document: OverviewDocument = {
  version: 7,
  generatedAt: '2026-11-23T10:00:00.000Z',
  cursor: 'c7',
  clusters: [
    {
      name: 'staging',
      environment: 'staging',
      role: 'primary',
      sandbox: true,
      state: 'ok',
    },
    {
      name: 'dr',
      environment: 'production',
      role: 'dr',
      sandbox: true,
      state: 'stale',
    },
  ],
  services: [
    {
      entityRef: 'component:default/a',
      name: 'a',
      owner: 'group:default/x',
      tier: 'critical',
    },
    {
      entityRef: 'component:default/b',
      name: 'b',
      system: 'pms',
      tier: 'standard',
    },
  ],
  placements: [
    {
      service: 1,
      cluster: 0,
      state: 'complete',
      summary: '1.0.0 on 2/2 replicas',
      version: '1.0.0',
      ready: 2,
      desired: 2,
    },
    {
      service: 0,
      cluster: 1,
      state: 'not-deployed',
      summary: 'not deployed in any DR cluster of production',
      ready: 0,
      desired: 0,
    },
    {
      service: 1,
      cluster: 1,
      state: 'failing',
      summary: 'CrashLoopBackOff',
      ready: 0,
      desired: 1,
    },
  ],
};

describe('expandOverview', () => {
  it('joins each placement with its service and its cluster, in order', () => {
    const { rows, version, clusters } = expandOverview(document);
    expect(version).toBe(7);
    expect(clusters).toHaveLength(2);
    expect(rows).toEqual([
      {
        entityRef: 'component:default/b',
        name: 'b',
        system: 'pms',
        tier: 'standard',
        cluster: 'staging',
        environment: 'staging',
        role: 'primary',
        state: 'complete',
        summary: '1.0.0 on 2/2 replicas',
        version: '1.0.0',
        ready: 2,
        desired: 2,
      },
      expect.objectContaining({
        name: 'a',
        owner: 'group:default/x',
        cluster: 'dr',
        role: 'dr',
        environment: 'production',
        state: 'not-deployed',
      }),
      expect.objectContaining({ name: 'b', cluster: 'dr', state: 'failing' }),
    ]);
  });
});

describe('filterOverview', () => {
  it('keeps only accepted services and renumbers the placements that point at them', () => {
    const only = filterOverview(document, s => s.name === 'b');
    expect(only.services.map(s => s.name)).toEqual(['b']);
    expect(only.placements.map(p => [p.service, p.cluster, p.state])).toEqual([
      [0, 0, 'complete'],
      [0, 1, 'failing'],
    ]);
    expect(expandOverview(only).rows.map(r => r.name)).toEqual(['b', 'b']);
  });

  it('leaves no placements when nothing is readable', () => {
    const none = filterOverview(document, () => false);
    expect(none.services).toEqual([]);
    expect(none.placements).toEqual([]);
    expect(none.clusters).toHaveLength(2);
  });
});

describe('compactOverview', () => {
  it('gives back the document the rows were expanded from', () => {
    const view = expandOverview(document);
    const compacted = compactOverview(view);
    expect(expandOverview(compacted)).toEqual(view);
    expect(compacted.cursor).toBe('c7');
    // b's rows come first, so b is the first service now; its two rows stay together.
    expect(compacted.services.map(s => s.name)).toEqual(['b', 'a']);
    expect(compacted.placements).toHaveLength(3);
  });
});
