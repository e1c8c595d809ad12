import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkKubernetes } from './kubernetesCheck';
import { overlayFiles, validObjects } from './testFixtures';

// Builds overlays with kustomize, a process per check: seconds on a busy machine.
jest.setTimeout(30_000);

describe('checkKubernetes', () => {
  const mockDir = createMockDirectory();

  /** Problems as the action prints them, for the valid objects after `change`. */
  async function problemsAfter(change: (objects: any[]) => void) {
    const objects = validObjects();
    change(objects);
    mockDir.setContent(overlayFiles(objects));
    const { problems } = await checkKubernetes({ dir: mockDir.path });
    return problems.map(problem => `${problem.file}: ${problem.message}`);
  }
  const find = (objects: any[], kind: string) =>
    objects.find(object => object.kind === kind);
  const deployment = (objects: any[]) => find(objects, 'Deployment');
  const app = (objects: any[]) =>
    deployment(objects).spec.template.spec.containers[0];

  it('passes valid objects of every golden-path kind, naming the overlay', async () => {
    mockDir.setContent({
      ...overlayFiles(validObjects(), 'staging'),
      ...overlayFiles(validObjects(), 'production'),
    });
    await expect(checkKubernetes({ dir: mockDir.path })).resolves.toEqual({
      problems: [],
      passed: [
        'deploy/overlays/production: 9 objects valid',
        'deploy/overlays/staging: 9 objects valid',
      ],
    });
  });

  it('reports an overlay kustomize cannot build, with its stderr', async () => {
    mockDir.setContent({
      'deploy/overlays/staging/kustomization.yaml':
        'resources:\n  - missing.yaml\n',
    });
    const { problems } = await checkKubernetes({ dir: mockDir.path });
    expect(problems).toEqual([
      {
        file: 'deploy/overlays/staging',
        message: expect.stringMatching(
          /^kubectl kustomize failed: accumulating resources: .*missing\.yaml: no such file or directory$/,
        ),
      },
    ]);
  });

  it('reports a kubectl that cannot be run', async () => {
    mockDir.setContent(overlayFiles(validObjects()));
    const { problems } = await checkKubernetes({
      dir: mockDir.path,
      kubectl: '/nonexistent/kubectl',
    });
    expect(problems).toEqual([
      {
        file: 'deploy/overlays/production',
        message: expect.stringContaining(
          '/nonexistent/kubectl was not found: set delivery.goldenPath.kubectl to the path of a kubectl, or leave it unset to use the bundled one',
        ),
      },
    ]);
  });

  it('reports a bundled kubectl that cannot be extracted, once for all overlays', async () => {
    mockDir.setContent({
      ...overlayFiles(validObjects(), 'staging'),
      ...overlayFiles(validObjects(), 'production'),
    });
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-cache-'));
    fs.chmodSync(cache, 0o777);
    try {
      const { problems } = await checkKubernetes({
        dir: mockDir.path,
        kubectlCacheDirectory: cache,
      });
      expect(problems).toEqual([
        {
          file: 'deploy/overlays',
          message: expect.stringMatching(
            /^could not extract the bundled kubectl .* is writable by other users \(mode 777\)$/,
          ),
        },
      ]);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('reports a workspace without overlays', async () => {
    mockDir.setContent({ 'deploy/base/kustomization.yaml': 'resources: []\n' });
    const { problems } = await checkKubernetes({ dir: mockDir.path });
    expect(problems).toEqual([
      {
        file: 'deploy/overlays',
        message: 'no overlays found; every environment needs one',
      },
    ]);
  });

  it('reports schema errors by path, not as a dump', async () => {
    expect(
      await problemsAfter(objects => {
        deployment(objects).spec.replicas = 'two';
        app(objects).ports = [{ containerPort: 'http' }];
        find(objects, 'Service').spec.type = 'Public';
      }),
    ).toEqual([
      // In kustomize's output order: Services before Deployments.
      'deploy/overlays/production: Service/payments: spec.type: must be equal to one of the allowed values ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")',
      'deploy/overlays/production: Deployment/payments: spec.replicas: must be integer',
      'deploy/overlays/production: Deployment/payments: spec.template.spec.containers[0].ports[0].containerPort: must be integer',
    ]);
  });

  it('reports an apiVersion/kind it has no schema for', async () => {
    expect(
      await problemsAfter(objects => {
        objects.push({
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: {
            name: 'w',
            labels: { 'backstage.io/kubernetes-id': 'x' },
          },
        });
        find(objects, 'ConfigMap').apiVersion = 'apps/v1';
      }),
    ).toEqual([
      'deploy/overlays/production: ConfigMap/payments-config: unknown apiVersion/kind apps/v1 ConfigMap, there is no schema to validate it against',
      'deploy/overlays/production: Widget/w: unknown apiVersion/kind example.com/v1 Widget, there is no schema to validate it against',
    ]);
  });

  it.each([
    [
      'resources',
      (objects: any[]) => {
        delete app(objects).resources.limits.memory;
        delete app(objects).resources.requests;
      },
      'Deployment/payments: container "app" has no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
    ],
    [
      'resources of init containers',
      (objects: any[]) => {
        delete find(objects, 'CronJob').spec.jobTemplate.spec.template.spec
          .initContainers[0].resources;
      },
      'CronJob/payments-backup: init container "dump" has no resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory',
    ],
    [
      'readiness probe',
      (objects: any[]) => delete app(objects).readinessProbe,
      'Deployment/payments: container "app" has no readiness probe',
    ],
    [
      'liveness probe',
      (objects: any[]) => delete app(objects).livenessProbe,
      'Deployment/payments: container "app" has no liveness probe',
    ],
    [
      'runAsNonRoot, set at neither level',
      (objects: any[]) => {
        delete app(objects).securityContext.runAsNonRoot;
        delete deployment(objects).spec.template.spec.securityContext
          .runAsNonRoot;
      },
      'Deployment/payments: container "app" does not set runAsNonRoot: true (in the pod or container securityContext)',
    ],
    [
      'runAsNonRoot false in the container, over the pod',
      (objects: any[]) => {
        find(
          objects,
          'Job',
        ).spec.template.spec.containers[0].securityContext.runAsNonRoot = false;
      },
      'Job/payments-migrate: container "migrate" does not set runAsNonRoot: true (in the pod or container securityContext)',
    ],
    [
      'runAsUser 0',
      (objects: any[]) => {
        delete app(objects).securityContext.runAsUser;
        deployment(objects).spec.template.spec.securityContext.runAsUser = 0;
      },
      'Deployment/payments: container "app" sets runAsUser: 0 (root)',
    ],
    [
      'readOnlyRootFilesystem',
      (objects: any[]) => {
        app(objects).securityContext.readOnlyRootFilesystem = false;
      },
      'Deployment/payments: container "app" does not set readOnlyRootFilesystem: true',
    ],
    [
      'allowPrivilegeEscalation',
      (objects: any[]) => {
        delete find(objects, 'CronJob').spec.jobTemplate.spec.template.spec
          .containers[0].securityContext.allowPrivilegeEscalation;
      },
      'CronJob/payments-backup: container "upload" does not set allowPrivilegeEscalation: false',
    ],
    [
      'rolling update maxUnavailable',
      (objects: any[]) => {
        deployment(objects).spec.strategy.rollingUpdate.maxUnavailable = '25%';
      },
      'Deployment/payments: rolling update maxUnavailable is "25%"; it must be 0 so a rollout never drops below the running capacity',
    ],
    [
      'rolling update by default',
      (objects: any[]) => delete deployment(objects).spec.strategy,
      'Deployment/payments: rolling update maxUnavailable is unset (Kubernetes defaults it to 25%); it must be 0 so a rollout never drops below the running capacity',
    ],
    [
      'HPA bounds',
      (objects: any[]) => {
        find(objects, 'HorizontalPodAutoscaler').spec.minReplicas = 8;
      },
      'HorizontalPodAutoscaler/payments: minReplicas 8 exceeds maxReplicas 6',
    ],
    [
      'PDB maxUnavailable 0',
      (objects: any[]) => {
        find(objects, 'PodDisruptionBudget').spec.maxUnavailable = 0;
      },
      'PodDisruptionBudget/payments: maxUnavailable 0 blocks every eviction, so node drains cannot make progress',
    ],
    [
      'PDB maxUnavailable 0%',
      (objects: any[]) => {
        find(objects, 'PodDisruptionBudget').spec.maxUnavailable = '0%';
      },
      'PodDisruptionBudget/payments: maxUnavailable "0%" blocks every eviction, so node drains cannot make progress',
    ],
    [
      'PDB minAvailable 100%',
      (objects: any[]) => {
        const { spec } = find(objects, 'PodDisruptionBudget');
        delete spec.maxUnavailable;
        spec.minAvailable = '100%';
      },
      'PodDisruptionBudget/payments: minAvailable "100%" blocks every eviction, so node drains cannot make progress',
    ],
    [
      'PDB minAvailable at the HPA floor',
      (objects: any[]) => {
        const { spec } = find(objects, 'PodDisruptionBudget');
        delete spec.maxUnavailable;
        spec.minAvailable = 2;
      },
      'PodDisruptionBudget/payments: minAvailable 2 (the replica floor of Deployment/payments is 2) blocks every eviction, so node drains cannot make progress',
    ],
    [
      'kubernetes-id label on an object',
      (objects: any[]) => {
        delete find(objects, 'Service').metadata.labels[
          'backstage.io/kubernetes-id'
        ];
      },
      'Service/payments: metadata.labels has no backstage.io/kubernetes-id',
    ],
    [
      'kubernetes-id label on a pod template',
      (objects: any[]) => {
        deployment(objects).spec.template.metadata.labels = {
          'app.kubernetes.io/name': 'payments',
        };
      },
      'Deployment/payments: pod template has no backstage.io/kubernetes-id label',
    ],
  ])('reports %s', async (_rule, change, message) => {
    expect(await problemsAfter(change)).toEqual([
      `deploy/overlays/production: ${message}`,
    ]);
  });

  it.each([
    ['minAvailable below the floor', { minAvailable: 1 }],
    ['minAvailable 50% of a floor of 2', { minAvailable: '50%' }],
    ['maxUnavailable 10% (rounds up to 1)', { maxUnavailable: '10%' }],
  ])('accepts a PDB with %s', async (_case, budget) => {
    expect(
      await problemsAfter(objects => {
        const pdb = find(objects, 'PodDisruptionBudget');
        pdb.spec = { selector: pdb.spec.selector, ...budget };
      }),
    ).toEqual([]);
  });

  it('counts every workload a PDB selects towards the floor', async () => {
    expect(
      await problemsAfter(objects => {
        const canary = JSON.parse(JSON.stringify(deployment(objects)));
        canary.metadata.name = 'payments-canary';
        canary.spec.replicas = 1;
        objects.push(canary);
        const { spec } = find(objects, 'PodDisruptionBudget');
        delete spec.maxUnavailable;
        spec.minAvailable = 3;
      }),
    ).toEqual([
      'deploy/overlays/production: PodDisruptionBudget/payments: minAvailable 3 (the replica floor of Deployment/payments + Deployment/payments-canary is 3) blocks every eviction, so node drains cannot make progress',
    ]);
  });

  it('refuses a rendered Service whose name the API server would refuse', async () => {
    const problems = await problemsAfter(objects => {
      find(objects, 'Service').metadata.name = '1api';
    });
    expect(problems).toContain(
      'deploy/overlays/production: Service/1api: metadata.name "1api" is not a valid Service name: it must be a DNS-1035 label (lower-case letters, digits and dashes, ending with a letter or digit, starting with a letter, at most 63 characters)',
    );
  });
});
