import { V1ObjectMeta, V1PodTemplateSpec } from '@kubernetes/client-node';

/**
 * Argo Rollouts' API as Delivery's actions read and write it: the `argoproj.io/v1alpha1`
 * Rollout with upstream's own field names (pkg/apis/rollouts/v1alpha1/types.go), only the
 * fields the actions use.
 */
export const ARGO_GROUP = 'argoproj.io';
export const ARGO_VERSION = 'v1alpha1';
export const ROLLOUTS = 'rollouts';

/** The label the controller puts on a Rollout's ReplicaSets and pods. */
export const ROLLOUT_POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';
/** The annotation that numbers a Rollout's ReplicaSets, as `deployment.kubernetes.io/revision` does. */
export const ROLLOUT_REVISION = 'rollout.argoproj.io/revision';

/** One canary step; only one of its fields is set. */
export interface CanaryStep {
  setWeight?: number;
  pause?: { duration?: string | number };
  analysis?: { templates?: Array<{ templateName?: string }> };
  [other: string]: unknown;
}

export type RolloutPhase = 'Healthy' | 'Progressing' | 'Paused' | 'Degraded';

export type PauseReason =
  | 'CanaryPauseStep'
  | 'BlueGreenPause'
  | 'InconclusiveAnalysisRun'
  | 'InconclusiveExperiment';

export interface ArgoRollout {
  apiVersion?: string;
  kind?: string;
  metadata: V1ObjectMeta;
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: V1PodTemplateSpec;
    paused?: boolean;
    strategy?: {
      canary?: {
        steps?: CanaryStep[];
        analysis?: { templates?: Array<{ templateName?: string }> };
      };
      blueGreen?: {
        activeService?: string;
        previewService?: string;
        autoPromotionEnabled?: boolean;
      };
    };
    workloadRef?: { kind?: string; name?: string };
  };
  status?: {
    phase?: RolloutPhase;
    message?: string;
    currentStepIndex?: number;
    currentPodHash?: string;
    stableRS?: string;
    pauseConditions?: Array<{ reason: PauseReason; startTime?: string }> | null;
    controllerPause?: boolean;
    abort?: boolean;
    abortedAt?: string;
    promoteFull?: boolean;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    /** A string in Argo Rollouts, unlike a Deployment's number. */
    observedGeneration?: string;
    canary?: {
      currentStepAnalysisRunStatus?: { name?: string; status?: string };
      currentBackgroundAnalysisRunStatus?: { name?: string; status?: string };
    };
    blueGreen?: { activeSelector?: string; previewSelector?: string };
  };
}

/** `namespace/name` of a Rollout, as log lines and refusals name it. */
export const rolloutName = (rollout: ArgoRollout) =>
  `${rollout.metadata.namespace}/${rollout.metadata.name}`;

/** The image of a Rollout's first container. */
export const rolloutImage = (rollout: ArgoRollout) =>
  rollout.spec.template?.spec?.containers?.[0]?.image;
