import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createDeliveryApiClient } from '@internal/backstage-plugin-delivery-common';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import {
  ActionFailure,
  DeliveryActionDeps,
  DeliveryActionSpec,
} from './DeliveryActionSpec';
import { AuditEvent, PreflightCheck } from './hooks';
import { runDeliveryAction } from './runDeliveryAction';

const ENTITY_REF = 'component:default/orders-api';

/** The frame with a run store that records what it is asked, and an audit sink that keeps every event. */
function frame(
  options: {
    preflightChecks?: PreflightCheck[];
    allow?: boolean;
    /** Permissions the initiator lacks, by name; everything else is allowed. */
    lacks?: string[];
    /** The run store answers a finish with 503. */
    finishFails?: boolean;
  } = {},
) {
  const started: Array<Record<string, unknown>> = [];
  const finished: Array<Record<string, unknown>> = [];
  const events: AuditEvent[] = [];
  // The run store's two routes, answered as the backend answers them.
  const delivery = createDeliveryApiClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://delivery.test/api/delivery',
    },
    fetchApi: {
      fetch: async (url, init) => {
        const body = JSON.parse(String(init?.body));
        const finish = /\/runs\/([^/]+)\/finish$/.exec(String(url));
        if (finish && options.finishFails)
          return new Response(null, { status: 503 });
        if (finish) {
          finished.push({ id: finish[1], ...body });
          return Response.json({ ...body, id: finish[1] });
        }
        started.push(body);
        return Response.json({ ...body, status: 'running' }, { status: 201 });
      },
    },
  });
  const deps: DeliveryActionDeps = {
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'orders-api',
            annotations: { 'delivery/environments': 'staging,production' },
          },
          spec: { type: 'service', owner: 'group:default/x' },
        },
      ],
    }),
    config: readDeliveryConfig(new ConfigReader({})),
    rootConfig: new ConfigReader({}),
    connections: [],
    permissions: options.lacks
      ? mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result: options.lacks!.includes(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })) as any,
        })
      : mockServices.permissions({
          result:
            options.allow === false
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
    delivery,
    deliveryOnBehalfOf: () => delivery,
    logger: mockServices.logger.mock(),
    audit: {
      emit: async event => {
        events.push(event);
      },
    },
    preflightChecks: options.preflightChecks,
  };
  return { deps, started, finished, events };
}

/** An action that reaches no cluster, as a workflow dispatch does. */
function spec(overrides: Partial<DeliveryActionSpec> = {}): DeliveryActionSpec {
  return {
    action: 'dispatch-workflow',
    reach: 'none',
    entityRef: ENTITY_REF,
    environment: 'staging',
    rolloutTimeoutSeconds: 60,
    recordedInputs: { workflow: 'delivery.yaml' },
    describe: () => 'dispatch of delivery.yaml for staging',
    perform: async () => ({ summary: 'delivery.yaml run succeeded' }),
    ...overrides,
  };
}

const points = (events: AuditEvent[]) => events.map(e => e.point);

