import { mockCredentials } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import {
  capturedAuditLog,
  eventually,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  clusterWritesDuring,
  DeliveryActionsBackend,
  realPermissionFramework,
  REAL_PERMISSION_FRAMEWORK_CONFIG,
  startDeliveryActionsBackend,
} from '@internal/backstage-plugin-scaffolder-backend-module-delivery/testUtils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { deliveryModuleAgentActions } from './module';

// A real catalog processes the example catalog first: seconds on a busy machine.
jest.setTimeout(240_000);

/** Members of the example catalog's teams (catalog/org.yaml). */
const CAROL = 'user:default/carol'; // propertyos-core-team, which owns OWNER_SERVICE
const OWNER_SERVICE = 'component:default/propertyos-owner-service';
const OTHER_TEAMS_SERVICE = 'component:default/messaging-api'; // messaging-team's
const image = (tag: string) =>
  `ghcr.io/delivery-example/propertyos-owner-service:${tag}`;
/** A deploy follows its rollout before it answers: longer than an MCP client's default. */
const CALL_TIMEOUT_MS = 180_000;

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, any>;
};

/**
 * What an agent sees: the whole portal backend with Delivery's agent actions in the
 * actions registry, served by the mcp-actions backend, called by the MCP SDK's client
 * over streamable HTTP with a user's token. The real catalog, permission backend and
 * Delivery policy decide; the sandbox fleet is the clusters.
 */
