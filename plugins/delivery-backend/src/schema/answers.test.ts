import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import Ajv from 'ajv';
import request from 'supertest';
import { scaffolderHeader } from '../__testUtils__/scaffolderCredentials';
import { deliveryPlugin } from '../plugin';
import { spec } from './openapi';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';

// Starts a test backend (plugins, database migrations): seconds on a busy machine.
jest.setTimeout(60_000);

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(JSON.parse(JSON.stringify(spec)), 'contract');

/** The contract's complaints about `body` as the schema `name`; none when it conforms. */
function complaints(name: string, body: unknown) {
  const validate = ajv.getSchema(`contract#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the contract`);
  return validate(body) ? [] : validate.errors;
}

/**
 * What the backend answers is what the contract says it answers: each route is called for
 * real and its body checked against the schema the contract names for it.
 */
describe('answers of the Delivery backend', () => {
  const entityRef = 'component:default/payment-service';
  const user = mockCredentials.user.header('user:default/bob');
  const service = scaffolderHeader.onBehalfOf('user:default/alice');
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        databaseReleasedOnShutdown,
        deliveryPlugin,
        mockServices.rootConfig.factory({
          data: {
            delivery: {
              environments: [
                { name: 'staging' },
                { name: 'production', production: true },
              ],
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'payment-service',
                namespace: 'default',
                annotations: {
                  'backstage.io/kubernetes-id': 'payment-service',
                },
              },
              spec: { type: 'service', owner: 'x', lifecycle: 'production' },
            },
          ],
        }),
      ],
    }));
  });

  const get = (path: string) =>
    request(server).get(`/api/delivery${path}`).set('Authorization', user);
  const post = (path: string, body: object, auth = service) =>
    request(server)
      .post(`/api/delivery${path}`)
      .set('Authorization', auth)
      .send(body);

  it('answers health, runs and prices as the contract describes them', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(complaints('DeliveryHealth', health.body)).toEqual([]);
    // The check can fail: an answer the contract does not allow is named.
    expect(
      complaints('DeliveryHealth', { ...health.body, status: 'down' }),
    ).toEqual([expect.objectContaining({ instancePath: '/status' })]);

    const started = await post('/runs', {
      entityRef,
      environment: 'staging',
      action: 'deploy',
      inputs: { image: 'payments:2.0.0' },
      before: { images: ['payments:1.0.0'] },
    });
    expect(started.status).toBe(201);
    expect(complaints('DeliveryRun', started.body)).toEqual([]);

    const finished = await post(`/runs/${started.body.id}/finish`, {
      status: 'succeeded',
      summary: 'deployed payments:2.0.0',
    });
    expect(finished.status).toBe(204);

    const runs = await get(`/runs?entityRef=${entityRef}`);
    expect(runs.status).toBe(200);
    expect(runs.body.items).toHaveLength(1);
    expect(complaints('DeliveryRunList', runs.body)).toEqual([]);

    const prices = await get('/cost/prices');
    expect(prices.status).toBe(200);
    expect(complaints('CostPricesAnswer', prices.body)).toEqual([]);

    const dora = await get(`/dora?entityRef=${entityRef}`);
    expect(dora.status).toBe(200);
    expect(complaints('DoraAnswer', dora.body)).toEqual([]);
    const doraSummary = await get('/dora/summary');
    expect(doraSummary.status).toBe(200);
    expect(complaints('DoraSummary', doraSummary.body)).toEqual([]);
  });

  it('answers approvals as the contract describes them', async () => {
    const asked = await post('/approvals', {
      id: '0d4f5a9e-3b5c-4d7e-9f10-2a3b4c5d6e7f',
      entityRef,
      environment: 'production',
      mode: 'switchover',
      reason: 'planned region maintenance tonight',
    });
    expect(asked.status).toBe(201);
    expect(complaints('DrApproval', asked.body)).toEqual([]);

    const listed = await get(`/approvals?entityRef=${entityRef}`);
    expect(listed.status).toBe(200);
    expect(complaints('DrApprovalList', listed.body)).toEqual([]);

    const decided = await post(
      `/approvals/${asked.body.id}/decision`,
      { decision: 'approve' },
      user,
    );
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved');
    expect(complaints('DrApproval', decided.body)).toEqual([]);
  });

  it("answers a service's rollouts, DR readiness, cost and budget check with the documents the contract names", async () => {
    const rollouts = await get(`/rollouts?entityRef=${entityRef}`);
    expect(rollouts.status).toBe(200);
    expect(complaints('EntityRollouts', rollouts.body)).toEqual([]);

    const dr = await get(`/dr?entityRef=${entityRef}`);
    expect(dr.status).toBe(200);
    expect(complaints('DrReadinessAnswer', dr.body)).toEqual([]);

    const cost = await get(`/cost?entityRef=${entityRef}`);
    expect(cost.status).toBe(200);
    expect(complaints('CostAnswer', cost.body)).toEqual([]);

    const budget = await post('/cost/budget-check', {
      entityRef,
      environment: 'staging',
      action: 'scale',
      changes: [
        { cluster: 'staging', cpuMillicores: 250, memoryBytes: 1, replicas: 1 },
      ],
    });
    expect(budget.status).toBe(200);
    expect(complaints('BudgetCheckAnswer', budget.body)).toEqual([]);

    const overview = await get('/overview');
    expect(overview.status).toBe(200);
    expect(complaints('OverviewDocument', overview.body)).toEqual([]);

    const changes = await get(
      `/overview/changes?cursor=${encodeURIComponent(overview.body.cursor)}`,
    );
    expect(changes.status).toBe(200);
    expect(changes.body.full).toBe(false);
    expect(complaints('OverviewChanges', changes.body)).toEqual([]);
    const everything = await get('/overview/changes?cursor=unknown');
    expect(everything.body.full).toBe(true);
    expect(complaints('OverviewChanges', everything.body)).toEqual([]);
  });
});