describe('runDeliveryAction', () => {
  it('records one run through its audit points: started, change applied, finished', async () => {
    const { deps, started, finished, events } = frame();
    const ctx = createMockActionContext({ input: {} });
    await runDeliveryAction(ctx, deps, spec());
    expect(started).toEqual([
      expect.objectContaining({
        entityRef: ENTITY_REF,
        environment: 'staging',
        action: 'dispatch-workflow',
        taskId: 'mock-task-id',
        inputs: { workflow: 'delivery.yaml', strategy: 'rolling' },
      }),
    ]);
    expect(finished).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        summary: 'delivery.yaml run succeeded',
      }),
    ]);
    expect(points(events)).toEqual([
      'run-started',
      'change-applied',
      'run-finished',
    ]);
    expect(new Set(events.map(e => e.runId))).toEqual(new Set([started[0].id]));
    expect(events.map(e => e.meta)).toEqual([
      { inputs: { workflow: 'delivery.yaml', strategy: 'rolling' } },
      { changes: [] },
      { status: 'succeeded', summary: 'delivery.yaml run succeeded' },
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'delivery.yaml run succeeded',
    );
  });

  it('runs the preflight checks for their actions: a refusal starts no run and is audited', async () => {
    const performed = jest.fn();
    const { deps, started, events } = frame({
      preflightChecks: [
        {
          name: 'only for deploys',
          actions: ['deploy'],
          check: async () => {
            throw new Error('never asked');
          },
        },
        {
          name: 'freeze window',
          check: async ({ plan }) => {
            throw new InputError(
              `environment: ${plan.environment.name} is frozen until Monday`,
            );
          },
        },
      ],
    });
    await expect(
      runDeliveryAction(
        createMockActionContext({ input: {} }),
        deps,
        spec({ perform: performed }),
      ),
    ).rejects.toThrow('environment: staging is frozen until Monday');
    expect(performed).not.toHaveBeenCalled();
    expect(started).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        point: 'action-refused',
        entityRef: ENTITY_REF,
        meta: { inputs: { workflow: 'delivery.yaml' } },
        error: expect.objectContaining({
          name: 'InputError',
          message: 'environment: staging is frozen until Monday',
        }),
      }),
    ]);
  });

  it('records what a preflight check found with the run, and meets it in a dry run too', async () => {
    const check = jest.fn(async () => ({
      passed: 'no change window is closed',
      recorded: { window: 'open' },
    }));
    const { deps, started } = frame({
      preflightChecks: [{ name: 'change-window', check }],
    });
    await runDeliveryAction(
      { ...createMockActionContext({ input: {} }), isDryRun: true },
      deps,
      spec(),
    );
    expect(check).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'dispatch-workflow', isDryRun: true }),
    );
    expect(started).toEqual([]);
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({ input: {}, logger });
    await runDeliveryAction(ctx, deps, spec());
    expect(started[0].inputs).toEqual({
      workflow: 'delivery.yaml',
      preflight: {
        'change-window': {
          result: 'passed',
          finding: 'no change window is closed',
          window: 'open',
        },
      },
      strategy: 'rolling',
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Preflight change-window: no change window is closed',
    );
  });

  describe('a refusing preflight check', () => {
    const refusing = (overridable: boolean): PreflightCheck => ({
      name: 'freeze-window',
      check: async () => ({
        refusal: 'staging is frozen until Monday (release week)',
        overridable,
      }),
    });

    it('stops the action before any run, saying what the platform team may do', async () => {
      const performed = jest.fn();
      const { deps, started, events } = frame({
        preflightChecks: [refusing(true)],
      });
      await expect(
        runDeliveryAction(
          createMockActionContext({ input: {} }),
          deps,
          spec({ perform: performed }),
        ),
      ).rejects.toThrow(
        'freeze-window: staging is frozen until Monday (release week). Nothing was changed; the platform team may go ahead anyway with a written overrideReason',
      );
      expect(performed).not.toHaveBeenCalled();
      expect(started).toEqual([]);
      expect(points(events)).toEqual(['action-refused']);
    });

    it('shows the task log the refusal, not the frames of the code that refused', async () => {
      const { deps } = frame({ preflightChecks: [refusing(true)] });
      const error = await runDeliveryAction(
        createMockActionContext({ input: {} }),
        deps,
        spec(),
      ).catch(e => e);
      expect(error.stack).toBe(`NotAllowedError: ${error.message}`);
    });

    it('lets the platform team go ahead with a written reason, which the run keeps', async () => {
      const { deps, started } = frame({ preflightChecks: [refusing(true)] });
      const logger = mockServices.logger.mock();
      const ctx = createMockActionContext({
        input: { overrideReason: 'hotfix for the checkout outage INC-4711' },
        logger,
      });
      await runDeliveryAction(ctx, deps, spec());
      expect(started[0].inputs).toEqual(
        expect.objectContaining({
          preflight: {
            'freeze-window': {
              result: 'overridden',
              refusal: 'staging is frozen until Monday (release week)',
              overriddenBy: 'unknown',
              reason: 'hotfix for the checkout outage INC-4711',
            },
          },
        }),
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Overridden by unknown: "hotfix for the checkout outage INC-4711"',
        ),
      );
    });

    it('refuses an override from someone without delivery.preflight.override', async () => {
      const { deps, started } = frame({
        preflightChecks: [refusing(true)],
        lacks: ['delivery.preflight.override'],
      });
      await expect(
        runDeliveryAction(
          createMockActionContext({
            input: { overrideReason: 'hotfix for the checkout outage' },
          }),
          deps,
          spec(),
        ),
      ).rejects.toThrow(
        'Only the platform team may override it (delivery.preflight.override); nothing was changed',
      );
      expect(started).toEqual([]);
    });

    it('never overrides a refusal that is not overridable, and refuses a reason too short to read', async () => {
      const { deps, started } = frame({ preflightChecks: [refusing(false)] });
      await expect(
        runDeliveryAction(
          createMockActionContext({
            input: { overrideReason: 'hotfix for the checkout outage' },
          }),
          deps,
          spec(),
        ),
      ).rejects.toThrow(
        'freeze-window: staging is frozen until Monday (release week). Nothing was changed',
      );
      const overridable = frame({ preflightChecks: [refusing(true)] });
      await expect(
        runDeliveryAction(
          createMockActionContext({ input: { overrideReason: 'ok' } }),
          overridable.deps,
          spec(),
        ),
      ).rejects.toThrow('overrideReason: "ok" is too short to override');
      expect([...started, ...overridable.started]).toEqual([]);
    });
  });

  it("audits a refusal of the inputs' own checks, made before the service is read", async () => {
    const { deps, started, events } = frame();
    const readService = jest.spyOn(deps.catalog, 'getEntityByRef');
    await expect(
      runDeliveryAction(
        createMockActionContext({ input: {} }),
        deps,
        spec({
          validate: () => {
            throw new InputError('image: "api" must be an image reference');
          },
        }),
      ),
    ).rejects.toThrow('image: "api" must be an image reference');
    expect(readService).not.toHaveBeenCalled();
    expect(started).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        point: 'action-refused',
        environment: 'staging',
        error: expect.objectContaining({
          message: 'image: "api" must be an image reference',
        }),
      }),
    ]);
  });

  it('refuses a user without the permission, starting no run', async () => {
    const { deps, started, events } = frame({ allow: false });
    await expect(
      runDeliveryAction(createMockActionContext({ input: {} }), deps, spec()),
    ).rejects.toThrow(
      'Only x and the platform team may dispatch the workflow of orders-api in staging',
    );
    expect(started).toEqual([]);
    expect(points(events)).toEqual(['action-refused']);
  });

  it('finishes a run whose action failed as failed, or as aborted when the task was cancelled', async () => {
    const { deps, finished, events } = frame();
    const failing = spec({
      perform: async () => {
        throw new Error('the workflow run failed');
      },
    });
    await expect(
      runDeliveryAction(createMockActionContext({ input: {} }), deps, failing),
    ).rejects.toThrow('the workflow run failed');
    const cancel = new AbortController();
    cancel.abort();
    await expect(
      runDeliveryAction(
        { ...createMockActionContext({ input: {} }), signal: cancel.signal },
        deps,
        failing,
      ),
    ).rejects.toThrow('the workflow run failed');
    expect(finished.map(f => [f.status, f.summary])).toEqual([
      ['failed', 'the workflow run failed'],
      ['aborted', 'Cancelled: dispatch of delivery.yaml for staging'],
    ]);
    expect(points(events)).toEqual([
      'run-started',
      'run-failed',
      'run-started',
      'run-failed',
    ]);
  });

  it('records what an ActionFailure says the state is', async () => {
    const { deps, finished } = frame();
    await expect(
      runDeliveryAction(
        createMockActionContext({ input: {} }),
        deps,
        spec({
          perform: async () => {
            throw new ActionFailure('failed forward at dns', {
              state: { dnsPointsTo: 'primary' },
            });
          },
        }),
      ),
    ).rejects.toThrow('failed forward at dns');
    expect(finished).toEqual([
      expect.objectContaining({
        status: 'failed',
        summary: 'failed forward at dns',
        after: { state: { dnsPointsTo: 'primary' } },
      }),
    ]);
  });

  it('audits the changes an action reports, and what a failed run left changed', async () => {
    const { deps, events } = frame();
    await runDeliveryAction(
      createMockActionContext({ input: {} }),
      deps,
      spec({
        perform: async () => ({
          summary: 'dispatched',
          changes: ['github.com/acme/api/workflow/delivery.yaml: dispatched'],
        }),
      }),
    );
    await expect(
      runDeliveryAction(
        createMockActionContext({ input: {} }),
        deps,
        spec({
          perform: async () => {
            throw new ActionFailure('the migration Job failed', undefined, [
              'staging/ns/Job/migrate-1: migration created, failed',
            ]);
          },
        }),
      ),
    ).rejects.toThrow('the migration Job failed');
    expect(
      events.filter(e => e.meta.changes).map(e => [e.point, e.meta.changes]),
    ).toEqual([
      [
        'change-applied',
        ['github.com/acme/api/workflow/delivery.yaml: dispatched'],
      ],
      ['run-failed', ['staging/ns/Job/migrate-1: migration created, failed']],
    ]);
    expect(events.at(-1)?.error?.message).toBe('the migration Job failed');
  });

  it('keeps every secret of the inputs and the errors out of the audit events', async () => {
    const { deps, events } = frame();
    const secretInputs = {
      smokeUrl: 'https://user:s3cret@status.example.com/health',
      token: 's3cret',
      nested: { password: 's3cret' },
    };
    await expect(
      runDeliveryAction(
        createMockActionContext({ input: {} }),
        deps,
        spec({
          recordedInputs: secretInputs,
          perform: async () => {
            throw new Error(
              'smoke check https://user:s3cret@status.example.com/health?token=s3cret answered 500',
            );
          },
        }),
      ),
    ).rejects.toThrow();
    const refusing = frame({ allow: false });
    await expect(
      runDeliveryAction(
        createMockActionContext({ input: {} }),
        refusing.deps,
        spec({ recordedInputs: secretInputs }),
      ),
    ).rejects.toThrow();
    const all = [...events, ...refusing.events];
    expect(points(all)).toEqual([
      'run-started',
      'run-failed',
      'action-refused',
    ]);
    for (const event of all) {
      const text = JSON.stringify({
        ...event,
        error: event.error && [event.error.message, event.error.stack],
      });
      expect(text).not.toContain('s3cret');
    }
    expect(all[0].meta.inputs).toEqual(
      expect.objectContaining({
        smokeUrl: 'https://[redacted]@status.example.com/health',
        token: '[redacted]',
        nested: { password: '[redacted]' },
      }),
    );
  });

  it('audits a run whose end the run store could not record as failed, not as finished', async () => {
    const { deps, events } = frame({ finishFails: true });
    await expect(
      runDeliveryAction(createMockActionContext({ input: {} }), deps, spec()),
    ).rejects.toThrow('Request failed with 503');
    expect(points(events)).toEqual([
      'run-started',
      'change-applied',
      'run-failed',
    ]);
    expect(events.at(-1)?.error?.message).toContain('503');
  });

  it('performs an action that records no run without a lock, after the same checks', async () => {
    const { deps, started, events } = frame();
    const ctx = createMockActionContext({ input: {} });
    await runDeliveryAction(
      ctx,
      deps,
      spec({ recordsRun: false, describe: () => 'read the state' }),
    );
    expect(started).toEqual([]);
    expect(events).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'delivery.yaml run succeeded',
    );
  });
});
