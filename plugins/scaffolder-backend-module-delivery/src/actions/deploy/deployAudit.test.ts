import {
  AuditLine,
  capturedAuditLog,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { runTask } from '../../__testUtils__/runTask';
import {
  serviceActionTemplate,
  startDeliveryActionsBackend,
} from '../../__testUtils__/startDeliveryActionsBackend';

jest.setTimeout(120_000);

const DEPLOY = 'template:default/deploy';
const SERVICE = 'propertyos-tenant-service';
const ENTITY = `component:default/${SERVICE}`;
/** What the smoke endpoint's Basic credentials are: the secret no audit line may show. */
const SECRET = 's3cret-smoke-password';

describe('the audit log of delivery:service:deploy', () => {
  const audit = capturedAuditLog();
  let backend: Awaited<ReturnType<typeof startDeliveryActionsBackend>>;
  let smoke: http.Server;
  let answer = 200;

  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [serviceActionTemplate('deploy', 'image', 'smokeUrl')],
      features: [audit.factory],
      fleetOptions: { timeScale: 10 },
    });
    // A smoke endpoint behind Basic credentials: 401 without them.
    const expected = `Basic ${Buffer.from(`smoke:${SECRET}`).toString(
      'base64',
    )}`;
    smoke = http.createServer((req, res) => {
      res.statusCode = req.headers.authorization === expected ? answer : 401;
      res.end();
    });
    await new Promise<void>(resolve => smoke.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    smoke.closeAllConnections();
    smoke.close();
    await backend.fleet.stop();
  });
  afterEach(() => {
    answer = 200;
  });

  const port = () => (smoke.address() as AddressInfo).port;
  const smokeUrl = () => `http://smoke:${SECRET}@127.0.0.1:${port()}/health`;
  const imageOf = async () =>
    (
      await backend.cluster('staging').apps.readNamespacedDeployment({
        namespace: 'propertyos',
        name: SERVICE,
      })
    ).spec?.template?.spec?.containers[0].image;
  /** The Delivery actions' audit lines of one task. */
  const linesOf = (taskId: string) =>
    audit.lines.filter(
      l => l.eventId?.startsWith('delivery-') && l.meta?.taskId === taskId,
    );
  const shape = (lines: AuditLine[]) => lines.map(l => [l.eventId, l.status]);

  it('records the start, each changed Deployment and the end, with who, what and where', async () => {
    const before = await imageOf();
    const image = `ghcr.io/delivery-example/${SERVICE}:9.2.0`;
    const task = await runTask(backend.server, DEPLOY, {
      entityRef: ENTITY,
      environment: 'staging',
      image,
      smokeUrl: smokeUrl(),
    });
    // Passed: the smoke check sent the URL's user info as Basic credentials.
    expect(task.status).toBe('completed');
    const lines = linesOf(task.id!);
    expect(shape(lines)).toEqual([
      ['delivery-action', 'initiated'],
      ['delivery-change', 'initiated'],
      ['delivery-change', 'succeeded'],
      ['delivery-action', 'succeeded'],
    ]);
    const who = {
      action: 'deploy',
      entityRef: ENTITY,
      environment: 'staging',
      initiatedBy: 'user:default/mock',
    };
    expect(lines[0]).toMatchObject({
      message: 'scaffolder.delivery-action',
      severityLevel: 'medium',
      meta: {
        ...who,
        point: 'run-started',
        inputs: {
          image,
          strategy: 'rolling',
          smokeUrl: `http://[redacted]@127.0.0.1:${port()}/health`,
        },
      },
    });
    expect(lines[2].meta).toMatchObject({
      ...who,
      point: 'change-applied',
      change: `staging/propertyos/Deployment/${SERVICE}: image ${before} → ${image}`,
    });
    expect(lines[3].meta).toMatchObject({
      ...who,
      point: 'run-finished',
      status: 'succeeded',
      summary: `${image} on staging (rolling)`,
    });
    // The Delivery backend's side: the run started for the user, finished by the scaffolder.
    const runId = lines[0].meta?.runId;
    const deliveryLines = (eventId: string) =>
      audit.lines
        .filter(l => l.plugin === 'delivery' && l.eventId === eventId)
        .filter(l => l.meta?.runId === runId && l.status === 'succeeded');
    expect(deliveryLines('run-start')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ actorId: 'user:default/mock' }),
        meta: expect.objectContaining({ entityRef: ENTITY, action: 'deploy' }),
      }),
    ]);
    expect(deliveryLines('run-finish')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ actorId: 'plugin:scaffolder' }),
        meta: expect.objectContaining({ status: 'succeeded' }),
      }),
    ]);
  });

  it('records a rolled-back deploy as failed, with the reason', async () => {
    answer = 500;
    const task = await runTask(backend.server, DEPLOY, {
      entityRef: ENTITY,
      environment: 'staging',
      image: `ghcr.io/delivery-example/${SERVICE}:9.3.0`,
      smokeUrl: smokeUrl(),
    });
    expect(task.status).toBe('failed');
    expect(task.log).not.toContain(SECRET);
    const lines = linesOf(task.id!);
    // Rolled back: the Deployment is as it was, so no object is left changed.
    expect(shape(lines)).toEqual([
      ['delivery-action', 'initiated'],
      ['delivery-action', 'failed'],
    ]);
    expect(lines[1]).toMatchObject({
      meta: { point: 'run-failed', status: 'failed' },
      error: {
        message: expect.stringContaining(
          `smoke check http://[redacted]@127.0.0.1:${port()}/health answered 500`,
        ),
      },
    });
  });

  it('records a refusal with medium severity, in production too', async () => {
    const task = await runTask(backend.server, DEPLOY, {
      entityRef: ENTITY,
      environment: 'production',
      image: `ghcr.io/delivery-example/${SERVICE}:latest`,
    });
    expect(task.status).toBe('failed');
    const lines = linesOf(task.id!);
    expect(shape(lines)).toEqual([
      ['delivery-action', 'initiated'],
      ['delivery-action', 'failed'],
    ]);
    expect(lines[1]).toMatchObject({
      severityLevel: 'medium',
      meta: {
        point: 'action-refused',
        environment: 'production',
        initiatedBy: 'user:default/mock',
      },
      error: { message: expect.stringContaining('latest') },
    });
  });

  // Last: every line the deploys above wrote, the scaffolder's own task events included.
  it("keeps the smoke endpoint's password out of every audit line", () => {
    expect(audit.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.lines)).not.toContain(SECRET);
  });
});
