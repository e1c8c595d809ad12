import {
  COMPONENTS,
  LABEL_APP_COMPONENT,
  LABEL_APP_NAME,
  TRACKS,
} from '@internal/backstage-plugin-delivery-common';
import { Cluster } from '../fleet/Cluster';
import { stableHash } from '../sim/random';
import { templateHash } from '../sim/deploymentController';
import { controllerRef, KINDS, typeMeta } from '../sim/objects';
import { KubeObject } from '../store/types';
import { ServiceSeed } from './catalog';
import { readyPod, Seeder } from './seedPods';
import { seedArgoRollout } from './seedRollout';
import {
  imageOf,
  podTemplate,
  selectorLabels,
  serviceLabels,
} from './podTemplates';
import { Scenario, VELERO_SCENARIOS } from './scenarios';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Placement {
  role: 'primary' | 'dr';
  environment: string;
  replicas: number;
}

/** The version a service runs everywhere, derived from its name so it is stable. */
export function versionsOf(name: string): string[] {
  const h = parseInt(stableHash(name), 36);
  const minor = 2 + (h % 17);
  const patch = h % 7;
  return [
    `1.${minor - 2}.${(patch + 3) % 7}`,
    `1.${minor - 1}.${patch}`,
    `1.${minor}.${patch}`,
  ];
}

function waitingPod(
  s: Seeder,
  rs: KubeObject,
  startedAt: number,
  reason: string,
  restarts: number,
): KubeObject {
  const pod = readyPod(s, rs, startedAt);
  const notReady = (type: string) => ({
    type,
    status:
      type === 'PodScheduled' || type === 'Initialized' ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: s.iso(startedAt),
  });
  return {
    ...pod,
    status: {
      ...pod.status,
      phase: reason === 'CrashLoopBackOff' ? 'Running' : 'Pending',
      conditions: [
        'PodScheduled',
        'Initialized',
        'ContainersReady',
        'Ready',
      ].map(notReady),
      containerStatuses: pod.status.containerStatuses.map((c: any) => ({
        ...c,
        ready: false,
        started: false,
        restartCount: restarts,
        imageID: reason === 'CrashLoopBackOff' ? c.imageID : '',
        state: {
          waiting: {
            reason,
            message:
              reason === 'CrashLoopBackOff'
                ? `back-off 5m0s restarting failed container ${c.name}`
                : `Back-off pulling image "${c.image}"`,
          },
        },
        ...(reason === 'CrashLoopBackOff'
          ? {
              lastState: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  finishedAt: s.iso(s.now - 60_000),
                },
              },
            }
          : {}),
      })),
    },
  };
}

/** Metadata of an object that lives as long as the service in this cluster. */
function serviceMeta(s: Seeder, name: string, labels: Record<string, string>) {
  return {
    name,
    namespace: s.namespace,
    labels,
    creationTimestamp: s.createdAt,
  };
}

