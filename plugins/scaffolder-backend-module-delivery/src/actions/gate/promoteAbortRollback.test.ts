import { mockCredentials } from '@backstage/backend-test-utils';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { TEMPLATES_DIR } from '../../__testUtils__/goldenPathTemplates';
import { runTask } from '../../__testUtils__/runTask';
import { userVisibleState } from '../../__testUtils__/userVisibleState';
import {
  serviceActionTemplate,
  startDeliveryActionsBackend,
  deployTemplate,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

describe('promote, abort and rollback against the sandbox fleet', () => {
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let apps: AppsV1Api;
  let core: CoreV1Api;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [
        deployTemplate(
          'canarySteps',
          'canaryPauseSeconds',
          'pauseForPromotion',
        ),
        serviceActionTemplate('promote', 'keepPreviousSeconds'),
        serviceActionTemplate('abort'),
        serviceActionTemplate('rollback', 'revision'),
      ],
    });
    ({ apps, core } = backend.cluster('staging'));
  });
  afterAll(() => backend.fleet.stop());

  const run = (template: string, values: Record<string, unknown>) =>
    runTask(backend.server, `template:default/${template}`, {
      environment: 'staging',
      ...values,
    });
  const deployment = (namespace: string, name: string) =>
    apps.readNamespacedDeployment({ namespace, name });
  const imageOf = async (namespace: string, name: string) =>
    (await deployment(namespace, name)).spec?.template?.spec?.containers[0]
      .image;
  const selector = async (namespace: string, name: string) =>
    (await core.readNamespacedService({ namespace, name })).spec?.selector?.[
      'delivery/track'
    ];
  const history = (entity: string) => backend.history(entity);

  it('blue-green: pauses before the switch; promote switches and scales the old colour down', async () => {
    const entityRef = 'component:default/propertyos-payment-service';
    const image = 'ghcr.io/delivery-example/propertyos-payment-service:6.0.0';
    const paused = await run('deploy', {
      entityRef,
      image,
      pauseForPromotion: true,
    });
    expect(paused.status).toBe('completed');
    expect(paused.log).toMatch(/paused before the switch/);
    expect(await selector('propertyos', 'propertyos-payment-service')).toBe(
      'blue',
    );
    const green = await deployment(
      'propertyos',
      'propertyos-payment-service-green',
    );
    expect(green.spec?.template?.spec?.containers[0].image).toBe(image);
    expect(green.status?.availableReplicas).toBe(green.spec?.replicas);

    const promoted = await run('promote', {
      entityRef,
      keepPreviousSeconds: 0,
    });
    expect(promoted.status).toBe('completed');
    expect(await selector('propertyos', 'propertyos-payment-service')).toBe(
      'green',
    );
    expect(
      (await deployment('propertyos', 'propertyos-payment-service-blue')).spec
        ?.replicas,
    ).toBe(0);
    expect(
      (await history('propertyos-payment-service')).map(r => [
        r.action,
        r.status,
      ]),
    ).toEqual([
      ['promote', 'succeeded'],
      ['deploy', 'paused'],
    ]);
  });

  it('blue-green: rollback brings the previous colour back and switches to it', async () => {
    // After the promotion above: green (6.0.0) serves, blue (the old image) is at zero.
    const entityRef = 'component:default/propertyos-payment-service';
    const old = await imageOf('propertyos', 'propertyos-payment-service-blue');
    const result = await run('rollback', { entityRef });
    expect(result.status).toBe('completed');
    expect(await selector('propertyos', 'propertyos-payment-service')).toBe(
      'blue',
    );
    const blue = await deployment(
      'propertyos',
      'propertyos-payment-service-blue',
    );
    expect(blue.spec?.template?.spec?.containers[0].image).toBe(old);
    expect(blue.status?.availableReplicas).toBeGreaterThan(0);
  });

  it('canary: pauses at the first weight; abort empties the canary and leaves stable alone', async () => {
    // In staging capsight-backend is run by an Argo Rollout; the gateway keeps Delivery's
    // own canary Deployments there.
    const entityRef = 'component:default/propertyos-api-gateway';
    const stableBefore = await imageOf('propertyos', 'propertyos-api-gateway');
    const paused = await run('deploy', {
      entityRef,
      image: 'ghcr.io/delivery-example/propertyos-api-gateway:7.0.0',
      canarySteps: [25, 50],
      canaryPauseSeconds: 0,
      pauseForPromotion: true,
    });
    expect(paused.status).toBe('completed');
    expect(
      (await deployment('propertyos', 'propertyos-api-gateway-canary')).spec
        ?.replicas,
    ).toBeGreaterThan(0);

    const aborted = await run('abort', { entityRef });
    expect(aborted.status).toBe('completed');
    expect(
      (await deployment('propertyos', 'propertyos-api-gateway-canary')).spec
        ?.replicas,
    ).toBe(0);
    expect(await imageOf('propertyos', 'propertyos-api-gateway')).toBe(
      stableBefore,
    );
  });

  it('refuses to promote or abort when nothing is paused, and changes nothing', async () => {
    const entityRef = 'component:default/propertyos-api-gateway';
    const before = await deployment(
      'propertyos',
      'propertyos-api-gateway-canary',
    );
    for (const template of ['promote', 'abort']) {
      const result = await run(template, { entityRef });
      expect(result.status).toBe('failed');
      expect(result.log).toMatch(/environment: nothing is paused in staging/);
    }
    // The controllers keep writing the canary's status; its spec and labels stay put.
    const after = await deployment(
      'propertyos',
      'propertyos-api-gateway-canary',
    );
    expect(userVisibleState(after)).toEqual(userVisibleState(before));
  });

  it('rolling: rollback returns to the previous revision, and refuses one that is gone', async () => {
    const entityRef = 'component:default/propertyos-document-service';
    const original = await imageOf('propertyos', 'propertyos-document-service');
    const next = 'ghcr.io/delivery-example/propertyos-document-service:9.0.0';
    expect((await run('deploy', { entityRef, image: next })).status).toBe(
      'completed',
    );

    const gone = await run('rollback', { entityRef, revision: 999 });
    expect(gone.status).toBe('failed');
    expect(gone.log).toMatch(
      /revision: staging\/propertyos-document-service has no revision 999 any more \(revisions kept: [\d, ]+\)/,
    );
    expect(await imageOf('propertyos', 'propertyos-document-service')).toBe(
      next,
    );

    const back = await run('rollback', { entityRef });
    expect(back.status).toBe('completed');
    expect(back.log).toMatch(/revision \d+ -> \d+/);
    expect(await imageOf('propertyos', 'propertyos-document-service')).toBe(
      original,
    );
  });

  it.each([
    [
      'deploy',
      { image: 'ghcr.io/delivery-example/propertyos-owner-service:9.9.9' },
      /Dry run: would start a rolling deploy/,
    ],
    ['rollback', {}, /Dry run: would start a rolling rollback in staging/],
    [
      'promote',
      {},
      /strategy: a rolling deploy does not pause; there is nothing to promote or abort/,
    ],
    ['abort', {}, /strategy: a rolling deploy does not pause/],
    [
      'retry',
      {},
      /environment: component:default\/propertyos-owner-service is not run by an Argo Rollout in staging; only a Rollout keeps an aborted update to retry/,
    ],
    [
      'migrate',
      { mode: 'apply' },
      /Dry run: would start a migration in staging \(staging\) with the migration Job's image/,
    ],
    [
      'migrate',
      { mode: 'status' },
      /Dry run: would read the migration state in staging \(staging\) with a Job from propertyos-owner-service-migrate-/,
    ],
  ])(
    'the %s action template in templates/actions passes its form to its action',
    async (name, values, expected) => {
      const file = path.join(TEMPLATES_DIR, 'actions', name, 'template.yaml');
      const template = yaml.parse(fs.readFileSync(file, 'utf8'));
      const res = await request(backend.server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', mockCredentials.user.header())
        .send({
          template,
          values: {
            entityRef: 'component:default/propertyos-owner-service',
            environment: 'staging',
            ...values,
          },
          directoryContents: [],
        });
      const log = JSON.stringify(res.body);
      expect(log).toMatch(expected);
    },
  );
});
