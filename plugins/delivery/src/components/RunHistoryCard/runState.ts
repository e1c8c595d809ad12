/**
 * The state the Delivery actions record before and after a run (see the scaffolder
 * module's snapshot): per cluster, each Deployment's image, track and replicas, and the
 * track its Service selects. Anything else recorded there is shown as it is.
 */
export interface RecordedDeployment {
  name: string;
  track?: string;
  image: string;
  replicas: number;
  ready: number;
}

export interface RecordedCluster {
  cluster: string;
  deployments: RecordedDeployment[];
  selects: string[];
}

export interface StateChange {
  cluster: string;
  name: string;
  before?: RecordedDeployment;
  after?: RecordedDeployment;
}

function clustersOf(state: unknown): RecordedCluster[] {
  const clusters = (state as { clusters?: unknown })?.clusters;
  return Array.isArray(clusters) ? (clusters as RecordedCluster[]) : [];
}

/** One line per Deployment that exists before or after, in cluster order. */
export function stateChanges(before: unknown, after: unknown): StateChange[] {
  const changes = new Map<string, StateChange>();
  for (const [which, state] of [
    ['before', before],
    ['after', after],
  ] as const) {
    for (const cluster of clustersOf(state)) {
      for (const deployment of cluster.deployments ?? []) {
        const key = `${cluster.cluster}/${deployment.name}`;
        const change = changes.get(key) ?? {
          cluster: cluster.cluster,
          name: deployment.name,
        };
        change[which] = deployment;
        changes.set(key, change);
      }
    }
  }
  return [...changes.values()];
}

/** "blue -> green" per cluster where the Service's selected track changed. */
export function selectorChanges(before: unknown, after: unknown): string[] {
  const was = new Map(clustersOf(before).map(c => [c.cluster, c.selects]));
  return clustersOf(after).flatMap(c => {
    const previous = (was.get(c.cluster) ?? []).join(', ');
    const now = (c.selects ?? []).join(', ');
    return previous && now && previous !== now
      ? [`${c.cluster}: Service selects ${previous} -> ${now}`]
      : [];
  });
}
