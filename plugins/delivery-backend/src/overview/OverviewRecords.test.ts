import { OverviewRecords } from './OverviewRecords';

const service = (name: string, tier = 'standard') => ({
  entityRef: `component:default/${name}`,
  name,
  tier,
});
const running = (version: string) => [
  {
    cluster: 0,
    state: 'complete' as const,
    summary: '',
    ready: 1,
    desired: 1,
    version,
  },
];

describe('OverviewRecords', () => {
  it('tells what changed and what was removed since a revision, and nothing for an equal state', () => {
    const records = new OverviewRecords();
    records.put(service('a'), running('1'));
    records.put(service('b'), running('1'));
    records.commit({ everything: true });
    const start = records.revision;

    // The same state again is no change, and makes no revision.
    records.put(service('a'), running('1'));
    expect(records.commit()).toBe(false);
    expect(records.changedSince(start)).toEqual({ changed: [], removed: [] });

    records.put(service('a'), running('2'));
    records.commit();
    records.remove('component:default/b');
    records.commit();
    expect(records.changedSince(start)).toEqual({
      changed: ['component:default/a'],
      removed: ['component:default/b'],
    });
    expect(records.changedSince(start + 1)).toEqual({
      changed: [],
      removed: ['component:default/b'],
    });

    // Removed, then back: a change, not a removal.
    records.put(service('b', 'critical'), running('1'));
    records.commit();
    const since = records.changedSince(start)!;
    expect(since.changed.sort()).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    expect(since.removed).toEqual([]);
  });

  it('cannot answer for a revision from before the clusters changed, or from the future', () => {
    const records = new OverviewRecords();
    records.put(service('a'), running('1'));
    records.commit();
    const old = records.revision;
    records.commit({ everything: true });
    expect(records.changedSince(old)).toBeUndefined();
    expect(records.changedSince(records.revision + 1)).toBeUndefined();
    expect(records.changedSince(records.revision)).toEqual({
      changed: [],
      removed: [],
    });
  });

  it('forgets revisions past its log, so very old cursors get everything', () => {
    const records = new OverviewRecords();
    records.put(service('a'), running('0'));
    records.commit({ everything: true });
    const first = records.revision;
    for (let i = 1; i <= 1_001; i++) {
      records.put(service('a'), running(String(i)));
      records.commit();
    }
    expect(records.changedSince(first)).toBeUndefined();
    expect(records.changedSince(records.revision - 10)?.changed).toEqual([
      'component:default/a',
    ]);
  });
});
