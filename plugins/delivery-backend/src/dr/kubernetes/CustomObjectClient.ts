import {
  ConfigurationOptions,
  CustomObjectsApi,
  Observable,
  ObservableMiddleware,
  PatchStrategy,
  RequestContext,
  ResponseContext,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { DELIVERY_FIELD_MANAGER } from '@internal/backstage-plugin-delivery-common';
import {
  ClusterConnection,
  kubeConfigFor,
} from '@internal/backstage-plugin-delivery-node';
import {
  describeKubernetesFailure,
  KubernetesRequestError,
  statusOf,
} from './KubernetesRequestError';

/** A custom resource type, as its CRD names it. */
export interface CustomResourceType {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

/** A CloudNativePG database cluster. */
export const CNPG_CLUSTER: CustomResourceType = {
  group: 'postgresql.cnpg.io',
  version: 'v1',
  plural: 'clusters',
  kind: 'Cluster',
};

/** An ExternalDNS record set. */
export const DNS_ENDPOINT: CustomResourceType = {
  group: 'externaldns.k8s.io',
  version: 'v1alpha1',
  plural: 'dnsendpoints',
  kind: 'DNSEndpoint',
};

/** A custom object as read: only the fields the DR providers use are typed. */
export interface CustomObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  status?: any;
}

/**
 * Gives every request a deadline: when a region is gone its API server may never answer,
 * and a failover must not wait on it forever.
 */
function deadline(ms: number): ConfigurationOptions<ObservableMiddleware> {
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(AbortSignal.timeout(ms));
          return new Observable(Promise.resolve(context));
        },
        post: (context: ResponseContext) =>
          new Observable(Promise.resolve(context)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/**
 * The calls the DR providers make on one custom resource type in one cluster. A missing
 * object reads as undefined; every other failure is a KubernetesRequestError naming the
 * cluster, the object and the HTTP status.
 */
export class CustomObjectClient {
  private readonly api: CustomObjectsApi;
  /** Failovers and drills change objects for an action: with the write identity. */
  private readonly writeApi: CustomObjectsApi;

  constructor(
    readonly connection: ClusterConnection,
    private readonly type: CustomResourceType,
    private readonly timeoutMs: number,
  ) {
    this.api = kubeConfigFor(connection).makeApiClient(CustomObjectsApi);
    this.writeApi = kubeConfigFor(connection, 'write').makeApiClient(
      CustomObjectsApi,
    );
  }

  private coordinates(namespace: string) {
    const { group, version, plural } = this.type;
    return { group, version, plural, namespace };
  }

  private failure(
    verb: string,
    namespace: string,
    name: string,
    error: unknown,
  ): KubernetesRequestError {
    return new KubernetesRequestError(
      `${this.connection.name}: ${verb} ${
        this.type.kind
      } ${namespace}/${name} failed: ${describeKubernetesFailure(
        error,
        this.timeoutMs,
      )}`,
      statusOf(error),
    );
  }

  async get(
    namespace: string,
    name: string,
  ): Promise<CustomObject | undefined> {
    try {
      return await this.api.getNamespacedCustomObject(
        { ...this.coordinates(namespace), name },
        deadline(this.timeoutMs),
      );
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.failure('get', namespace, name, error);
    }
  }

  async create(namespace: string, body: CustomObject): Promise<CustomObject> {
    try {
      return await this.writeApi.createNamespacedCustomObject(
        {
          ...this.coordinates(namespace),
          body,
          fieldManager: DELIVERY_FIELD_MANAGER,
        },
        deadline(this.timeoutMs),
      );
    } catch (error) {
      throw this.failure('create', namespace, body.metadata.name, error);
    }
  }

  /** A JSON merge patch (RFC 7386): objects merge, lists are replaced whole. */
  async mergePatch(
    namespace: string,
    name: string,
    body: object,
  ): Promise<CustomObject> {
    try {
      return await this.writeApi.patchNamespacedCustomObject(
        {
          ...this.coordinates(namespace),
          name,
          body,
          fieldManager: DELIVERY_FIELD_MANAGER,
        },
        setHeaderOptions(
          'Content-Type',
          PatchStrategy.MergePatch,
          deadline(this.timeoutMs),
        ),
      );
    } catch (error) {
      throw this.failure('patch', namespace, name, error);
    }
  }

  /** Deletes an object; false when it was already gone. */
  async delete(namespace: string, name: string): Promise<boolean> {
    try {
      await this.writeApi.deleteNamespacedCustomObject(
        { ...this.coordinates(namespace), name },
        deadline(this.timeoutMs),
      );
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw this.failure('delete', namespace, name, error);
    }
  }
}
