/**
 * The Kubernetes resource types the sandbox serves. Types without a controller are plain
 * storage, which is all clients such as the upstream Kubernetes plugin need from them.
 */
export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural, lowercase: the path segment. */
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Subresources served besides the object itself. */
  subresources?: Array<'status' | 'scale' | 'log'>;
  categories?: string[];
  /** What discovery names one object, when it is not the kind in lower case. */
  singularName?: string;
  /**
   * Not stored: cut from the latest usage scrape and served read-only (get and list), as
   * metrics-server serves metrics.k8s.io.
   */
  usageMetrics?: true;
}

export const RESOURCE_TYPES: ResourceType[] = [
  {
    group: '',
    version: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    subresources: ['status'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'nodes',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    subresources: ['status'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'pods',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    subresources: ['status', 'log'],
    categories: ['all'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'services',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    subresources: ['status'],
    categories: ['all'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'configmaps',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'secrets',
    kind: 'Secret',
    namespaced: true,
  },
  {
    group: '',
    version: 'v1',
    resource: 'events',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'limitranges',
    kind: 'LimitRange',
    namespaced: true,
    shortNames: ['limits'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'resourcequotas',
    kind: 'ResourceQuota',
    namespaced: true,
    shortNames: ['quota'],
    subresources: ['status'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'serviceaccounts',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    subresources: ['status', 'scale'],
    categories: ['all'],
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'replicasets',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    subresources: ['status', 'scale'],
    categories: ['all'],
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'statefulsets',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    subresources: ['status', 'scale'],
    categories: ['all'],
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'daemonsets',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    subresources: ['status'],
    categories: ['all'],
  },
  {
    group: 'autoscaling',
    version: 'v2',
    resource: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
    subresources: ['status'],
    categories: ['all'],
  },
  {
    group: 'policy',
    version: 'v1',
    resource: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    namespaced: true,
    shortNames: ['pdb'],
    subresources: ['status'],
  },
  {
    group: 'batch',
    version: 'v1',
    resource: 'jobs',
    kind: 'Job',
    namespaced: true,
    subresources: ['status'],
    categories: ['all'],
  },
  {
    group: 'batch',
    version: 'v1',
    resource: 'cronjobs',
    kind: 'CronJob',
    namespaced: true,
    shortNames: ['cj'],
    subresources: ['status'],
    categories: ['all'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    resource: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
    subresources: ['status'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    resource: 'networkpolicies',
    kind: 'NetworkPolicy',
    namespaced: true,
    shortNames: ['netpol'],
  },
  // Custom resources, as their CRDs declare them: a CloudNativePG database cluster and an
  // ExternalDNS record set, what the Kubernetes DR providers read and write.
  {
    group: 'postgresql.cnpg.io',
    version: 'v1',
    resource: 'clusters',
    kind: 'Cluster',
    namespaced: true,
    subresources: ['status'],
  },
  {
    group: 'externaldns.k8s.io',
    version: 'v1alpha1',
    resource: 'dnsendpoints',
    kind: 'DNSEndpoint',
    namespaced: true,
    subresources: ['status'],
  },
  // Velero's backups and their schedules, what the DR backup check reads. Velero's CRDs
  // declare no status subresource: Velero writes the status with the object.
  {
    group: 'velero.io',
    version: 'v1',
    resource: 'backups',
    kind: 'Backup',
    namespaced: true,
  },
  {
    group: 'velero.io',
    version: 'v1',
    resource: 'schedules',
    kind: 'Schedule',
    namespaced: true,
  },
  // Argo Rollouts' kinds, as its CRDs declare them (manifests/crds): a progressive-delivery
  // workload and the analysis that gates its steps. Only the Rollout has subresources, and
  // like upstream none is in the `all` category.
  {
    group: 'argoproj.io',
    version: 'v1alpha1',
    resource: 'rollouts',
    kind: 'Rollout',
    namespaced: true,
    shortNames: ['ro'],
    subresources: ['status', 'scale'],
  },
  {
    group: 'argoproj.io',
    version: 'v1alpha1',
    resource: 'analysisruns',
    kind: 'AnalysisRun',
    namespaced: true,
    shortNames: ['ar'],
  },
  {
    group: 'argoproj.io',
    version: 'v1alpha1',
    resource: 'analysistemplates',
    kind: 'AnalysisTemplate',
    namespaced: true,
    shortNames: ['at'],
  },
  // The resource metrics API, with the singular names metrics-server gives them.
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    resource: 'pods',
    kind: 'PodMetrics',
    namespaced: true,
    singularName: '',
    usageMetrics: true,
  },
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    resource: 'nodes',
    kind: 'NodeMetrics',
    namespaced: false,
    singularName: 'node',
    usageMetrics: true,
  },
];

/**
 * Objects are stored once per kind, whatever version they are read through: autoscaling/v1
 * and v2 HPAs share one store, as they share one etcd key on a real cluster.
 */
export function storageKey(
  type: Pick<ResourceType, 'group' | 'resource'>,
): string {
  return `${type.group}/${type.resource}`;
}

export function apiVersionOf(
  type: Pick<ResourceType, 'group' | 'version'>,
): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export function findResourceType(
  group: string,
  version: string,
  resource: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    t => t.group === group && t.version === version && t.resource === resource,
  );
}

/** The type objects of a kind are written with by the simulation (its preferred version). */
export function preferredType(kind: string): ResourceType {
  const type = RESOURCE_TYPES.find(t => t.kind === kind);
  if (!type) throw new Error(`No resource type for kind ${kind}`);
  return type;
}
