import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AppsV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { deliveryPolicyWithAliceAsPlatformTeam } from '../__testUtils__/policyPermissions';
import { runTask } from '../__testUtils__/runTask';
import {
  catalogComponents,
  deployTemplate,
  startDeliveryActionsBackend,
} from '../__testUtils__/startDeliveryActionsBackend';
import { userVisibleState } from '../__testUtils__/userVisibleState';

jest.setTimeout(120_000);

const NAMESPACE = 'propertyos';
const ALICE = mockCredentials.user.header('user:default/alice');
const WHAT_INSTEAD =
  "A direct change would be reverted by the controller: dispatch the service's CI workflow \\(delivery:workflow:dispatch\\) or change the GitOps repository instead\\. Nothing was changed";

/** propertyos-workers, opted in to direct changes in the catalog. */
function optedIn(): Entity {
  const entity = catalogComponents().find(
    e => e.metadata.name === 'propertyos-workers',
  )!;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'delivery/allow-direct-changes': 'true',
      },
    },
  };
}

/**
 * Workloads in staging marked as a GitOps controller's the way Argo CD and Flux mark them (or
 * written by a field manager the config names): a deploy is refused, even with an override,
 * unless the service opts in.
 */
describe('preflight gitops-owner against the sandbox fleet', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [deployTemplate('overrideReason')],
      extraEntities: [optedIn()],
      features: [deliveryPolicyWithAliceAsPlatformTeam()],
      config: { delivery: { gitops: { fieldManagers: ['rancher-fleet'] } } },
    });
    ({ apps } = backend.cluster('staging'));
  });
  afterAll(() => backend.fleet.stop());

  const read = (name: string) =>
    apps.readNamespacedDeployment({ namespace: NAMESPACE, name });
  /** Marks a Deployment's metadata, as a controller or a person writing as `manager` would. */
  const mark = (
    name: string,
    metadata: Record<string, unknown>,
    manager = 'kubectl-annotate',
  ) =>
    apps.patchNamespacedDeployment(
      { namespace: NAMESPACE, name, body: { metadata }, fieldManager: manager },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  const deploy = (name: string, tag: string, more = {}) =>
    runTask(
      backend.server,
      'template:default/deploy',
      {
        entityRef: `component:default/${name}`,
        environment: 'staging',
        image: `ghcr.io/delivery-example/${name}:${tag}`,
        ...more,
      },
      ALICE,
    );
  /** Deploys, expecting a refusal that leaves the Deployment and the run history alone; the log. */
  async function refusedDeploy(name: string, more = {}) {
    const before = await read(name);
    const result = await deploy(name, '9.9.0', more);
    expect(result.status).toBe('failed');
    expect(userVisibleState(await read(name))).toEqual(
      userVisibleState(before),
    );
    expect(await backend.history(name)).toEqual([]);
    return result.log;
  }

  it('refuses a Deployment Argo CD tracks, naming the application, even with an override', async () => {
    await mark('propertyos-frontend', {
      annotations: {
        'argocd.argoproj.io/tracking-id':
          'propertyos-staging:apps/Deployment:propertyos/propertyos-frontend',
      },
    });
    expect(
      await refusedDeploy('propertyos-frontend', {
        overrideReason: 'the platform team cannot override this one',
      }),
    ).toMatch(
      new RegExp(
        `gitops-owner: staging: Deployment propertyos/propertyos-frontend is managed by Argo CD application "propertyos-staging" \\(annotation argocd\\.argoproj\\.io/tracking-id\\)\\. ${WHAT_INSTEAD}$`,
        'm',
      ),
    );
  });

  it('refuses a Deployment a Flux Kustomization applied, naming it and its namespace', async () => {
    await mark('propertyos-property-service', {
      labels: {
        'kustomize.toolkit.fluxcd.io/name': 'apps',
        'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
      },
    });
    expect(await refusedDeploy('propertyos-property-service')).toMatch(
      new RegExp(
        `gitops-owner: staging: Deployment propertyos/propertyos-property-service is managed by Flux Kustomization flux-system/apps \\(label kustomize\\.toolkit\\.fluxcd\\.io/name\\)\\. ${WHAT_INSTEAD}`,
      ),
    );
  });

  it('refuses a Deployment written by a field manager named in delivery.gitops.fieldManagers', async () => {
    await mark(
      'propertyos-maintenance-service',
      { labels: { 'fleet.cattle.io/bundle': 'propertyos' } },
      'rancher-fleet',
    );
    expect(await refusedDeploy('propertyos-maintenance-service')).toMatch(
      new RegExp(
        `gitops-owner: staging: Deployment propertyos/propertyos-maintenance-service is managed by the GitOps controller "rancher-fleet" \\(field manager rancher-fleet, listed in delivery\\.gitops\\.fieldManagers\\)\\. ${WHAT_INSTEAD}`,
      ),
    );
  });

  it('lets a service that allows direct changes go ahead, and says so', async () => {
    await mark('propertyos-workers', {
      labels: { 'argocd.argoproj.io/instance': 'propertyos-workers' },
    });
    const result = await deploy('propertyos-workers', '9.9.1');
    expect(result.status).toBe('completed');
    expect(result.log).toMatch(
      /Preflight gitops-owner: staging: Deployment propertyos\/propertyos-workers is managed by Argo CD application "propertyos-workers" \(label argocd\.argoproj\.io\/instance\); changed directly anyway, as the service allows \(delivery\/allow-direct-changes: "true"\)/,
    );
    expect(
      (await read('propertyos-workers')).spec?.template?.spec?.containers[0]
        .image,
    ).toBe('ghcr.io/delivery-example/propertyos-workers:9.9.1');
    const [run] = await backend.history('propertyos-workers');
    expect(run.inputs.preflight['gitops-owner']).toMatchObject({
      result: 'passed',
      allowDirectChanges: true,
    });
  });
});
