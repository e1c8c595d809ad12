import { JsonValue } from '@backstage/types';

/** A Deployment as describeWorkloads records it. */
interface RecordedDeployment {
  namespace?: string;
  name: string;
  track?: string;
  image?: string;
  replicas?: number;
}

/** A Service as describeWorkloads records it (snapshots before `services` have none). */
interface RecordedService {
  namespace?: string;
  name: string;
  selects?: string;
}

/** An Argo Rollout as describeWorkloads records it. */
interface RecordedRollout {
  namespace?: string;
  name: string;
  image?: string;
  replicas?: number;
  /** Where its update stands: "step 1/6 (weight 25, paused)", "healthy". */
  state?: string;
}

interface RecordedCluster {
  cluster: string;
  deployments?: RecordedDeployment[];
  services?: RecordedService[];
  rollouts?: RecordedRollout[];
}

function clustersOf(
  state: JsonValue | undefined,
): RecordedCluster[] | undefined {
  const clusters = (state as { clusters?: unknown } | null | undefined)
    ?.clusters;
  return Array.isArray(clusters) ? (clusters as RecordedCluster[]) : undefined;
}

/** `value a → b` when it changed, nothing when it did not. */
function change(
  what: string,
  before: string | number | undefined,
  after: string | number | undefined,
): string[] {
  return before === after
    ? []
    : [`${what} ${before ?? 'none'} → ${after ?? 'none'}`];
}

/**
 * Lines for the objects of one kind in one cluster: the ones whose facts differ, the ones
 * created and the ones deleted, each named `cluster/namespace/Kind/name`.
 */
function objectLines<T extends { namespace?: string; name: string }>(
  cluster: string,
  kind: string,
  before: T[],
  after: T[],
  differences: (was: T, now: T) => string[],
  facts: (object: T) => string,
): string[] {
  const key = (o: T) => `${o.namespace ?? ''}/${o.name}`;
  const where = (o: T) => `${cluster}/${o.namespace ?? ''}/${kind}/${o.name}`;
  const was = new Map(before.map(o => [key(o), o]));
  const lines: string[] = [];
  for (const now of after) {
    const previous = was.get(key(now));
    was.delete(key(now));
    if (!previous) {
      lines.push(`${where(now)}: created (${facts(now)})`);
      continue;
    }
    const changed = differences(previous, now);
    if (changed.length) lines.push(`${where(now)}: ${changed.join(', ')}`);
  }
  for (const gone of was.values())
    lines.push(`${where(gone)}: deleted (was ${facts(gone)})`);
  return lines;
}

/**
 * What a run changed on the service's workloads, one line per object that changed, for the
 * audit log: `staging-east/propertyos/Deployment/api: image a → b, replicas 2 → 3`, a
 * Service that selects another track, a Deployment created or deleted, an Argo Rollout
 * moved on (`Rollout/api: state step 1/6 (weight 25, paused) → healthy`). Derived from the
 * states before and after the run records (describeWorkloads); a state of another shape
 * (a failover's outcome) or a missing one gives no lines. Readiness is left out: it is the
 * cluster's doing, not the run's.
 */
export function describeWorkloadChanges(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): string[] {
  const was = clustersOf(before);
  const now = clustersOf(after);
  if (!was || !now) return [];
  const previous = new Map(was.map(c => [c.cluster, c]));
  const clusters = [
    ...now.map(c => c.cluster),
    ...was.map(c => c.cluster).filter(c => !now.some(n => n.cluster === c)),
  ];
  return clusters.flatMap(name => {
    const b = previous.get(name);
    const a = now.find(c => c.cluster === name);
    return [
      ...objectLines(
        name,
        'Deployment',
        b?.deployments ?? [],
        a?.deployments ?? [],
        (x, y) => [
          ...change('image', x.image, y.image),
          ...change('replicas', x.replicas, y.replicas),
          ...change('track', x.track, y.track),
        ],
        d =>
          [
            `image ${d.image ?? 'none'}`,
            `replicas ${d.replicas ?? 0}`,
            ...(d.track ? [`track ${d.track}`] : []),
          ].join(', '),
      ),
      // Only when both states name their Services: an older snapshot has no `services`.
      ...(b?.services && a?.services
        ? objectLines(
            name,
            'Service',
            b.services,
            a.services,
            (x, y) => change('selects', x.selects, y.selects),
            s => `selects ${s.selects ?? 'no track'}`,
          )
        : []),
      ...objectLines(
        name,
        'Rollout',
        b?.rollouts ?? [],
        a?.rollouts ?? [],
        (x, y) => [
          ...change('image', x.image, y.image),
          ...change('replicas', x.replicas, y.replicas),
          ...change('state', x.state, y.state),
        ],
        r =>
          [
            `image ${r.image ?? 'none'}`,
            `replicas ${r.replicas ?? 0}`,
            `state ${r.state ?? 'unknown'}`,
          ].join(', '),
      ),
    ];
  });
}