/** A Deployment with its ReplicaSet history; the last version is the current template. */
function seedDeployment(
  s: Seeder,
  options: {
    name: string;
    track?: string;
    versions: string[];
    replicas: number;
    /** Replicas still on the previous version (a rollout in flight). */
    previousReplicas?: number;
    rolloutAt: number;
    newPods?: 'ready' | 'crash' | 'missing';
    crashRestarts?: number;
    progress?: { reason: string; status: string; at: number };
  },
): KubeObject {
  const { service, cluster } = s;
  const template = podTemplate(
    service,
    options.versions[options.versions.length - 1],
    options.track,
  );
  const deployment = cluster.store.create(KINDS.deployment, {
    ...typeMeta('Deployment'),
    metadata: {
      name: options.name,
      namespace: s.namespace,
      labels: serviceLabels(service, options.track),
      annotations: {
        'deployment.kubernetes.io/revision': String(options.versions.length),
      },
      creationTimestamp: s.createdAt,
    },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: selectorLabels(service, options.track) },
      template,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  });

  const replicaSets = options.versions.map((version, index) => {
    const current = index === options.versions.length - 1;
    const previous = index === options.versions.length - 2;
    const rsTemplate = podTemplate(service, version, options.track);
    const hash = templateHash(rsTemplate);
    const labels = { ...rsTemplate.metadata.labels, 'pod-template-hash': hash };
    let replicas = 0;
    if (current) {
      // Mid-rollout, the new ReplicaSet has its first pod; otherwise it has them all.
      replicas =
        options.previousReplicas !== undefined
          ? Math.min(options.replicas, 1)
          : options.replicas;
    } else if (previous) {
      replicas = options.previousReplicas ?? 0;
    }
    return cluster.store.create(KINDS.replicaSet, {
      ...typeMeta('ReplicaSet'),
      metadata: {
        name: `${options.name}-${hash}`,
        namespace: s.namespace,
        labels,
        annotations: {
          'deployment.kubernetes.io/revision': String(index + 1),
          'deployment.kubernetes.io/desired-replicas': String(options.replicas),
        },
        ownerReferences: [controllerRef(deployment)],
        creationTimestamp: s.iso(
          options.rolloutAt - (options.versions.length - 1 - index) * 9 * DAY,
        ),
      },
      spec: {
        replicas,
        selector: {
          matchLabels: {
            ...selectorLabels(service, options.track),
            'pod-template-hash': hash,
          },
        },
        template: { ...rsTemplate, metadata: { labels } },
      },
      status: { replicas: 0 },
    });
  });

  const counts = { replicas: 0, updated: 0, ready: 0 };
  replicaSets.forEach((rs, index) => {
    const current = index === replicaSets.length - 1;
    let ready = 0;
    for (let i = 0; i < rs.spec.replicas; i++) {
      const started = options.rolloutAt + i * 40_000;
      let pod: KubeObject;
      if (current && options.newPods === 'crash') {
        pod = waitingPod(
          s,
          rs,
          started,
          'CrashLoopBackOff',
          options.crashRestarts ?? 3,
        );
      } else if (current && options.newPods === 'missing') {
        pod = waitingPod(s, rs, started, 'ImagePullBackOff', 0);
      } else {
        pod = readyPod(s, rs, current ? started : options.rolloutAt - 9 * DAY);
        ready++;
      }
      cluster.store.create(KINDS.pod, pod);
    }
    cluster.store.update(KINDS.replicaSet, {
      ...cluster.store.get(KINDS.replicaSet, s.namespace, rs.metadata.name)!,
      status: {
        replicas: rs.spec.replicas,
        fullyLabeledReplicas: rs.spec.replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: 1,
      },
    });
    counts.replicas += rs.spec.replicas;
    counts.ready += ready;
    if (current) counts.updated = rs.spec.replicas;
  });

  const currentRs = replicaSets[replicaSets.length - 1].metadata.name;
  const progress = options.progress ?? {
    reason: 'NewReplicaSetAvailable',
    status: 'True',
    at: options.rolloutAt,
  };
  const progressMessage: Record<string, string> = {
    NewReplicaSetAvailable: `ReplicaSet "${currentRs}" has successfully progressed.`,
    ReplicaSetUpdated: `ReplicaSet "${currentRs}" is progressing.`,
    ProgressDeadlineExceeded: `ReplicaSet "${currentRs}" has timed out progressing.`,
  };
  return cluster.store.update(KINDS.deployment, {
    ...cluster.store.get(KINDS.deployment, s.namespace, options.name)!,
    status: {
      observedGeneration: 1,
      replicas: counts.replicas,
      updatedReplicas: counts.updated,
      readyReplicas: counts.ready,
      availableReplicas: counts.ready,
      unavailableReplicas: Math.max(0, options.replicas - counts.ready),
      conditions: [
        {
          type: 'Available',
          status: counts.ready >= options.replicas ? 'True' : 'False',
          reason:
            counts.ready >= options.replicas
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
          message:
            counts.ready >= options.replicas
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
          lastUpdateTime: s.iso(options.rolloutAt),
          lastTransitionTime: s.iso(options.rolloutAt),
        },
        {
          type: 'Progressing',
          status: progress.status,
          reason: progress.reason,
          message: progressMessage[progress.reason],
          lastUpdateTime: s.iso(progress.at),
          lastTransitionTime: s.iso(progress.at),
        },
      ],
    },
  });
}

/**
 * Creates everything one service runs in one cluster: Deployments (with ReplicaSet history
 * and Pods), Service, HPA, PDB, the last migration Job and the backup CronJob, shaped by
 * the service's strategy, its tier, the cluster's role and any scenario.
 */
