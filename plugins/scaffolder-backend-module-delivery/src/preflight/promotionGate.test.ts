import { JsonObject } from '@backstage/types';
import { startPreflightTest } from '../__testUtils__/preflightTest';

jest.setTimeout(180_000);

const REPO = 'ghcr.io/delivery-example';
const MINUTE = 60_000;
const later = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

describe('preflight promotion-gate, deploying to production against the sandbox fleet', () => {
  let test: Awaited<ReturnType<typeof startPreflightTest>>;
  beforeAll(async () => {
    test = await startPreflightTest();
  });
  afterAll(() => test?.backend.fleet.stop());

  const deployTo = (
    environment: 'staging' | 'production',
    service: string,
    version: string,
    options: Parameters<typeof test.deploy>[1] = {},
    more: JsonObject = {},
  ) =>
    test.deploy(
      {
        entityRef: `component:default/${service}`,
        environment,
        image: `${REPO}/${service}:${version}`,
        ...more,
      },
      options,
    );
  const productionRuns = async (service: string) =>
    (await test.backend.history(service)).filter(
      r => r.environment === 'production',
    );

  it('passes in staging, the first environment, saying so', async () => {
    const { logger } = await deployTo(
      'staging',
      'propertyos-maintenance-service',
      '3.0.0',
      { isDryRun: true },
    );
    expect(logger.info).toHaveBeenCalledWith(
      `Preflight promotion-gate: staging is the first of component:default/propertyos-maintenance-service's environments; there is no earlier one to have run ${REPO}/propertyos-maintenance-service:3.0.0 in`,
    );
  });

  it('refuses an image that has not run in staging, changing nothing in production', async () => {
    const service = 'propertyos-analytics-service';
    const before = await test.served('production', service);
    await expect(deployTo('production', service, '1.4.2')).rejects.toThrow(
      `promotion-gate: ${REPO}/${service}:1.4.2 has not run in staging; it must run there settled for 30 minutes before production. Deploy it to staging first. Nothing was changed; the platform team may go ahead anyway with a written overrideReason`,
    );
    expect(await test.served('production', service)).toEqual(before);
    expect(await test.backend.history(service)).toEqual([]);
  });

  it('refuses an image settled in staging for less than the soak, naming the minutes, and passes once soaked', async () => {
    const service = 'propertyos-document-service';
    const image = `${REPO}/${service}:1.4.2`;
    await deployTo('staging', service, '1.4.2');
    const [staged] = await test.backend.history(service);
    expect(staged).toMatchObject({
      status: 'succeeded',
      environment: 'staging',
    });
    const since = new Date(staged.finishedAt);
    const sinceText = since.toISOString().slice(11, 16);
    const before = await test.served('production', service);

    // Twelve minutes after the staging deploy ended.
    await expect(
      deployTo('production', service, '1.4.2', {
        now: new Date(since.getTime() + 12 * MINUTE + 5_000),
      }),
    ).rejects.toThrow(
      new RegExp(
        `promotion-gate: ${image.replace(
          /[.]/g,
          '\\.',
        )} has run settled in staging for 12 of the 30 minutes required \\(since (\\d{4}-\\d\\d-\\d\\d )?${sinceText} UTC\\); deploy it to production after [\\d: -]+ UTC\\. Nothing was changed`,
      ),
    );
    expect(await test.served('production', service)).toEqual(before);
    expect(await productionRuns(service)).toEqual([]);

    // Thirty-one minutes after: it goes ahead, and the run keeps what the gate found.
    await deployTo('production', service, '1.4.2', {
      now: new Date(since.getTime() + 31 * MINUTE),
    });
    expect((await test.served('production', service)).image).toBe(image);
    const [run] = await productionRuns(service);
    expect(run).toMatchObject({
      status: 'succeeded',
      inputs: {
        image,
        preflight: {
          'promotion-gate': {
            result: 'passed',
            predecessor: 'staging',
            soakMinutes: 30,
            minutesSettled: 31,
            settledSince: since.toISOString(),
            placedBy: { runId: staged.id, action: 'deploy' },
            servingIn: [
              expect.objectContaining({
                cluster: 'staging',
                deployment: service,
                image,
                settled: true,
              }),
            ],
          },
        },
      },
    });
  });

  it('refuses an image staging no longer runs, naming what it runs now', async () => {
    const service = 'propertyos-workers';
    await deployTo('staging', service, '1.4.2');
    await deployTo('staging', service, '1.4.3');
    const before = await test.served('production', service);
    await expect(
      deployTo('production', service, '1.4.2', { now: later(120) }),
    ).rejects.toThrow(
      `promotion-gate: staging now runs ${REPO}/${service}:1.4.3 (staging/${service}), not ${REPO}/${service}:1.4.2; it must run there settled for 30 minutes before production. Nothing was changed`,
    );
    expect(await test.served('production', service)).toEqual(before);
    expect(await productionRuns(service)).toEqual([]);
  });

  it('lets the platform team override it with a reason, which the run keeps', async () => {
    const service = 'propertyos-owner-service';
    const image = `${REPO}/${service}:2.0.1`;
    const reason = 'hotfix for INC-4711; staging is down for maintenance';
    await deployTo(
      'production',
      service,
      '2.0.1',
      {},
      { overrideReason: reason },
    );
    expect((await test.served('production', service)).image).toBe(image);
    const [run] = await productionRuns(service);
    expect(run).toMatchObject({
      status: 'succeeded',
      inputs: {
        image,
        preflight: {
          'promotion-gate': {
            result: 'overridden',
            refusal: `${image} has not run in staging; it must run there settled for 30 minutes before production. Deploy it to staging first`,
            reason,
            predecessor: 'staging',
          },
        },
      },
    });
  });
});
