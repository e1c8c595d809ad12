import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { scaffolderHeader } from '../__testUtils__/scaffolderCredentials';
import { stagingAndProductionConfig } from '../__testUtils__/stagingAndProductionConfig';
import { deliveryPlugin } from '../plugin';
import { databaseReleasedOnShutdown } from '@internal/backstage-plugin-delivery-node/testUtils';

// Starts a test backend (plugins, database migrations): seconds on a busy machine.
jest.setTimeout(30_000);

const config = stagingAndProductionConfig();

const run = {
  entityRef: 'component:default/payment-service',
  environment: 'staging',
  action: 'deploy',
  inputs: { image: 'ghcr.io/example/payment-service:1.2.3' },
};

const budgetCheck = {
  entityRef: 'component:default/payment-service',
  environment: 'staging',
  action: 'scale',
  changes: [
    {
      cluster: 'sandbox-staging',
      cpuMillicores: 250,
      memoryBytes: 1,
      replicas: 2,
    },
  ],
};

/**
 * Requests the contract (src/schema/openapi.yaml) refuses never reach a handler: the real
 * router answers 400 with a message that starts with the field.
 */
describe('the Delivery contract', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [databaseReleasedOnShutdown, deliveryPlugin, config],
    }));
  });

  const startRun = (body: object) =>
    request(server)
      .post('/api/delivery/runs')
      .set('Authorization', scaffolderHeader.onBehalfOf('user:default/alice'))
      .send(body);

  it('refuses a run without an entityRef, naming it', async () => {
    const { entityRef: _, ...withoutRef } = run;
    const res = await startRun(withoutRef);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('entityRef: is required');
  });

  it('refuses a run with a field the contract does not have, naming it', async () => {
    const res = await startRun({ ...run, force: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('force: not a field of this request');
  });

  it('names the nested field of a bad extra lock', async () => {
    const res = await startRun({
      ...run,
      extraLocks: [{ entityRef: 'system:default/payments' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'extraLocks.0.environment: is required',
    );
  });

  it('refuses a wrong-typed or unknown query parameter on /runs', async () => {
    const get = (query: string) =>
      request(server)
        .get(`/api/delivery/runs?${query}`)
        .set('Authorization', mockCredentials.user.header());

    const notANumber = await get(
      'entityRef=component:default/payment-service&limit=many',
    );
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.error.message).toBe('limit: must be integer');

    const unknown = await get(
      'entityRef=component:default/payment-service&sort=newest',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      'sort: not a parameter of this request',
    );
  });

  it('refuses a bad budget-check body, naming the field', async () => {
    const post = (body: object) =>
      request(server)
        .post('/api/delivery/cost/budget-check')
        .set('Authorization', mockCredentials.service.header())
        .send(body);

    const negative = await post({
      ...budgetCheck,
      changes: [{ ...budgetCheck.changes[0], cpuMillicores: -1 }],
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.message).toBe(
      'changes.0.cpuMillicores: must be >= 0',
    );

    const wrongType = await post({ ...budgetCheck, changes: 'all of them' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toBe('changes: must be array');

    const { action: _, ...withoutAction } = budgetCheck;
    const missing = await post(withoutAction);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('action: is required');
  });

  it('serves the contract itself', async () => {
    const res = await request(server)
      .get('/api/delivery/openapi.json')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.info.title).toBe('delivery');
    expect(Object.keys(res.body.paths)).toContain('/api/delivery/runs');
  });
});
