import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readDeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import type { ActionPlan } from '../actions/frame/DeliveryActionSpec';
import type { PreflightContext } from '../actions/frame/hooks';
import { PREFLIGHT_CHECKS } from '../actions/frame/hooks';
import { freezeWindowCheck } from './freezeWindow';

/** Seed 003's two freezes, as app-config.yaml ships them but with the holiday freeze in Berlin time. */
const config = readDeliveryConfig(
  new ConfigReader({
    delivery: {
      freezes: [
        {
          name: 'Holiday freeze',
          reason: 'Holiday freeze',
          environments: ['production'],
          timeZone: 'Europe/Berlin',
          rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=22',
          duration: 'P12D',
        },
        {
          name: 'Database maintenance',
          reason: 'RDS maintenance window (sun:04:00-sun:05:00 UTC)',
          environments: ['production'],
          actions: ['migrate'],
          timeZone: 'UTC',
          rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=4;BYMINUTE=0',
          duration: 'PT1H',
        },
      ],
    },
  }),
);

const context = (overrides: {
  action?: string;
  environment?: string;
  now: string;
  annotations?: Record<string, string>;
  readOnly?: boolean;
}): PreflightContext => ({
  action: overrides.action ?? 'deploy',
  plan: {
    entityRef: 'component:default/payment-service',
    environment: {
      name: overrides.environment ?? 'production',
      production: true,
    },
    annotations: overrides.annotations ?? {},
  } as unknown as ActionPlan,
  recordedInputs: {},
  credentials: mockCredentials.user(),
  taskId: 'task-1',
  isDryRun: false,
  readOnly: overrides.readOnly ?? false,
  now: new Date(overrides.now),
  logger: mockServices.logger.mock(),
  deps: { config } as PreflightContext['deps'],
});

describe('freeze-window', () => {
  it('is one of the preflight checks, for every action but failover', () => {
    expect(PREFLIGHT_CHECKS).toContain(freezeWindowCheck);
    // Retry starts an aborted Argo Rollout's update again: a change like any other.
    expect(freezeWindowCheck.actions).toEqual([
      'deploy',
      'scale',
      'rollback',
      'promote',
      'abort',
      'retry',
      'migrate',
    ]);
    expect(freezeWindowCheck.actions).not.toContain('failover');
  });

  it('refuses a deploy inside the holiday freeze, naming it, its reason and when it lifts in Berlin and UTC; the platform team may override', async () => {
    const finding = await freezeWindowCheck.check(
      context({ now: '2026-12-24T09:00:00Z' }),
    );
    expect(finding).toEqual({
      refusal:
        'production is frozen for deploy: "Holiday freeze" (Holiday freeze) until 2027-01-03 00:00 Europe/Berlin (2027-01-02 23:00 UTC) (delivery.freezes). Try again after it lifts',
      overridable: true,
      recorded: {
        freezes: [
          {
            name: 'Holiday freeze',
            reason: 'Holiday freeze',
            source: 'config',
            start: '2026-12-21T23:00:00.000Z',
            end: '2027-01-02T23:00:00.000Z',
          },
        ],
      },
    });
  });

  it('refuses a retry of an aborted Argo Rollout inside the holiday freeze', async () => {
    const finding = await freezeWindowCheck.check(
      context({ action: 'retry', now: '2026-12-24T09:00:00Z' }),
    );
    expect(finding).toMatchObject({
      refusal: expect.stringMatching(
        /^production is frozen for retry: "Holiday freeze"/,
      ),
      overridable: true,
    });
  });

  it('passes outside, saying when the next freeze starts', async () => {
    const finding = await freezeWindowCheck.check(
      context({ now: '2026-12-06T12:00:00Z' }),
    );
    expect(finding).toEqual({
      passed:
        'no freeze in force in production for deploy; the next, "Holiday freeze" (Holiday freeze), starts 2026-12-22 00:00 Europe/Berlin (2026-12-21 23:00 UTC)',
    });
  });

  it('passes in an environment the freeze does not name', async () => {
    const finding = await freezeWindowCheck.check(
      context({ environment: 'staging', now: '2026-12-24T09:00:00Z' }),
    );
    expect(finding.refusal).toBeUndefined();
    expect(finding.passed).toBe(
      'no freeze in force in staging for deploy, and none scheduled',
    );
  });

  it('refuses a migration in the database maintenance window, and lets a deploy or a status read through', async () => {
    const sunday = '2026-12-06T04:30:00Z';
    expect(
      (
        await freezeWindowCheck.check(
          context({ action: 'migrate', now: sunday }),
        )
      ).refusal,
    ).toBe(
      'production is frozen for migrate: "Database maintenance" (RDS maintenance window (sun:04:00-sun:05:00 UTC)) until 2026-12-06 05:00 UTC (delivery.freezes). Try again after it lifts',
    );
    expect(
      (
        await freezeWindowCheck.check(
          context({ action: 'deploy', now: sunday }),
        )
      ).refusal,
    ).toBeUndefined();
    expect(
      (
        await freezeWindowCheck.check(
          context({ action: 'migrate', now: sunday, readOnly: true }),
        )
      ).refusal,
    ).toBeUndefined();
  });

  it("reads the service's own freezes from its delivery/freeze annotation", async () => {
    const finding = await freezeWindowCheck.check(
      context({
        action: 'scale',
        environment: 'staging',
        now: '2027-03-02T10:00:00Z',
        annotations: {
          'delivery/freeze':
            'name=Launch week | environments=staging,production | timeZone=America/New_York | start=2027-03-01T09:00 | end=2027-03-05T17:00',
        },
      }),
    );
    expect(finding.refusal).toBe(
      `staging is frozen for scale: "Launch week" until 2027-03-05 17:00 America/New_York (2027-03-05 22:00 UTC) (the service's delivery/freeze annotation). Try again after it lifts`,
    );
  });

  it('refuses the action when the annotation is malformed, naming it', async () => {
    await expect(
      freezeWindowCheck.check(
        context({
          now: '2026-12-06T12:00:00Z',
          annotations: {
            'delivery/freeze':
              'name=x | environments=production | timeZone=UTC | rrule=FREQ=DAILY;BYHOUR=24 | duration=PT1H',
          },
        }),
      ),
    ).rejects.toThrow(
      "delivery/freeze annotation, line 1, rrule: BYHOUR=24 is out of range (0 to 23). Fix the annotation in the service's catalog-info.yaml; nothing was changed",
    );
  });
});
