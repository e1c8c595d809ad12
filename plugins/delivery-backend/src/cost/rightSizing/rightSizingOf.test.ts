import { mockCredentials } from '@backstage/backend-test-utils';
import { CostAnswer } from '@internal/backstage-plugin-delivery-common';
import { Fleet } from '@internal/sandbox-fleet';
import request from 'supertest';
import { parse } from 'yaml';
import { TEST_COST_CONFIG } from '../../__testUtils__/costConfig';
import { startDeliveryReplica } from '../../__testUtils__/deliveryReplica';
import { startSeededFleet } from '../../__testUtils__/seededFleet';
import { USAGE_SAMPLE_TASK } from '../../usage/scheduleUsageSampling';
import { eventually } from '@internal/backstage-plugin-delivery-node/testUtils';

jest.setTimeout(120_000);

/**
 * Right-sizing in the Cost answer, from usage the backend samples itself from the sandbox's
 * metrics.k8s.io (messaging-api is seeded over-provisioned, pms-app tight), with the
 * thresholds lowered so seconds of samples count as a window.
 */
describe('right-sizing in GET /api/delivery/cost', () => {
  let fleet: Fleet;
  let server: any;
  // The test's scheduler runs a task only when triggered: each trigger is one poll.
  let scheduler: Awaited<ReturnType<typeof startDeliveryReplica>>['scheduler'];

  beforeAll(async () => {
    fleet = await startSeededFleet({
      autoTick: true,
      simulation: {
        tickMs: 100,
        speed: 20,
        load: {
          mode: 'steady',
          periodMs: 600_000,
          scaleDownStabilizationMs: 300_000,
        },
      },
    });
    const config = parse(fleet.portalConfig());
    config.delivery.cost = {
      ...TEST_COST_CONFIG,
      usage: { sampleSeconds: 5 },
      rightSizing: { minWindowHours: 0.002, minSamples: 4 },
    };
    ({ server, scheduler } = await startDeliveryReplica({ config }));
  });
  afterAll(() => fleet.stop());

  /** Production's recommendations, once each of its Deployments has a usage window. */
  async function rightSized(entityRef: string) {
    const production = (answer: CostAnswer) =>
      answer.rightSizing?.deployments.filter(d => d.cluster === 'production') ??
      [];
    const answer = await eventually(
      async () => {
        const res = await request(server)
          .get(`/api/delivery/cost?entityRef=${encodeURIComponent(entityRef)}`)
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        // Another sample for the window, as the scheduler would take one.
        await scheduler.triggerTask(USAGE_SAMPLE_TASK);
        return res.body as CostAnswer;
      },
      a =>
        production(a).length > 0 &&
        production(a).every(d => d.status !== 'insufficient-data'),
      { what: `a usage window for ${entityRef}`, intervalMs: 500 },
    );
    return production(answer);
  }

  it('recommends smaller requests for an over-provisioned service, with the saving', async () => {
    const [messaging] = await rightSized('component:default/messaging-api');
    expect(messaging.status).toBe('recommend');
    expect(messaging.recommended.cpuMillicores).toBeLessThan(
      messaging.current.cpuMillicores,
    );
    expect(messaging.monthlySaving).toBeGreaterThan(0);
    expect(messaging.explanation.join(' ')).toMatch(/\$/);
  });

  it('leaves a tight service alone', async () => {
    const deployments = await rightSized('component:default/pms-app');
    expect(deployments.map(d => d.status)).not.toContain('recommend');
  });
});