describe("Delivery's actions over MCP", () => {
  const audit = capturedAuditLog();
  let backend: DeliveryActionsBackend;
  let agent: Client;

  const call = async (name: string, args: Record<string, unknown>) =>
    (await agent.callTool(
      { name: `delivery.${name}`, arguments: args },
      undefined,
      { timeout: CALL_TIMEOUT_MS },
    )) as ToolResult;
  beforeAll(async () => {
    backend = await startDeliveryActionsBackend({
      templates: [],
      catalog: 'from-features',
      features: [
        ...realPermissionFramework([]),
        deliveryModuleAgentActions,
        mcpActionsPlugin,
        audit.factory,
      ],
      config: {
        ...REAL_PERMISSION_FRAMEWORK_CONFIG,
        backend: { actions: { pluginSources: ['delivery'] } },
      },
    });
    agent = new Client({ name: 'delivery-test-agent', version: '1.0.0' });
    await agent.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://localhost:${backend.server.port()}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(CAROL) },
          },
        },
      ),
    );
    // Until the catalog has processed the services and the teams, and the Delivery cache
    // reads carol's service from the sandbox.
    await eventually(
      () => call('get-rollouts', { entityRef: OWNER_SERVICE }),
      result =>
        !result.isError &&
        result.structuredContent?.clusters.some(
          (c: any) =>
            c.cluster.name === 'staging' && c.rollout.state === 'complete',
        ),
      { what: "carol reads her service's rollouts", limitMs: 180_000 },
    );
  });
  afterAll(async () => {
    await agent?.close();
    await backend?.fleet.stop();
  });

  const text = (result: ToolResult) =>
    result.content.map(c => c.text).join('\n');
  const stagingImage = () =>
    backend
      .cluster('staging')
      .apps.readNamespacedDeployment({
        namespace: 'propertyos',
        name: 'propertyos-owner-service',
      })
      .then(d => d.spec?.template?.spec?.containers[0].image);
  const runsOf = async (entityRef: string) =>
    (await call('get-run-history', { entityRef })).structuredContent
      ?.items as Array<Record<string, any>>;
  /**
   * Calls a tool and returns its result with what the call did: the writes any cluster
   * served and the Delivery actions' audit events, each `[point, status, environment,
   * initiatedBy]`, meanwhile.
   */
  const callObserved = async (name: string, args: Record<string, unknown>) => {
    const first = audit.lines.length;
    let result: ToolResult | undefined;
    const writes = await clusterWritesDuring(backend.fleet, async () => {
      result = await call(name, args);
    });
    const events = audit.lines
      .slice(first)
      .filter(l => l.plugin === 'delivery' && l.eventId === 'delivery-action');
    const shape = events.map(l => [
      l.meta?.point,
      l.status,
      l.meta?.environment,
      l.meta?.initiatedBy,
    ]);
    return {
      result: result!,
      writes,
      events,
      shape,
      lines: audit.lines.slice(first),
    };
  };

  it('lists the Delivery tools with what each does to the environment', async () => {
    const { tools } = await agent.listTools();
    const byName = new Map(tools.map(t => [t.name, t]));
    const hints = (name: string) => {
      const { readOnlyHint, destructiveHint, idempotentHint } =
        byName.get(`delivery.${name}`)?.annotations ?? {};
      return { readOnlyHint, destructiveHint, idempotentHint };
    };
    const reads = {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    };
    for (const name of [
      'get-rollouts',
      'get-overview',
      'get-dr-readiness',
      'get-cost',
      'get-run-history',
      'get-dora',
    ])
      expect(hints(name)).toEqual(reads);
    const changes = {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
    };
    for (const name of ['deploy', 'rollback', 'scale'])
      expect(hints(name)).toEqual(changes);
    expect(hints('failover-drill')).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    // A write is a dry run unless asked; a preflight refusal is not the agent's to override.
    const deploy = byName.get('delivery.deploy')!;
    expect(deploy.inputSchema.properties).toHaveProperty('execute');
    expect(deploy.inputSchema.properties).not.toHaveProperty('overrideReason');
    expect(deploy.description).toContain('Dry run unless `execute: true`');
  });

  it("reads a service's rollouts as the sandbox runs them", async () => {
    const result = await call('get-rollouts', { entityRef: OWNER_SERVICE });
    expect(result.isError).toBeFalsy();
    const staging = result.structuredContent?.clusters.find(
      (c: any) => c.cluster.name === 'staging',
    );
    expect(staging.rollout.currentImage).toBe(await stagingImage());
  });

  it("answers a team's overview, and a service's DR readiness and cost, as the portal shows them", async () => {
    const overview = await eventually(
      () => call('get-overview', { owner: 'propertyos-core-team' }),
      result =>
        !result.isError &&
        result.structuredContent?.services.some(
          (s: any) => s.entityRef === OWNER_SERVICE && s.placements.length > 0,
        ),
      { what: "the overview lists carol's team's service" },
    );
    const services = overview.structuredContent?.services as any[];
    expect(services.every(s => s.owner?.endsWith('propertyos-core-team'))).toBe(
      true,
    );
    expect(services.map(s => s.entityRef)).not.toContain(OTHER_TEAMS_SERVICE);
    expect(overview.structuredContent).toMatchObject({ truncated: 0 });

    const dr = await call('get-dr-readiness', { entityRef: OWNER_SERVICE });
    expect(text(dr)).not.toMatch(/Error/);
    expect(dr.structuredContent?.readiness).toMatchObject({
      entityRef: OWNER_SERVICE,
      score: expect.any(Number),
      checks: expect.any(Array),
    });

    const cost = await call('get-cost', { entityRef: OWNER_SERVICE });
    expect(text(cost)).not.toMatch(/Error/);
    expect(cost.structuredContent).toMatchObject({
      entityRef: OWNER_SERVICE,
      monthly: { current: expect.any(Number) },
    });

    const unfiltered = await call('get-overview', {});
    expect(unfiltered.isError).toBe(true);
    expect(text(unfiltered)).toContain(
      'InputError: owner, system: give at least one',
    );
  });

  it('dry-runs a deploy unless asked to execute: it says so, and no cluster changes', async () => {
    const before = await stagingImage();
    const { result, writes, shape } = await callObserved('deploy', {
      entityRef: OWNER_SERVICE,
      environment: 'staging',
      image: image('7.0.0'),
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      dryRun: true,
      summary: expect.stringMatching(/^Dry run of a .*7\.0\.0 to staging/),
    });
    expect(writes).toEqual([]);
    expect(shape).toEqual([]);
    expect(await stagingImage()).toBe(before);
    const runs = await runsOf(OWNER_SERVICE);
    expect(runs.filter(r => r.inputs.image === image('7.0.0'))).toEqual([]);
  });

  it("deploys to the user's own service in staging, recorded and audited as theirs", async () => {
    const { result, shape, events, lines } = await callObserved('deploy', {
      entityRef: OWNER_SERVICE,
      environment: 'staging',
      image: image('7.1.0'),
      execute: true,
    });
    expect(text(result)).not.toMatch(/Error/);
    expect(result.structuredContent).toMatchObject({
      dryRun: false,
      runId: expect.any(String),
      summary: expect.stringContaining(`${image('7.1.0')} on staging`),
      entityUrl: '/catalog/default/component/propertyos-owner-service/delivery',
    });
    await eventually(stagingImage, now => now === image('7.1.0'), {
      what: 'staging runs 7.1.0',
    });
    const [run] = await runsOf(OWNER_SERVICE);
    expect(run).toMatchObject({
      id: result.structuredContent?.runId,
      action: 'deploy',
      environment: 'staging',
      status: 'succeeded',
      initiatedBy: CAROL,
      taskId: expect.stringMatching(/^mcp-/),
      inputs: expect.objectContaining({ image: image('7.1.0') }),
    });
    // The audit log: the run started and finished, by the user who asked.
    expect(shape).toEqual([
      ['run-started', 'initiated', 'staging', CAROL],
      ['run-finished', 'succeeded', 'staging', CAROL],
    ]);
    expect(events[0].meta?.runId).toBe(run.id);
    // The Delivery backend recorded the run as started by the user, not by a plugin.
    expect(
      lines.filter(
        l =>
          l.plugin === 'delivery' &&
          l.eventId === 'run-start' &&
          l.status === 'succeeded',
      ),
    ).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ actorId: CAROL }),
      }),
    ]);
    // And the MCP server recorded the tool call as the user's.
    expect(
      lines.filter(
        l => l.plugin === 'mcp-actions' && l.eventId === 'tool-execution',
      ),
    ).toEqual([
      expect.objectContaining({
        status: 'initiated',
        actor: expect.objectContaining({ actorId: CAROL }),
      }),
      expect.objectContaining({
        status: 'succeeded',
        actor: expect.objectContaining({ actorId: CAROL }),
      }),
    ]);
    // The deploy counts in the service's DORA metrics for staging.
    const dora = await call('get-dora', { entityRef: OWNER_SERVICE });
    expect(text(dora)).not.toMatch(/Error/);
    const staging = dora.structuredContent?.environments.find(
      (e: any) => e.environment === 'staging',
    );
    expect(staging.metrics.deploymentFrequency).toMatchObject({
      state: 'measured',
      deploys: (await runsOf(OWNER_SERVICE)).filter(
        r =>
          r.action === 'deploy' &&
          r.environment === 'staging' &&
          r.status === 'succeeded',
      ).length,
    });
  });

  it("refuses a deploy to another team's service, naming who may, and changes nothing", async () => {
    const refusal =
      'Only messaging-team and the platform team may deploy messaging-api in staging';
    const { result, writes, shape, events } = await callObserved('deploy', {
      entityRef: OTHER_TEAMS_SERVICE,
      environment: 'staging',
      image: 'ghcr.io/delivery-example/messaging-api:9.9.9',
      execute: true,
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain(`NotAllowedError: ${refusal}`);
    expect(writes).toEqual([]);
    expect(await runsOf(OTHER_TEAMS_SERVICE)).toEqual([]);
    // Audited as refused, with the reason and the user who asked.
    expect(shape).toEqual([
      ['action-refused', 'initiated', 'staging', CAROL],
      ['action-refused', 'failed', 'staging', CAROL],
    ]);
    expect(events[1].error?.message).toContain(refusal);
    expect(events[1].meta).toMatchObject({
      entityRef: OTHER_TEAMS_SERVICE,
      taskId: expect.stringMatching(/^mcp-/),
    });
  });

  it('refuses a production deploy to a developer, and changes nothing', async () => {
    const refusal =
      'Only the platform team may deploy propertyos-owner-service in production';
    const { result, writes, shape, events } = await callObserved('deploy', {
      entityRef: OWNER_SERVICE,
      environment: 'production',
      image: image('7.1.0'),
      execute: true,
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain(`NotAllowedError: ${refusal}`);
    expect(writes).toEqual([]);
    const runs = await runsOf(OWNER_SERVICE);
    expect(runs.filter(r => r.environment === 'production')).toEqual([]);
    expect(shape).toEqual([
      ['action-refused', 'initiated', 'production', CAROL],
      ['action-refused', 'failed', 'production', CAROL],
    ]);
    expect(events[1].error?.message).toContain(refusal);
  });

  it('refuses an override reason by name: a person overrides preflight checks, in the portal', async () => {
    const { result, writes } = await callObserved('deploy', {
      entityRef: OWNER_SERVICE,
      environment: 'staging',
      image: image('7.2.0'),
      overrideReason: 'the freeze does not apply to this hotfix',
      execute: true,
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain(
      'InputError: Invalid input to action "delivery:deploy"',
    );
    expect(text(result)).toContain('overrideReason');
    expect(writes).toEqual([]);
    expect(await stagingImage()).not.toBe(image('7.2.0'));
  });
});
