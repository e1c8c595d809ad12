import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { Fleet } from '../fleet/Fleet';

export const TEST_NAMESPACE = 'rollouts-test';
export const ARGO = { group: 'argoproj.io', version: 'v1alpha1' };
export const REPO = 'ghcr.io/delivery-example';

/**
 * Reads and changes Rollouts in a test fleet's staging cluster as product code and the
 * kubectl plugin do (client-node, the plugin's merge patches on the status subresource),
 * and waits on them by moving the fleet's manual clock.
 */
export function rolloutClient(
  fleet: Fleet,
  step: (ms: number, every?: number) => void,
) {
  const kc = new KubeConfig();
  kc.loadFromString(fleet.kubeconfig());
  kc.setCurrentContext('sandbox-staging');
  const custom = kc.makeApiClient(CustomObjectsApi);
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

  const read = (name: string, namespace = TEST_NAMESPACE) =>
    custom.getNamespacedCustomObject({
      ...ARGO,
      namespace,
      plural: 'rollouts',
      name,
    });

  const readRun = (name: string, namespace = TEST_NAMESPACE) =>
    custom.getNamespacedCustomObject({
      ...ARGO,
      namespace,
      plural: 'analysisruns',
      name,
    });

  /** What `kubectl argo rollouts` sends: status patches go to the status subresource. */
  const patchStatus = (
    name: string,
    status: unknown,
    namespace = TEST_NAMESPACE,
  ) =>
    custom.patchNamespacedCustomObjectStatus(
      { ...ARGO, namespace, plural: 'rollouts', name, body: { status } },
      merge,
    );

  const patchSpec = (name: string, spec: unknown, namespace = TEST_NAMESPACE) =>
    custom.patchNamespacedCustomObject(
      { ...ARGO, namespace, plural: 'rollouts', name, body: { spec } },
      merge,
    );

  /** A JSON patch of the Rollout, as `undo` and a deploy send it. */
  const jsonPatchRollout = (
    name: string,
    operations: unknown[],
    namespace = TEST_NAMESPACE,
  ) =>
    custom.patchNamespacedCustomObject(
      { ...ARGO, namespace, plural: 'rollouts', name, body: operations },
      jsonPatch,
    );

  const setImage = (name: string, image: string, namespace = TEST_NAMESPACE) =>
    jsonPatchRollout(
      name,
      [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: image,
        },
      ],
      namespace,
    );

  /** Moves the fleet clock until the Rollout satisfies `test`; fails after a simulated 2 min. */
  async function until(
    name: string,
    test: (rollout: any) => boolean,
    namespace = TEST_NAMESPACE,
  ): Promise<any> {
    for (let i = 0; i < 240; i++) {
      const rollout = await read(name, namespace);
      if (test(rollout)) return rollout;
      step(500);
    }
    const last = await read(name, namespace);
    throw new Error(
      `${name} never got there: ${JSON.stringify(last.status, null, 1)}`,
    );
  }

  /** Available pods by image tag among the Rollout's ReplicaSets: the weights as pods. */
  async function podsByVersion(name: string, namespace = TEST_NAMESPACE) {
    const { items } = await apps.listNamespacedReplicaSet({ namespace });
    const out: Record<string, number> = {};
    for (const rs of items) {
      const owner = rs.metadata?.ownerReferences?.[0];
      if (owner?.kind !== 'Rollout' || owner.name !== name) continue;
      const pods = Math.min(
        rs.spec?.replicas ?? 0,
        rs.status?.availableReplicas ?? 0,
      );
      if (pods === 0) continue;
      const image = rs.spec!.template!.spec!.containers[0].image!;
      out[image.slice(image.lastIndexOf(':') + 1)] = pods;
    }
    return out;
  }

  return {
    custom,
    apps,
    core,
    read,
    readRun,
    patchStatus,
    patchSpec,
    jsonPatchRollout,
    setImage,
    until,
    podsByVersion,
  };
}

export const pausedAtStep = (index: number) => (ro: any) =>
  ro.status?.phase === 'Paused' && ro.status.currentStepIndex === index;

export const healthy = (ro: any) =>
  ro.status?.phase === 'Healthy' &&
  ro.status.stableRS === ro.status.currentPodHash;
