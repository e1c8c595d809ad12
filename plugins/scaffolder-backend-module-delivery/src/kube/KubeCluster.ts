import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DELIVERY_FIELD_MANAGER,
  LABEL_APP_COMPONENT,
} from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  kubeConfigFor,
} from '@internal/backstage-plugin-delivery-node';
import {
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  V1CronJob,
  V1Deployment,
  V1Job,
  V1Node,
  V1ObjectMeta,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import {
  ARGO_GROUP,
  ARGO_VERSION,
  ArgoRollout,
  ROLLOUTS,
} from '../argo/argoRollout';
import { kubeCall, statusOf } from './kubeCall';

/** Every write names Delivery, so managedFields tell its changes from others'. */
const fieldManager = DELIVERY_FIELD_MANAGER;

/** A service's selector narrowed to one component (migration, backup): both must match. */
export const withComponent = (selector: string, component: string) =>
  `${selector},${LABEL_APP_COMPONENT}=${component}`;

/**
 * The few Kubernetes calls the delivery actions make against one cluster, each through
 * kubeCall (429 honoured, lost answers re-read or reported as unknown).
 */
export class KubeCluster {
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;
  private readonly autoscaling: AutoscalingV2Api;
  private readonly batch: BatchV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(
    readonly connection: ClusterConnection,
    private readonly logger: LoggerService,
    private readonly signal?: AbortSignal,
  ) {
    // The actions' identity: `delivery.clusters[].write` where set, else the read one.
    const kc = kubeConfigFor(connection, 'write');
    this.apps = kc.makeApiClient(AppsV1Api);
    this.core = kc.makeApiClient(CoreV1Api);
    this.autoscaling = kc.makeApiClient(AutoscalingV2Api);
    this.batch = kc.makeApiClient(BatchV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  get name(): string {
    return this.connection.name;
  }

  private read<T>(what: string, fn: () => Promise<T>) {
    return kubeCall(`${this.name}: ${what}`, fn, {
      logger: this.logger,
      signal: this.signal,
      idempotent: true,
    });
  }

  private write<T>(what: string, fn: () => Promise<T>) {
    return kubeCall(`${this.name}: ${what}`, fn, {
      logger: this.logger,
      signal: this.signal,
    });
  }

  /**
   * The Deployments a service's label selector finds, in every namespace
   * (`workloadLabelSelector`: its kubernetes-id label or its own selector).
   */
  async deploymentsOf(selector: string): Promise<V1Deployment[]> {
    const list = await this.read(`list Deployments ${selector}`, () =>
      this.apps.listDeploymentForAllNamespaces({ labelSelector: selector }),
    );
    return list.items;
  }

  /** The Services a service's label selector finds, in every namespace. */
  async servicesOf(selector: string): Promise<V1Service[]> {
    const list = await this.read(`list Services ${selector}`, () =>
      this.core.listServiceForAllNamespaces({ labelSelector: selector }),
    );
    return list.items;
  }

  readDeployment(namespace: string, name: string): Promise<V1Deployment> {
    return this.read(`read Deployment ${namespace}/${name}`, () =>
      this.apps.readNamespacedDeployment({ namespace, name }),
    );
  }

  readService(namespace: string, name: string): Promise<V1Service> {
    return this.read(`read Service ${namespace}/${name}`, () =>
      this.core.readNamespacedService({ namespace, name }),
    );
  }

  async podsMatching(
    namespace: string,
    matchLabels: Record<string, string>,
  ): Promise<V1Pod[]> {
    const labelSelector = Object.entries(matchLabels)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const list = await this.read(`list Pods ${labelSelector}`, () =>
      this.core.listNamespacedPod({ namespace, labelSelector }),
    );
    return list.items;
  }

  /** The ReplicaSets a Deployment (or an Argo Rollout) owns: its revision history. */
  async replicaSetsOf(deployment: {
    metadata?: V1ObjectMeta;
    spec?: { selector?: { matchLabels?: Record<string, string> } };
  }): Promise<V1ReplicaSet[]> {
    const namespace = deployment.metadata!.namespace!;
    const labelSelector = Object.entries(
      deployment.spec?.selector?.matchLabels ?? {},
    )
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const list = await this.read(`list ReplicaSets ${labelSelector}`, () =>
      this.apps.listNamespacedReplicaSet({ namespace, labelSelector }),
    );
    return list.items.filter(rs =>
      rs.metadata?.ownerReferences?.some(
        owner => owner.uid === deployment.metadata?.uid,
      ),
    );
  }

  /** Strategic-merge patch of a Deployment (image, replicas): idempotent by content. */
  patchDeployment(
    namespace: string,
    name: string,
    body: object,
  ): Promise<V1Deployment> {
    return this.write(`patch Deployment ${namespace}/${name}`, () =>
      this.apps.patchNamespacedDeployment(
        { namespace, name, body, fieldManager },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      ),
    );
  }

  /** Replaces a Service; its metadata.resourceVersion makes a stale write a 409. */
  replaceService(service: V1Service): Promise<V1Service> {
    const { namespace, name } = service.metadata as {
      namespace: string;
      name: string;
    };
    return this.write(`update Service ${namespace}/${name}`, () =>
      this.core.replaceNamespacedService({
        namespace,
        name,
        body: service,
        fieldManager,
      }),
    );
  }

  async autoscalersIn(namespace: string): Promise<V2HorizontalPodAutoscaler[]> {
    const list = await this.read(
      `list HorizontalPodAutoscalers in ${namespace}`,
      () =>
        this.autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace }),
    );
    return list.items;
  }

  /** Points an autoscaler at another Deployment (the colour that now takes traffic). */
  retargetAutoscaler(
    namespace: string,
    name: string,
    deployment: string,
  ): Promise<V2HorizontalPodAutoscaler> {
    return this.write(
      `patch HorizontalPodAutoscaler ${namespace}/${name}`,
      () =>
        this.autoscaling.patchNamespacedHorizontalPodAutoscaler(
          {
            namespace,
            name,
            body: { spec: { scaleTargetRef: { name: deployment } } },
            fieldManager,
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
    );
  }

  /** Jobs of a service (its label selector) with one `app.kubernetes.io/component`. */
  async jobsOf(selector: string, component: string): Promise<V1Job[]> {
    const labelSelector = withComponent(selector, component);
    const list = await this.read(`list Jobs ${labelSelector}`, () =>
      this.batch.listJobForAllNamespaces({ labelSelector }),
    );
    return list.items;
  }

  /** CronJobs of a service (its label selector) with one `app.kubernetes.io/component`. */
  async cronJobsOf(selector: string, component: string): Promise<V1CronJob[]> {
    const labelSelector = withComponent(selector, component);
    const list = await this.read(`list CronJobs ${labelSelector}`, () =>
      this.batch.listCronJobForAllNamespaces({ labelSelector }),
    );
    return list.items;
  }

  /** A Job, or undefined when there is none by that name. */
  async findJob(namespace: string, name: string): Promise<V1Job | undefined> {
    try {
      return await this.read(`read Job ${namespace}/${name}`, () =>
        this.batch.readNamespacedJob({ namespace, name }),
      );
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  createJob(job: V1Job): Promise<V1Job> {
    const namespace = job.metadata!.namespace!;
    return this.write(`create Job ${namespace}/${job.metadata!.name}`, () =>
      this.batch.createNamespacedJob({ namespace, body: job, fieldManager }),
    );
  }

  /** The whole log of a pod's first container (Job pods are short-lived and short). */
  podLog(namespace: string, name: string): Promise<string> {
    return this.read(`read the log of Pod ${namespace}/${name}`, () =>
      this.core.readNamespacedPodLog({ namespace, name }),
    );
  }

  /** Every node, for the capacity a failover needs on the DR side. */
  async nodes(): Promise<V1Node[]> {
    return (await this.read('list Nodes', () => this.core.listNode())).items;
  }

  /** Every pod that is not finished, for the requests already placed on the nodes. */
  async activePods(): Promise<V1Pod[]> {
    const list = await this.read('list Pods', () =>
      this.core.listPodForAllNamespaces(),
    );
    return list.items.filter(
      pod => !['Succeeded', 'Failed'].includes(pod.status?.phase ?? ''),
    );
  }

  /** Creates a Deployment; one that already exists by that name is returned as it is. */
  async createDeployment(deployment: V1Deployment): Promise<V1Deployment> {
    const namespace = deployment.metadata!.namespace!;
    const name = deployment.metadata!.name!;
    try {
      return await this.write(`create Deployment ${namespace}/${name}`, () =>
        this.apps.createNamespacedDeployment({
          namespace,
          body: deployment,
          fieldManager,
        }),
      );
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      return this.readDeployment(namespace, name);
    }
  }

  /** Deletes a Deployment and, in the background, its pods; a missing one is fine. */
  async deleteDeployment(namespace: string, name: string): Promise<void> {
    try {
      await this.write(`delete Deployment ${namespace}/${name}`, () =>
        this.apps.deleteNamespacedDeployment({
          namespace,
          name,
          propagationPolicy: 'Background',
        }),
      );
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  /** JSON merge patch of a Service (a selector key added, or removed with null). */
  patchService(
    namespace: string,
    name: string,
    body: object,
  ): Promise<V1Service> {
    return this.write(`patch Service ${namespace}/${name}`, () =>
      this.core.patchNamespacedService(
        { namespace, name, body, fieldManager },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
  }

  /** JSON merge patch of an autoscaler (its minimum replicas). */
  patchAutoscaler(
    namespace: string,
    name: string,
    body: object,
  ): Promise<V2HorizontalPodAutoscaler> {
    return this.write(
      `patch HorizontalPodAutoscaler ${namespace}/${name}`,
      () =>
        this.autoscaling.patchNamespacedHorizontalPodAutoscaler(
          { namespace, name, body, fieldManager },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
    );
  }

  /**
   * The Argo Rollouts a service's label selector finds, in every namespace; none where the
   * cluster does not serve `argoproj.io/v1alpha1` Rollouts (404), and none, with a
   * warning, where Delivery may not list them (403): its actions then work on Deployments
   * as before, and a service only a Rollout runs is refused for having no Deployment.
   */
  async rolloutsOf(selector: string): Promise<ArgoRollout[]> {
    try {
      const list = await this.read(`list Rollouts ${selector}`, () =>
        this.custom.listClusterCustomObject({
          group: ARGO_GROUP,
          version: ARGO_VERSION,
          plural: ROLLOUTS,
          labelSelector: selector,
        }),
      );
      return (list.items ?? []) as ArgoRollout[];
    } catch (error) {
      if (statusOf(error) === 404) return [];
      if (statusOf(error) === 403) {
        this.logger.warn(
          `${this.name}: may not list argoproj.io Rollouts (403); acting as if none ran the service. Grant list on rollouts to act on them (docs/rbac.md: delivery-reader)`,
        );
        return [];
      }
      throw error;
    }
  }

  async readRollout(namespace: string, name: string): Promise<ArgoRollout> {
    return (await this.read(`read Rollout ${namespace}/${name}`, () =>
      this.custom.getNamespacedCustomObject({
        group: ARGO_GROUP,
        version: ARGO_VERSION,
        plural: ROLLOUTS,
        namespace,
        name,
      }),
    )) as ArgoRollout;
  }

  /**
   * A JSON merge patch of a Rollout's `status` subresource, as `kubectl argo rollouts`
   * sends promote, abort and retry. Upstream falls back to patching the Rollout itself
   * with `unified` (spec and status in one) when the subresource is not served (404,
   * Argo Rollouts before v0.10): so does this; a missing Rollout then answers 404 too.
   */
  async patchRolloutStatus(
    namespace: string,
    name: string,
    body: object,
    unified: object = body,
  ): Promise<ArgoRollout> {
    const where = {
      group: ARGO_GROUP,
      version: ARGO_VERSION,
      plural: ROLLOUTS,
    };
    const mergePatch = setHeaderOptions(
      'Content-Type',
      PatchStrategy.MergePatch,
    );
    try {
      return (await this.write(
        `patch Rollout ${namespace}/${name}/status`,
        () =>
          this.custom.patchNamespacedCustomObjectStatus(
            { ...where, namespace, name, body, fieldManager },
            mergePatch,
          ),
      )) as ArgoRollout;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      return this.patchRollout(namespace, name, unified);
    }
  }

  /**
   * A patch of a Rollout's spec: a JSON merge patch by default, or a JSON patch (a list of
   * operations, as `kubectl argo rollouts undo` sends; a `test` operation makes a stale
   * one fail with 422 instead of applying).
   */
  async patchRollout(
    namespace: string,
    name: string,
    body: object,
    type: 'merge' | 'json' = 'merge',
  ): Promise<ArgoRollout> {
    return (await this.write(`patch Rollout ${namespace}/${name}`, () =>
      this.custom.patchNamespacedCustomObject(
        {
          group: ARGO_GROUP,
          version: ARGO_VERSION,
          plural: ROLLOUTS,
          namespace,
          name,
          body,
          fieldManager,
        },
        setHeaderOptions(
          'Content-Type',
          type === 'json' ? PatchStrategy.JsonPatch : PatchStrategy.MergePatch,
        ),
      ),
    )) as ArgoRollout;
  }
}
