import { KINDS, controllerRef, typeMeta } from '../sim/objects';
import { reconcileRollouts } from '../sim/rolloutController';
import {
  ARGO_KINDS,
  PAUSE_REASONS,
  ROLLOUT_HASH_LABEL,
  ROLLOUT_REVISION,
  rolloutTemplateHash,
} from '../sim/rolloutObjects';
import { successRateAnalysisTemplate } from '../sim/successRateAnalysisTemplate';
import { KubeObject } from '../store/types';
import { podTemplate, selectorLabels, serviceLabels } from './podTemplates';
import { readyPod, Seeder } from './seedPods';

const DAY = 24 * 3_600_000;

/** The AnalysisTemplate the seeded Rollout's analysis step runs. */
export const SEEDED_ANALYSIS_TEMPLATE = 'success-rate';

/**
 * The seeded Rollout's canary: a quarter of the pods, an indefinite pause for a person to
 * promote, half, ten seconds, then the success-rate analysis before it takes everything.
 */
export function seededCanarySteps(service: string): any[] {
  return [
    { setWeight: 25 },
    { pause: {} },
    { setWeight: 50 },
    { pause: { duration: '10s' } },
    {
      analysis: {
        templates: [{ templateName: SEEDED_ANALYSIS_TEMPLATE }],
        args: [{ name: 'service-name', value: service }],
      },
    },
  ];
}

/** The seeded service's success-rate check, its service an argument of the analysis. */
function analysisTemplate(s: Seeder): KubeObject {
  return successRateAnalysisTemplate(
    {
      name: SEEDED_ANALYSIS_TEMPLATE,
      namespace: s.namespace,
      labels: serviceLabels(s.service),
      creationTimestamp: s.createdAt,
    },
    '{{args.service-name}}',
    [{ name: 'service-name' }],
  );
}

/**
 * A service run by an Argo Rollout instead of Deployments: the Rollout with its
 * ReplicaSet history (the versions before, stable on the last of them) and the next
 * version as canary, paused at the first indefinite pause with a quarter of the pods.
 * The simulated controller then computes the status, as it would on a real cluster.
 */
export function seedArgoRollout(
  s: Seeder,
  options: {
    versions: string[];
    nextVersion: string;
    replicas: number;
    pausedAt: number;
  },
): void {
  const { cluster, service } = s;
  const labels = serviceLabels(service);
  const steps = seededCanarySteps(service.name);
  const versions = [...options.versions, options.nextVersion];
  cluster.store.create(ARGO_KINDS.analysisTemplate, analysisTemplate(s));
  const rollout = cluster.store.create(ARGO_KINDS.rollout, {
    ...typeMeta('Rollout'),
    metadata: {
      name: service.name,
      namespace: s.namespace,
      labels,
      annotations: { [ROLLOUT_REVISION]: String(versions.length) },
      creationTimestamp: s.createdAt,
    },
    spec: {
      replicas: options.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selectorLabels(service) },
      template: podTemplate(service, options.nextVersion),
      strategy: { canary: { steps } },
    },
  });

  const stableIndex = versions.length - 2;
  const canaryPods = Math.ceil((25 * options.replicas) / 100);
  const hashes = versions.map(v =>
    rolloutTemplateHash(podTemplate(service, v)),
  );
  versions.forEach((version, index) => {
    const template = podTemplate(service, version);
    const hash = hashes[index];
    const rsLabels = {
      ...template.metadata.labels,
      [ROLLOUT_HASH_LABEL]: hash,
    };
    let replicas = 0;
    if (index === stableIndex) replicas = options.replicas - canaryPods;
    if (index === versions.length - 1) replicas = canaryPods;
    const createdAt =
      index === versions.length - 1
        ? options.pausedAt - 60_000
        : options.pausedAt - (stableIndex - index + 1) * 9 * DAY;
    const rs = cluster.store.create(KINDS.replicaSet, {
      ...typeMeta('ReplicaSet'),
      metadata: {
        name: `${service.name}-${hash}`,
        namespace: s.namespace,
        labels: rsLabels,
        annotations: { [ROLLOUT_REVISION]: String(index + 1) },
        ownerReferences: [controllerRef(rollout)],
        creationTimestamp: s.iso(createdAt),
      },
      spec: {
        replicas,
        selector: {
          matchLabels: {
            ...selectorLabels(service),
            [ROLLOUT_HASH_LABEL]: hash,
          },
        },
        template: { ...template, metadata: { labels: rsLabels } },
      },
    });
    for (let i = 0; i < replicas; i++) {
      cluster.store.create(KINDS.pod, readyPod(s, rs, createdAt + 40_000));
    }
    cluster.store.update(KINDS.replicaSet, {
      ...rs,
      status: {
        replicas,
        fullyLabeledReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        observedGeneration: 1,
      },
    });
  });

  cluster.store.update(ARGO_KINDS.rollout, {
    ...rollout,
    status: {
      currentPodHash: hashes[versions.length - 1],
      stableRS: hashes[stableIndex],
      currentStepIndex: 1,
      pauseConditions: [
        {
          reason: PAUSE_REASONS.canaryStep,
          startTime: s.iso(options.pausedAt),
        },
      ],
      controllerPause: true,
    },
  });
  // Counts, phase and conditions as the controller writes them.
  reconcileRollouts(cluster);
}