export function seedService(
  cluster: Cluster,
  service: ServiceSeed,
  placement: Placement,
  scenario: Scenario | undefined,
  now: number,
): void {
  const iso = (ms: number) => new Date(ms).toISOString();
  const s: Seeder = {
    cluster,
    service,
    namespace: service.system,
    now,
    iso,
    createdAt: iso(now - cluster.random.int(90, 400) * DAY),
  };
  const versions = versionsOf(service.name);
  const version = versions[versions.length - 1];
  const rolloutAt = now - cluster.random.int(2, 96) * HOUR;
  const replicas = placement.replicas;
  let active = service.name;

  if (service.strategy === 'blue-green') {
    active = `${service.name}-blue`;
    seedDeployment(s, {
      name: active,
      track: TRACKS.blue,
      versions,
      replicas,
      rolloutAt,
    });
    seedDeployment(s, {
      name: `${service.name}-green`,
      track: TRACKS.green,
      versions: versions.slice(0, -1),
      replicas: 0,
      rolloutAt: rolloutAt - 9 * DAY,
    });
  } else if (scenario?.argoRollout) {
    seedArgoRollout(s, {
      versions,
      nextVersion: scenario.argoRollout.nextVersion,
      replicas: scenario.argoRollout.replicas,
      pausedAt: now - 6 * 60_000,
    });
  } else if (service.strategy === 'canary') {
    seedDeployment(s, {
      name: service.name,
      track: TRACKS.stable,
      versions,
      replicas,
      rolloutAt,
    });
    const next = scenario?.midRollout?.nextVersion;
    seedDeployment(s, {
      name: `${service.name}-canary`,
      track: TRACKS.canary,
      versions: next ? [...versions, next] : versions,
      replicas: next ? 1 : 0,
      rolloutAt: next ? now - 12 * 60_000 : rolloutAt,
    });
  } else if (scenario?.crashLoop) {
    seedDeployment(s, {
      name: service.name,
      versions: [...versions, scenario.crashLoop.nextVersion],
      replicas,
      previousReplicas: replicas,
      rolloutAt: now - 4 * 60_000,
      newPods: 'crash',
      crashRestarts: scenario.crashLoop.restarts,
      progress: {
        reason: 'ReplicaSetUpdated',
        status: 'True',
        at: now - 4 * 60_000,
      },
    });
  } else if (scenario?.deadlineExceeded) {
    const at = now - scenario.deadlineExceeded.minutesAgo * 60_000;
    seedDeployment(s, {
      name: service.name,
      versions: [...versions, scenario.deadlineExceeded.nextVersion],
      replicas,
      previousReplicas: replicas,
      rolloutAt: at,
      newPods: 'missing',
      progress: {
        reason: 'ProgressDeadlineExceeded',
        status: 'False',
        at: at + 600_000,
      },
    });
  } else {
    seedDeployment(s, { name: service.name, versions, replicas, rolloutAt });
  }

  const labels = serviceLabels(service);
  const port = service.type === 'website' ? 3000 : 8080;
  if (service.type !== 'worker') {
    cluster.store.create(KINDS.service, {
      ...typeMeta('Service'),
      metadata: serviceMeta(s, service.name, labels),
      spec: {
        type: 'ClusterIP',
        clusterIP: `10.96.${cluster.random.int(0, 255)}.${cluster.random.int(
          2,
          254,
        )}`,
        selector:
          service.strategy === 'blue-green'
            ? selectorLabels(service, TRACKS.blue)
            : selectorLabels(service),
        ports: [{ name: 'http', port: 80, targetPort: port, protocol: 'TCP' }],
      },
    });
  }

  // The simulated HPA controller scales Deployments only, so a service run by a Rollout
  // gets no HPA rather than one that never reports.
  if (replicas > 0 && !scenario?.argoRollout) {
    const production = placement.environment === 'production';
    const min =
      production && service.tier !== 'experimental' ? Math.min(2, replicas) : 1;
    const metrics: any[] = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
      {
        type: 'Resource',
        resource: {
          name: 'memory',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ];
    if (service.type === 'worker') {
      metrics.push({
        type: 'External',
        external: {
          metric: {
            name: 'queue_messages_ready',
            selector: { matchLabels: { queue: service.name } },
          },
          target: { type: 'AverageValue', averageValue: '30' },
        },
      });
    }
    cluster.store.create(KINDS.hpa, {
      ...typeMeta('HorizontalPodAutoscaler'),
      metadata: serviceMeta(s, service.name, labels),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: active,
        },
        minReplicas: min,
        maxReplicas: Math.max(min, replicas * 3),
        metrics,
        behavior: {
          scaleUp: {
            stabilizationWindowSeconds: 0,
            policies: [{ type: 'Percent', value: 100, periodSeconds: 60 }],
          },
          scaleDown: {
            stabilizationWindowSeconds: 300,
            policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
          },
        },
      },
    });
  }

  if (service.tier !== 'experimental') {
    cluster.store.create(KINDS.pdb, {
      ...typeMeta('PodDisruptionBudget'),
      metadata: serviceMeta(s, service.name, labels),
      spec: {
        maxUnavailable: 1,
        selector: { matchLabels: { [LABEL_APP_NAME]: service.name } },
      },
      status: {
        currentHealthy: replicas,
        desiredHealthy: Math.max(0, replicas - 1),
        disruptionsAllowed: replicas > 1 ? 1 : 0,
        expectedPods: replicas,
        observedGeneration: 1,
      },
    });
  }

  if (service.hasDatabase && placement.role === 'primary') {
    seedMigrationJob(s, version, rolloutAt);
  }
  // As the golden path renders them: a backup wherever a database serves, except for
  // experimental services and where Velero backs the namespace up instead.
  const velero = VELERO_SCENARIOS[service.name];
  if (
    service.hasDatabase &&
    placement.role === 'primary' &&
    service.tier !== 'experimental' &&
    !(velero?.instead && velero.cluster === cluster.name)
  ) {
    seedBackupCronJob(s, scenario);
  }
}

