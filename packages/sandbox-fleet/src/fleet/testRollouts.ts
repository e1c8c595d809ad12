import { request as httpsRequest } from 'node:https';
import type { Fleet } from './Fleet';
import { successRateAnalysisTemplate } from '../sim/successRateAnalysisTemplate';

/** What a test Rollout looks like; everything but the name has a default. */
export interface TestRolloutOptions {
  name: string;
  /** The namespace; created if missing. Default `rollouts-test`. */
  namespace?: string;
  /** The first image, which becomes stable at once (an initial deploy skips the steps). */
  image?: string;
  replicas?: number;
  /**
   * Canary (steps default to setWeight 25, pause {}, setWeight 50, pause {}; `analysis` is
   * the background analysis) or blue-green (active and preview Services are created).
   */
  strategy?:
    | { canary: { steps?: any[]; analysis?: any } }
    | {
        blueGreen: {
          autoPromotionEnabled?: boolean;
          scaleDownDelaySeconds?: number;
        };
      };
  /**
   * An AnalysisTemplate of this name to create beside it, with one metric. Its result is
   * simulated: it fails when the analysed version's image tag contains `-bad`.
   */
  analysisTemplate?: string;
  /** Labels on the Rollout and its pods (e.g. the kubernetes-id of a catalog service). */
  labels?: Record<string, string>;
}

export const DEFAULT_TEST_CANARY_STEPS = [
  { setWeight: 25 },
  { pause: {} },
  { setWeight: 50 },
  { pause: {} },
];

/** The objects a test Rollout consists of, in the order they are created. */
export function testRolloutObjects(options: TestRolloutOptions): any[] {
  const namespace = options.namespace ?? 'rollouts-test';
  const app = { 'app.kubernetes.io/name': options.name };
  const labels = { ...app, ...options.labels };
  const strategy = options.strategy ?? { canary: {} };
  const objects: any[] = [];
  if (options.analysisTemplate) {
    objects.push(
      successRateAnalysisTemplate(
        { name: options.analysisTemplate, namespace },
        options.name,
      ),
    );
  }
  let rolloutStrategy: any;
  if ('blueGreen' in strategy) {
    for (const role of ['active', 'preview']) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `${options.name}-${role}`, namespace, labels },
        spec: {
          selector: app,
          ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        },
      });
    }
    rolloutStrategy = {
      blueGreen: {
        activeService: `${options.name}-active`,
        previewService: `${options.name}-preview`,
        ...strategy.blueGreen,
        autoPromotionEnabled: strategy.blueGreen.autoPromotionEnabled ?? false,
      },
    };
  } else {
    rolloutStrategy = {
      canary: {
        ...strategy.canary,
        steps: strategy.canary.steps ?? DEFAULT_TEST_CANARY_STEPS,
      },
    };
  }
  objects.push({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: options.name, namespace, labels },
    spec: {
      replicas: options.replicas ?? 4,
      selector: { matchLabels: app },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: options.name,
              image:
                options.image ??
                `ghcr.io/delivery-example/${options.name}:1.0.0`,
              ports: [{ name: 'http', containerPort: 8080 }],
            },
          ],
        },
      },
      strategy: rolloutStrategy,
    },
  });
  return objects;
}

function pathOf(object: any): string {
  const ns = object.metadata.namespace;
  if (object.kind === 'Namespace') return '/api/v1/namespaces';
  if (object.kind === 'Service') return `/api/v1/namespaces/${ns}/services`;
  const plural: Record<string, string> = {
    Rollout: 'rollouts',
    AnalysisTemplate: 'analysistemplates',
  };
  return `/apis/argoproj.io/v1alpha1/namespaces/${ns}/${plural[object.kind]}`;
}

function post(fleet: Fleet, cluster: string, object: any): Promise<number> {
  const member = fleet.member(cluster);
  if (!member) throw new Error(`No cluster ${cluster} in the fleet`);
  const url = new URL(pathOf(object), member.server.url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: 'POST',
        ca: fleet.tls.caPem,
        agent: false,
        headers: {
          authorization: `Bearer ${member.cluster.token}`,
          'content-type': 'application/json',
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status !== 409) {
            reject(
              new Error(
                `POST ${url.pathname}: ${status} ${Buffer.concat(chunks)}`,
              ),
            );
          } else resolve(status);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(object));
  });
}

/**
 * Creates a Rollout (canary or blue-green, with its Services and AnalysisTemplate) in a
 * cluster of a test fleet, through the cluster's API as a person would apply it. Its
 * first version becomes stable and Healthy once its pods are ready; change
 * spec.template to start an update. Returns the objects created.
 */
export async function createTestRollout(
  fleet: Fleet,
  cluster: string,
  options: TestRolloutOptions,
): Promise<any[]> {
  const namespace = options.namespace ?? 'rollouts-test';
  await post(fleet, cluster, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  const objects = testRolloutObjects(options);
  for (const object of objects) await post(fleet, cluster, object);
  return objects;
}
