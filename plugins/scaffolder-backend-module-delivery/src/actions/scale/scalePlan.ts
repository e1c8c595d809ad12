import { InputError } from '@backstage/errors';
import {
  V1Deployment,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { boundsField, checkScaleRequest, ScaleRequest } from './scaleRequest';

/** A HorizontalPodAutoscaler's bounds. */
export type Bounds = { minReplicas: number; maxReplicas: number };

/** What a scale changes on one Deployment: its replicas, or its autoscaler's bounds. */
export type ScaleChange =
  | { kind: 'replicas'; to: number }
  | { kind: 'autoscaler'; autoscaler: string; from: Bounds; to: Bounds };

/**
 * One Deployment a scale changes, as planned from the cluster before anything changed.
 * Plain JSON, so the plan can be kept in a checkpoint and a recovered task reports what
 * the bounds were before its first attempt.
 */
export type ScaleTarget = {
  cluster: string;
  namespace: string;
  deployment: string;
  /** The Deployment's spec.replicas when the plan was made. */
  replicas: number;
  change: ScaleChange;
};

/** A planned change with the Deployment it was planned from (for its pods' requests). */
export interface PlannedScale {
  target: ScaleTarget;
  deployment: V1Deployment;
}

/** What the plan needs from one cluster. */
export interface ClusterScaleState {
  cluster: string;
  /** The Deployments that serve traffic (servingDeployments). */
  deployments: V1Deployment[];
  /** The HorizontalPodAutoscalers of their namespaces. */
  autoscalers: V2HorizontalPodAutoscaler[];
}

/** The autoscalers that scale a Deployment: `scaleTargetRef` kind Deployment and its name. */
export function autoscalersOf(
  deployment: V1Deployment,
  autoscalers: V2HorizontalPodAutoscaler[],
): V2HorizontalPodAutoscaler[] {
  return autoscalers.filter(
    hpa =>
      hpa.metadata?.namespace === deployment.metadata?.namespace &&
      hpa.spec?.scaleTargetRef?.kind === 'Deployment' &&
      hpa.spec.scaleTargetRef.name === deployment.metadata?.name,
  );
}

const scaledByAutoscaler = (
  deployment: string,
  cluster: string,
  autoscaler: string,
) =>
  new InputError(
    `replicas: ${deployment} in ${cluster} is scaled by the HorizontalPodAutoscaler ${autoscaler}; set minReplicas/maxReplicas`,
  );

const withoutAutoscaler = (
  field: string,
  deployment: string,
  cluster: string,
) =>
  new InputError(
    `${field}: ${deployment} in ${cluster} has no HorizontalPodAutoscaler; set replicas`,
  );

function planOne(
  cluster: string,
  deployment: V1Deployment,
  autoscalers: V2HorizontalPodAutoscaler[],
  request: ScaleRequest,
): ScaleTarget {
  const name = deployment.metadata!.name!;
  const base = {
    cluster,
    namespace: deployment.metadata!.namespace!,
    deployment: name,
    replicas: deployment.spec?.replicas ?? 1,
  };
  const hpas = autoscalersOf(deployment, autoscalers);
  if (hpas.length > 1)
    throw new InputError(
      `environment: ${name} in ${cluster} is the target of ${
        hpas.length
      } HorizontalPodAutoscalers (${hpas
        .map(h => h.metadata?.name)
        .join(
          ', ',
        )}); Kubernetes scales it with none of them until one is removed`,
    );
  const [hpa] = hpas;
  if (!hpa) {
    if (request.replicas === undefined)
      throw withoutAutoscaler(boundsField(request), name, cluster);
    return { ...base, change: { kind: 'replicas', to: request.replicas } };
  }
  const autoscaler = hpa.metadata!.name!;
  if (request.minReplicas === undefined && request.maxReplicas === undefined)
    throw scaledByAutoscaler(name, cluster, autoscaler);
  const from: Bounds = {
    minReplicas: hpa.spec?.minReplicas ?? 1,
    maxReplicas: hpa.spec!.maxReplicas,
  };
  const to: Bounds = {
    minReplicas: request.minReplicas ?? from.minReplicas,
    maxReplicas: request.maxReplicas ?? from.maxReplicas,
  };
  // Both bounds given were checked against each other already: here one is the HPA's own.
  if (to.minReplicas > to.maxReplicas)
    throw new InputError(
      request.minReplicas === undefined
        ? `maxReplicas: ${to.maxReplicas} is below the HPA's minReplicas ${from.minReplicas} (HorizontalPodAutoscaler ${autoscaler} in ${cluster}); set minReplicas too`
        : `minReplicas: ${to.minReplicas} is above the HPA's maxReplicas ${from.maxReplicas} (HorizontalPodAutoscaler ${autoscaler} in ${cluster}); set maxReplicas too`,
    );
  // Kubernetes turns an autoscaler off while its target is at zero: new bounds would
  // change nothing, and the wait for the Deployment to follow them would never end.
  if (base.replicas === 0)
    throw new InputError(
      `${boundsField(
        request,
      )}: ${name} in ${cluster} is at 0 replicas, which turns the HorizontalPodAutoscaler ${autoscaler} off; it would not follow new bounds`,
    );
  return { ...base, change: { kind: 'autoscaler', autoscaler, from, to } };
}

/**
 * The scale of every serving Deployment in every cluster of the environment, checked as a
 * whole before anything changes: `replicas` is for a Deployment without an autoscaler,
 * `minReplicas`/`maxReplicas` for one with; a Deployment that none of the given numbers
 * fits, a number that fits no Deployment, or bounds out of order with the autoscaler's
 * other bound is refused naming the field.
 */
export function planScale(
  clusters: ClusterScaleState[],
  request: ScaleRequest,
): PlannedScale[] {
  checkScaleRequest(request);
  const planned = clusters.flatMap(({ cluster, deployments, autoscalers }) =>
    deployments.map(deployment => ({
      target: planOne(cluster, deployment, autoscalers, request),
      deployment,
    })),
  );
  // A number that applies to none of them would be silently dropped: say so instead.
  const changes = planned.map(p => p.target);
  const scaled = changes.find(t => t.change.kind === 'autoscaler');
  const fixed = changes.find(t => t.change.kind === 'replicas');
  if (
    request.replicas !== undefined &&
    !fixed &&
    scaled?.change.kind === 'autoscaler'
  )
    throw scaledByAutoscaler(
      scaled.deployment,
      scaled.cluster,
      scaled.change.autoscaler,
    );
  if (
    (request.minReplicas !== undefined || request.maxReplicas !== undefined) &&
    !scaled &&
    fixed
  )
    throw withoutAutoscaler(
      boundsField(request),
      fixed.deployment,
      fixed.cluster,
    );
  return planned;
}
