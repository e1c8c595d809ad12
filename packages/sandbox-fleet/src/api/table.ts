import { KubeObject } from '../store/types';

/**
 * Server-side printing for `kubectl get`: kubectl asks for a meta.k8s.io Table and prints
 * its columns. The columns follow the real server's for the kinds the fleet simulates.
 */
type Column = {
  name: string;
  type: string;
  format?: string;
  cell: (o: KubeObject, now: number) => unknown;
};

function age(object: KubeObject, now: number): string {
  const created = Date.parse(object.metadata.creationTimestamp ?? '');
  if (Number.isNaN(created)) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now - created) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

function podStatus(pod: KubeObject): string {
  for (const status of pod.status?.containerStatuses ?? []) {
    if (status.state?.waiting?.reason) return status.state.waiting.reason;
    if (status.state?.terminated?.reason) return status.state.terminated.reason;
  }
  return pod.status?.phase ?? 'Unknown';
}

const name: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  cell: o => o.metadata.name,
};
const ageColumn: Column = { name: 'Age', type: 'string', cell: age };

const COLUMNS: Record<string, Column[]> = {
  Deployment: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
    },
    {
      name: 'Up-to-date',
      type: 'integer',
      cell: o => o.status?.updatedReplicas ?? 0,
    },
    {
      name: 'Available',
      type: 'integer',
      cell: o => o.status?.availableReplicas ?? 0,
    },
    ageColumn,
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: o => o.spec?.replicas ?? 0 },
    { name: 'Current', type: 'integer', cell: o => o.status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', cell: o => o.status?.readyReplicas ?? 0 },
    ageColumn,
  ],
  Pod: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: o => {
        const statuses = o.status?.containerStatuses ?? [];
        return `${statuses.filter((s: any) => s.ready).length}/${
          o.spec?.containers?.length ?? 0
        }`;
      },
    },
    { name: 'Status', type: 'string', cell: podStatus },
    {
      name: 'Restarts',
      type: 'integer',
      cell: o =>
        (o.status?.containerStatuses ?? []).reduce(
          (n: number, s: any) => n + (s.restartCount ?? 0),
          0,
        ),
    },
    ageColumn,
  ],
  Service: [
    name,
    { name: 'Type', type: 'string', cell: o => o.spec?.type ?? 'ClusterIP' },
    {
      name: 'Cluster-IP',
      type: 'string',
      cell: o => o.spec?.clusterIP ?? '<none>',
    },
    {
      name: 'Ports',
      type: 'string',
      cell: o =>
        (o.spec?.ports ?? [])
          .map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`)
          .join(','),
    },
    ageColumn,
  ],
  HorizontalPodAutoscaler: [
    name,
    {
      name: 'Reference',
      type: 'string',
      cell: o =>
        `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}`,
    },
    { name: 'MinPods', type: 'integer', cell: o => o.spec?.minReplicas ?? 1 },
    { name: 'MaxPods', type: 'integer', cell: o => o.spec?.maxReplicas },
    {
      name: 'Replicas',
      type: 'integer',
      cell: o => o.status?.currentReplicas ?? 0,
    },
    ageColumn,
  ],
  // The additionalPrinterColumns of Argo Rollouts' CRDs.
  Rollout: [
    name,
    { name: 'Desired', type: 'integer', cell: o => o.spec?.replicas ?? 1 },
    { name: 'Current', type: 'integer', cell: o => o.status?.replicas ?? 0 },
    {
      name: 'Up-to-date',
      type: 'integer',
      cell: o => o.status?.updatedReplicas ?? 0,
    },
    {
      name: 'Available',
      type: 'integer',
      cell: o => o.status?.availableReplicas ?? 0,
    },
    ageColumn,
  ],
  AnalysisRun: [
    name,
    { name: 'Status', type: 'string', cell: o => o.status?.phase ?? '' },
    ageColumn,
  ],
  Job: [
    name,
    {
      name: 'Status',
      type: 'string',
      cell: o =>
        (o.status?.conditions ?? []).find((c: any) => c.status === 'True')
          ?.type ?? 'Running',
    },
    {
      name: 'Completions',
      type: 'string',
      cell: o => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`,
    },
    ageColumn,
  ],
  CronJob: [
    name,
    { name: 'Schedule', type: 'string', cell: o => o.spec?.schedule },
    { name: 'Suspend', type: 'boolean', cell: o => Boolean(o.spec?.suspend) },
    {
      name: 'Active',
      type: 'integer',
      cell: o => (o.status?.active ?? []).length,
    },
    {
      name: 'Last Schedule',
      type: 'string',
      cell: o => o.status?.lastScheduleTime ?? '<none>',
    },
    ageColumn,
  ],
};

export function wantsTable(accept: string | undefined): boolean {
  return Boolean(accept && /as=Table/.test(accept));
}

export function toTable(
  kind: string,
  objects: KubeObject[],
  resourceVersion: string,
  now: number,
) {
  const columns = COLUMNS[kind] ?? [name, ageColumn];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: '',
      priority: 0,
    })),
    rows: objects.map(o => ({
      cells: columns.map(c => c.cell(o, now)),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: o.metadata,
      },
    })),
  };
}