function seedMigrationJob(s: Seeder, version: string, at: number) {
  const name = `${s.service.name}-migrate-${version.replace(/\./g, '-')}`;
  s.cluster.store.create(KINDS.job, {
    ...typeMeta('Job'),
    metadata: {
      name,
      namespace: s.namespace,
      labels: {
        ...serviceLabels(s.service),
        [LABEL_APP_COMPONENT]: COMPONENTS.migration,
      },
      creationTimestamp: s.iso(at - 120_000),
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: 600,
      template: {
        metadata: {
          labels: {
            ...serviceLabels(s.service),
            [LABEL_APP_COMPONENT]: COMPONENTS.migration,
          },
        },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'migrate',
              image: imageOf(s.service.name, version),
              // The golden path's migration Job (deploy/base/migration-job.yaml).
              workingDir: '/app',
              command: ['node'],
              args: [
                'node_modules/knex/bin/cli.js',
                'migrate:latest',
                '--knexfile',
                'knexfile.cjs',
              ],
              envFrom: [{ secretRef: { name: `${s.service.name}-db` } }],
            },
          ],
        },
      },
    },
    status: {
      startTime: s.iso(at - 120_000),
      completionTime: s.iso(at - 95_000),
      succeeded: 1,
      conditions: [
        {
          type: 'Complete',
          status: 'True',
          reason: 'Completed',
          message: 'Job completed',
          lastProbeTime: s.iso(at - 95_000),
          lastTransitionTime: s.iso(at - 95_000),
        },
      ],
    },
  });
}

function seedBackupCronJob(s: Seeder, scenario: Scenario | undefined) {
  const critical = s.service.tier === 'critical';
  const intervalMs = critical ? 15 * 60_000 : HOUR;
  const lastSlot = Math.floor(s.now / intervalMs) * intervalMs;
  const stale = scenario?.staleBackup;
  // A backup takes about 90 s; the last one that finished is this slot's or the one before.
  const lastFinished =
    lastSlot + 90_000 <= s.now
      ? lastSlot + 90_000
      : lastSlot - intervalMs + 90_000;
  const lastSuccess = stale ? s.now - stale.hoursAgo * HOUR : lastFinished;
  const labels = {
    ...serviceLabels(s.service),
    [LABEL_APP_COMPONENT]: COMPONENTS.backup,
  };
  s.cluster.store.create(KINDS.cronJob, {
    ...typeMeta('CronJob'),
    metadata: {
      name: `${s.service.name}-db-backup`,
      namespace: s.namespace,
      labels,
      creationTimestamp: s.createdAt,
    },
    spec: {
      schedule: critical ? '*/15 * * * *' : '0 * * * *',
      suspend: Boolean(stale),
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: 1,
          activeDeadlineSeconds: 1800,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'Never',
              containers: [
                {
                  name: 'backup',
                  image: `${'ghcr.io/delivery-example'}/pg-backup:16`,
                  args: ['--database', s.service.system],
                },
              ],
            },
          },
        },
      },
    },
    status: {
      lastScheduleTime: s.iso(stale ? lastSuccess - 90_000 : lastSlot),
      lastSuccessfulTime: s.iso(lastSuccess),
    },
  });
}
